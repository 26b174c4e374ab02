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
/// columns (`BLASKernels.smallProductColumns`: up to 64 rows), it goes block by block, one
/// `sgemm` each. Those kernels read both operands in place, where the usual path packs them into
/// its own layout on every call: for a thread's share of 784-1024-128-10's second layer (32
/// rows) packing was a third of the products' time. Timed alone on one core, blocks took x W^T
/// from 106 to 55 µs, dY W from 74 to 55 µs and the weight step W -= r dY^T X (64 rows) from 61
/// to 52 µs, and the dense step's first layer (64 rows, 1,024 outputs) from 1,150 to 810-1,000
/// µs; at 128 rows every block width that the kernels take was slower than one call.
@inline(__always)
public func matrixProduct(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafePointer<Float>, lda: Int? = nil, b: UnsafePointer<Float>,
    beta: Float = 0, c: UnsafeMutablePointer<Float>
) {
    _ = BLASKernels.chosen
    let lda = lda ?? (transA == .none ? k : m)
    let ldb = transB == .none ? n : k
    let width = BLASKernels.smallProductColumns(transA, transB, m: m, n: n, k: k) ?? n
    for first in stride(from: 0, to: n, by: max(1, width)) {
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
