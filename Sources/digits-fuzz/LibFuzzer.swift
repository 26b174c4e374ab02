import DigitsFuzz

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libFuzzer's driver, found at run time.
///
/// SwiftPM renames an executable's `main` (so tests can link it), and libFuzzer's own `main`
/// would call a C `LLVMFuzzerTestOneInput` with no say in which target runs. So this program
/// keeps its own entry point and hands libFuzzer a callback through `LLVMFuzzerRunDriver`,
/// libFuzzer's documented way in for programs with their own `main`. The symbol exists only in
/// the fuzz build (`-sanitize=fuzzer`, linked with `--export-dynamic-symbol` by scripts/fuzz),
/// so it is looked up with `dlsym` instead of linked by name: an ordinary build then still
/// links, and says it cannot fuzz.
enum LibFuzzer {
    /// `int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)`.
    typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    /// `int LLVMFuzzerRunDriver(int *argc, char ***argv, TestOneInput callback)`.
    typealias RunDriver = @convention(c) (
        UnsafeMutablePointer<Int32>,
        UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        TestOneInput
    ) -> Int32

    /// The driver, or nil when this binary was built without libFuzzer.
    static var driver: RunDriver? {
        // A null handle is RTLD_DEFAULT on Linux: search the program and what it loaded.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "LLVMFuzzerRunDriver") else { return nil }
        return unsafeBitCast(symbol, to: RunDriver.self)
    }

    /// The target the callback feeds. libFuzzer calls back on one thread, one input at a
    /// time, and a C callback cannot capture context, so it lives here.
    nonisolated(unsafe) static var target: FuzzTarget?

    /// Runs libFuzzer over `arguments` (its flags and corpus folders; the first is the program
    /// name) until it stops; returns its exit status.
    static func run(_ driver: RunDriver, target: FuzzTarget, arguments: [String]) -> Int32 {
        Self.target = target
        // libFuzzer keeps pointers into argv for the whole run: strdup'd and never freed.
        var argc = Int32(arguments.count)
        let strings = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: arguments.count + 1)
        for (index, argument) in arguments.enumerated() { strings[index] = strdup(argument) }
        strings[arguments.count] = nil
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = strings
        return driver(&argc, &argv, fuzzOneInput)
    }
}

/// The callback, under the name libFuzzer's own `main` links against. That `main` is in the
/// fuzz build but never runs (SwiftPM points `main` at this program's entry point), yet it
/// must link, so the name has to exist.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = LibFuzzer.target?.run(bytes)
    return 0
}
