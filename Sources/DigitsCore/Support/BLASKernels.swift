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

    /// Products of at most this many multiply-adds go to OpenBLAS's small-matrix kernels, which
    /// read the operands in place instead of packing them, with the AVX-512 kernels (SkylakeX
    /// and the cores built on it) since 0.3.18: `sgemm_small_kernel_permit_skylakex.c`.
    static let smallProductLimit = 1_000_000

    /// Whether the chosen kernels have those small-matrix kernels.
    static let hasSmallKernels: Bool = {
        guard let core = chosen?.lowercased() else { return false }
        return ["skylakex", "cooperlake", "sapphirerapids"].contains(core)
    }()

    /// The width of the blocks of op(B)'s columns in which `matrixProduct` takes a row-major
    /// product of this shape so that OpenBLAS's small-matrix kernels serve each (the widest power
    /// of two, at least 8), or nil to take it in one call: without those kernels, over 64 rows
    /// (slower in every width they take, README round 6), or when one call already reaches them
    /// or no block would.
    static func smallProductColumns(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int) -> Int? {
        guard hasSmallKernels else { return nil }
        return smallProductColumns(transA, transB, m: m, n: n, k: k, limit: smallProductLimit)
    }

    /// `smallProductColumns` by OpenBLAS's rule alone. Its kernels are column-major, so a
    /// row-major product reaches them with the operands swapped: x W^T (.none, .transposed) is
    /// its "TN" case, which it also refuses when C's block has over 1,200 entries or k is under
    /// 32. Both operands transposed are not blocked: the rule for them changed between releases
    /// (0.3.21 takes them from k = 4, later ones not at all), and no product of the network
    /// transposes both.
    static func smallProductColumns(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int, limit: Int) -> Int? {
        guard m > 0, m <= 64, n > 0, k > 0, !(transA == .transposed && transB == .transposed) else { return nil }
        let transposedCase = transA == .none && transB == .transposed
        func taken(_ width: Int) -> Bool {
            m * width * k <= limit && (!transposedCase || (k >= 32 && width * m <= 1200))
        }
        guard !taken(n) else { return nil }
        var width = 8
        while width * 2 < n && taken(width * 2) { width *= 2 }
        return taken(width) ? width : nil
    }

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
