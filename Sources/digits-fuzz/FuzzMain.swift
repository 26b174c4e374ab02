import DigitsFuzz
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `digits-fuzz`: runs one fuzz target under libFuzzer. Use `scripts/fuzz`, which builds it
/// with `-sanitize=fuzzer,address` and passes the corpus and limits.
///
///     digits-fuzz --list
///     digits-fuzz TARGET [libFuzzer flags] [corpus folders or files]
///     DIGITS_FUZZ_TARGET=TARGET digits-fuzz [libFuzzer flags] ...
///
/// libFuzzer re-runs the program for some modes (-fork, -merge), so the target is also put in
/// DIGITS_FUZZ_TARGET for those children. Built without libFuzzer (an ordinary `swift build`),
/// `digits-fuzz TARGET FILE...` replays files through the target and prints each outcome,
/// which reproduces a crash without the fuzz build.
@main
struct FuzzMain {
    static let environmentKey = "DIGITS_FUZZ_TARGET"

    static func main() {
        var arguments = CommandLine.arguments
        let program = arguments.removeFirst()
        if arguments.first == "--list" || arguments.first == "-list" {
            for target in FuzzTarget.all { print("\(target.name)\t\(target.summary)") }
            exit(0)
        }
        if arguments.first == "--help" || arguments.first == "-h" {
            print("usage: digits-fuzz TARGET [libFuzzer flags] [corpus...]   (targets: digits-fuzz --list)")
            exit(0)
        }

        var name = getenv(environmentKey).map { String(cString: $0) }
        if let first = arguments.first, !first.hasPrefix("-"), FuzzTarget.named(first) != nil {
            name = arguments.removeFirst()
            setenv(environmentKey, first, 1)
        }
        guard let name, let target = FuzzTarget.named(name) else {
            let known = FuzzTarget.all.map(\.name).joined(separator: ", ")
            complain("name a target first (\(known)), or set \(environmentKey)")
            exit(2)
        }

        if let driver = LibFuzzer.driver {
            exit(LibFuzzer.run(driver, target: target, arguments: [program] + arguments))
        }
        exit(replay(target, files: arguments))
    }

    /// Without libFuzzer: each file through the target once, its outcome printed.
    static func replay(_ target: FuzzTarget, files: [String]) -> Int32 {
        guard !files.isEmpty else {
            complain("built without libFuzzer (use scripts/fuzz); give files to replay")
            return 2
        }
        for file in files {
            guard let bytes = readFile(file) else {
                complain("cannot read \(file)")
                return 2
            }
            switch target.run(bytes) {
            case .accepted: print("\(file): accepted")
            case .rejected(let message): print("\(file): rejected: \(message)")
            }
        }
        return 0
    }

    /// `digits-fuzz: <message>` on stderr, keeping stdout for outcomes.
    private static func complain(_ message: String) {
        let line = "digits-fuzz: \(message)\n"
        _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    }

    private static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return ferror(file) == 0 ? bytes : nil
    }
}
