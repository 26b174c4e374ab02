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

    @Test("products go to OpenBLAS's small-matrix kernels in blocks of columns only where its rule takes each block")
    func smallProductBlocks() {
        let limit = BLASKernels.smallProductLimit
        // A thread's share of 784-1024-128-10's second layer: x W^T, dY W, and W -= r dY^T X.
        #expect(BLASKernels.smallProductColumns(.none, .transposed, m: 32, n: 128, k: 1024, limit: limit) == 16)
        #expect(BLASKernels.smallProductColumns(.none, .none, m: 32, n: 1024, k: 128, limit: limit) == 128)
        #expect(BLASKernels.smallProductColumns(.transposed, .none, m: 64, n: 1024, k: 64, limit: limit) == 128)
        // x W^T's block of C may not pass 1,200 entries, nor k fall under 32.
        #expect(BLASKernels.smallProductColumns(.none, .transposed, m: 64, n: 1024, k: 784, limit: limit) == 16)
        #expect(BLASKernels.smallProductColumns(.none, .transposed, m: 64, n: 1024, k: 16, limit: limit) == nil)
        #expect(BLASKernels.smallProductColumns(.none, .none, m: 64, n: 1024, k: 16, limit: limit) == 512)
        // One call already small enough (784-128-10's second layer), more than 64 rows, both
        // operands transposed, or no block of 8 under the limit: one call.
        #expect(BLASKernels.smallProductColumns(.none, .transposed, m: 32, n: 10, k: 128, limit: limit) == nil)
        #expect(BLASKernels.smallProductColumns(.none, .none, m: 65, n: 1024, k: 128, limit: limit) == nil)
        #expect(BLASKernels.smallProductColumns(.transposed, .transposed, m: 32, n: 1024, k: 128, limit: limit) == nil)
        #expect(BLASKernels.smallProductColumns(.none, .none, m: 64, n: 1024, k: 4096, limit: limit) == nil)
        // Every block the rule gives is one the kernels take.
        for (m, n, k) in [(32, 128, 1024), (64, 1024, 64), (17, 300, 200), (64, 784, 128)] {
            for (ta, tb) in [(Transpose.none, Transpose.none), (.none, .transposed), (.transposed, .none)] {
                guard let width = BLASKernels.smallProductColumns(ta, tb, m: m, n: n, k: k, limit: limit) else { continue }
                #expect(width >= 8 && width < n && m * width * k <= limit)
                if ta == .none && tb == .transposed { #expect(width * m <= 1200 && k >= 32) }
            }
        }
    }

    @Test("products taken in blocks of columns equal plain loops, with every transpose, alpha, beta and a wider A",
          arguments: [(Transpose.none, Transpose.none), (.none, .transposed), (.transposed, .none), (.transposed, .transposed)])
    func blockedProductsAreRight(transA: Transpose, transB: Transpose) {
        var generator = SeededGenerator(seed: 22)
        // 32 rows, 200 columns (not a multiple of the blocks), k 300; A read from a wider matrix
        // (lda 7 more than its width), as `Workspace+Shares` reads a share of a layer's outputs.
        let m = 32, n = 200, k = 300
        let width = transA == .none ? k : m, lda = width + 7
        let a = (0..<((transA == .none ? m : k) * lda)).map { _ in generator.nextNormal() }
        let b = (0..<(k * n)).map { _ in generator.nextNormal() }
        let start = (0..<(m * n)).map { _ in generator.nextNormal() }
        func expected(_ row: Int, _ column: Int) -> Double {
            var sum: Double = 0
            for i in 0..<k {
                let x = transA == .none ? a[row * lda + i] : a[i * lda + row]
                let y = transB == .none ? b[i * n + column] : b[column * k + i]
                sum += Double(x) * Double(y)
            }
            return -0.5 * sum + 2 * Double(start[row * n + column])
        }
        // The widths the rule picks on this machine (one call where its BLAS has no small
        // kernels), and fixed ones, so every BLAS runs the blocks.
        for blocks in [nil, 16, 64, 199, 200] as [Int?] {
            var c = start
            if let blocks {
                matrixProduct(transA, transB, m: m, n: n, k: k, alpha: -0.5, a: a, lda: lda, b: b, beta: 2, c: &c,
                              columnBlocks: blocks)
            } else {
                matrixProduct(transA, transB, m: m, n: n, k: k, alpha: -0.5, a: a, lda: lda, b: b, beta: 2, c: &c)
            }
            var worst: Double = 0
            for row in 0..<m {
                for column in 0..<n { worst = max(worst, abs(Double(c[row * n + column]) - expected(row, column))) }
            }
            #expect(worst < 1e-3, "blocks of \(blocks.map(String.init) ?? "the rule's width"): off by \(worst)")
        }
    }
}
