import Foundation

/// Makes OpenBLAS use the vector kernels this CPU has, when its own detection does not know it.
///
/// OpenBLAS built for every x86 CPU (`DYNAMIC_ARCH`, as Debian ships it) picks its kernels from
/// the CPU's model number, and a release older than the CPU falls back to the 2004 Pentium 4
/// ("Prescott") kernels, without AVX: Debian 12's 0.3.21 does that on Sapphire Rapids, and its
/// `sgemm` ran five times slower than with the AVX-512 (SkylakeX) kernels the CPU can run. So
/// before the first product, when OpenBLAS settled for Prescott on a CPU with AVX-512 or AVX2,
/// this asks it to choose again (`OPENBLAS_CORETYPE`, then OpenBLAS's own re-initialisation).
/// A user's own `OPENBLAS_CORETYPE` is left alone, as are other BLAS libraries.
///
/// Every product in `MatrixProduct.swift` reads `BLASKernels.chosen` first; a Swift global is
/// initialised once, and threads that reach it meanwhile wait, so no product runs while the
/// kernels change.
enum BLASKernels {
    /// The OpenBLAS core name after the choice ("SkylakeX"), or nil without OpenBLAS.
    static let chosen: String? = choose()

    /// The kernels to ask for on a CPU with these `/proc/cpuinfo` flags, or nil to keep
    /// OpenBLAS's choice.
    static func preferredCore(flags: Set<Substring>) -> String? {
        if ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"].allSatisfy(flags.contains) {
            return "SkylakeX"
        }
        if ["avx2", "fma"].allSatisfy(flags.contains) { return "Haswell" }
        return nil
    }

    /// Whether OpenBLAS's own pick is its generic fallback rather than a match for the CPU.
    static func isFallback(_ core: String) -> Bool {
        ["prescott", "core2", "katmai", "coppermine", "northwood", "banias"].contains(core.lowercased())
    }

    private static func choose() -> String? {
        #if os(Linux)
        typealias CoreName = @convention(c) () -> UnsafePointer<CChar>?
        typealias Hook = @convention(c) () -> Void
        let library = UnsafeMutableRawPointer(bitPattern: 0)  // RTLD_DEFAULT: every loaded library
        guard let nameSymbol = dlsym(library, "openblas_get_corename") else { return nil }
        let coreName = unsafeBitCast(nameSymbol, to: CoreName.self)
        func current() -> String? { coreName().map { String(cString: $0) } }
        guard let detected = current() else { return nil }
        guard isFallback(detected), getenv("OPENBLAS_CORETYPE") == nil,
              let quit = dlsym(library, "gotoblas_dynamic_quit"),
              let initialise = dlsym(library, "gotoblas_dynamic_init"),
              let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let core = preferredCore(flags: Set(flagsLine.split(separator: " ")))
        else { return detected }
        setenv("OPENBLAS_CORETYPE", core, 1)
        unsafeBitCast(quit, to: Hook.self)()
        unsafeBitCast(initialise, to: Hook.self)()
        // Programs this process starts later (a Python peer for `digits bench --compare`) would
        // inherit the variable; they choose for themselves.
        unsetenv("OPENBLAS_CORETYPE")
        return current()
        #else
        return nil
        #endif
    }
}
