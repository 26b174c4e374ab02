/// The registers the sparse kernels (`DenseLayer+SparseInput`, `DenseLayer+SparseBlocks`) work
/// in, and the loads, stores and multiply-adds they use.
extension DenseLayer {
    /// Sixteen floats: one AVX-512 register, two AVX ones.
    typealias Lanes = SIMD16<Float>
    /// For layers narrower than `Lanes` (784-10-10).
    typealias HalfLanes = SIMD8<Float>

    /// `a + x * w`, lane by lane: one fused instruction, rounded once, where the build's CPU has
    /// fused multiply-add (`FUSED_MULTIPLY_ADD`, see Package.swift), else a multiply and an add
    /// (Swift does not fuse them itself, and `addingProduct` without the instruction is a
    /// library call per lane). Either way a build's results do not vary from run to run.
    ///
    /// The block kernels use it (seed 003's epoch 5 to 10% faster), and so do, where every
    /// entry is one multiply-add, the row forward pass for 9 to 15 outputs (784-10-10) and the
    /// row weight gradient (up to 16). The pixel kernels and the other row forward passes keep
    /// a multiply and an add: they wait on memory, not arithmetic (the reference epoch was the
    /// same within the noise), and so their sums stay what they were.
    @inline(__always)
    func multiplyAdd<V: SIMD>(_ a: V, _ x: V, _ w: V) -> V where V.Scalar == Float {
        #if FUSED_MULTIPLY_ADD
        a.addingProduct(x, w)
        #else
        a + x * w
        #endif
    }

    // Loads take `UnsafePointer`; a mutable pointer converts to one as an argument.
    @inline(__always)
    func load(_ pointer: UnsafePointer<Float>) -> Lanes {
        UnsafeRawPointer(pointer).loadUnaligned(as: Lanes.self)
    }

    @inline(__always)
    func store(_ lanes: Lanes, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: lanes, as: Lanes.self)
    }

    @inline(__always)
    func loadHalf(_ pointer: UnsafePointer<Float>) -> HalfLanes {
        UnsafeRawPointer(pointer).loadUnaligned(as: HalfLanes.self)
    }

    @inline(__always)
    func storeHalf(_ lanes: HalfLanes, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: lanes, as: HalfLanes.self)
    }
}
