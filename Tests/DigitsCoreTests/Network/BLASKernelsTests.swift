import Foundation
import Testing
@testable import DigitsCore

/// The choice of OpenBLAS kernels, and that products are right whichever were chosen.
@Suite("BLAS kernels")
struct BLASKernelsTests {
    @Test("AVX-512 gets the SkylakeX kernels, AVX2 with FMA Haswell's, anything less is left alone")
    func preferredCore() {
        let avx512: Set<Substring> = ["fma", "avx2", "avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]
        #expect(BLASKernels.preferredCore(flags: avx512) == "SkylakeX")
        #expect(BLASKernels.preferredCore(flags: ["fma", "avx2", "avx512f"]) == "Haswell")
        #expect(BLASKernels.preferredCore(flags: ["avx2"]) == nil)
        #expect(BLASKernels.preferredCore(flags: []) == nil)
    }

    @Test("only OpenBLAS's generic fallbacks are replaced")
    func fallbacks() {
        #expect(BLASKernels.isFallback("Prescott") && BLASKernels.isFallback("CORE2"))
        #expect(!BLASKernels.isFallback("SkylakeX") && !BLASKernels.isFallback("Haswell") && !BLASKernels.isFallback("Zen"))
    }

    @Test("on a CPU with AVX2 or better, OpenBLAS does not keep a fallback")
    func chosenMatchesTheCPU() throws {
        #if os(Linux)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = Set(cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ") ?? [])
        let chosen = try #require(BLASKernels.chosen, "OpenBLAS reports no core name")
        if BLASKernels.preferredCore(flags: flags) != nil && ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil {
            #expect(!BLASKernels.isFallback(chosen), "OpenBLAS kept \(chosen)")
        }
        #endif
    }

    @Test("products after the choice equal plain loops, a block of a wider matrix's columns too")
    func productsAreRight() {
        var generator = SeededGenerator(seed: 21)
        let m = 37, n = 29, k = 53, wide = 70
        let a = (0..<(k * wide)).map { _ in generator.nextNormal() }  // [k, wide]; A^T's rows 5..<42
        let b = (0..<(k * n)).map { _ in generator.nextNormal() }
        var c = [Float](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { a in
            matrixProduct(.transposed, .none, m: m, n: n, k: k, a: a.baseAddress! + 5, lda: wide,
                          b: b, c: &c)
        }
        for row in 0..<m {
            for column in 0..<n {
                var sum: Double = 0
                for i in 0..<k { sum += Double(a[i * wide + 5 + row]) * Double(b[i * n + column]) }
                #expect(abs(Double(c[row * n + column]) - sum) < 1e-3, "(\(row), \(column))")
            }
        }
    }
}
