import CBLAS

/// How a matrix operand is read by `matrixProduct`: as stored, or transposed by flag (never by copy).
public enum Transpose: Sendable {
    case none, transposed

    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

/// C = alpha * op(A) * op(B) + beta * C for row-major matrices, through BLAS `sgemm`.
///
/// `op(A)` is m x k and `op(B)` is k x n; `a` holds A as stored (m x k, or k x m when transposed),
/// likewise `b`. Every matrix product of the network goes through here. `lda` is the distance
/// between rows of `a` as stored, by default its width: a larger one reads a block of columns
/// of a wider matrix (a share of a layer's outputs, in `Workspace+Shares`).
///
/// Where OpenBLAS has small-matrix kernels that would take this product in blocks of op(B)'s
/// columns (`BLASKernels.smallProductColumns`, up to 64 rows), it goes block by block. Those
/// kernels read both operands in place, where the usual path packs them into its own layout on
/// every call, a third of the time of a thread's share of 784-1024-128-10's second layer; the
/// timings are in the README's speed section (round 6).
@inline(__always)
public func matrixProduct(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafePointer<Float>, lda: Int? = nil, b: UnsafePointer<Float>,
    beta: Float = 0, c: UnsafeMutablePointer<Float>
) {
    _ = BLASKernels.chosen
    let width = BLASKernels.smallProductColumns(transA, transB, m: m, n: n, k: k) ?? n
    matrixProduct(transA, transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, beta: beta, c: c,
                  columnBlocks: width)
}

/// `matrixProduct` taken in blocks of `columnBlocks` of op(B)'s (and C's) columns, one `sgemm`
/// each, the last block what is left; the tests take it with every width.
@inline(__always)
func matrixProduct(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafePointer<Float>, lda: Int? = nil, b: UnsafePointer<Float>,
    beta: Float = 0, c: UnsafeMutablePointer<Float>, columnBlocks width: Int
) {
    precondition(width > 0, "blocks of \(width) columns")
    let lda = lda ?? (transA == .none ? k : m)
    let ldb = transB == .none ? n : k
    for first in stride(from: 0, to: n, by: width) {
        let columns = min(width, n - first)
        // Columns of op(B) are B's columns as stored, or its rows when transposed.
        let block = transB == .none ? b + first : b + first * k
        cblas_sgemm(CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(columns), Int32(k),
                    alpha, a, Int32(lda), block, Int32(ldb), beta, c + first, Int32(n))
    }
}

/// y = alpha * A x + beta * y for a row-major m x n matrix A (with `.transposed`, A^T x: x has
/// m values and y n), through BLAS `sgemv`: a single input row (the Draw screen's one drawing)
/// is a matrix-vector product, and BLAS does those without the packing and threading set-up a
/// one-row `sgemm` pays for.
@inline(__always)
public func matrixVectorProduct(
    _ transA: Transpose = .none, m: Int, n: Int, alpha: Float = 1, a: UnsafePointer<Float>,
    x: UnsafePointer<Float>, beta: Float = 0, y: UnsafeMutablePointer<Float>
) {
    _ = BLASKernels.chosen
    cblas_sgemv(CblasRowMajor, transA.cblas, Int32(m), Int32(n), alpha, a, Int32(n), x, 1, beta, y, 1)
}
