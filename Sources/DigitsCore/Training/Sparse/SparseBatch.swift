/// One batch of `SparseImages`, regrouped pixel by pixel (compressed sparse columns) within each
/// band: for every pixel, the rows of the batch that have ink there and how much.
///
/// The first layer's kernels walk this pixel by pixel, so each weight row is fetched once per
/// batch rather than once per image, and the batch's activations stay in the core's own cache.
/// Each band belongs to one thread, which fills and reads only its own `SparseColumns`.
final class SparseBatch: @unchecked Sendable {
    /// Per band of `SparseImages`, its columns.
    let columns: [SparseColumns]
    /// Per band after the first, its share of the first layer's output, [capacity, width]; band
    /// 0 writes straight into the workspace.
    let partialOutputs: [UnsafeMutablePointer<Float>]
    /// Per member of the team, the summed loss of its share of the rows, a cache line apart.
    let losses: UnsafeMutablePointer<Double>
    /// The largest batch the buffers hold.
    let capacity: Int
    /// Whether the first layer's forward pass goes row by row (`DenseLayer.forward(rowsOf:...)`)
    /// rather than pixel by pixel: when a batch's outputs ([capacity, width] floats) are more
    /// than a core's first-level cache holds, as for 784-1024-128-10, or when the width is not a
    /// multiple of 16 (784-10-10): by row, the outputs past the last whole block of 16 are
    /// summed in registers too, where pixel by pixel they would be added one by one.
    let forwardsByRow: Bool
    /// Whether the first layer's weight gradient goes row by row too
    /// (`DenseLayer.backward(rowsOf:...)`): for a layer at most 16 wide going forward by row, so
    /// the batch is never sorted into `columns`.
    let backwardsByRow: Bool
    /// Per band, when going backward by row, a 16-float line per pixel, 64-byte aligned.
    let paddedGradients: [UnsafeMutablePointer<Float>]

    /// The first-level data cache the pixel-by-pixel forward pass keeps the outputs in.
    static let fastCacheBytes = 32 * 1024

    /// Buffers for batches of up to `capacity` rows of `images`, for a first layer `width` wide;
    /// `forwardsByRow` overrides the choice of forward pass.
    init(for images: SparseImages, capacity: Int, width: Int, forwardsByRow: Bool? = nil) {
        self.capacity = capacity
        self.forwardsByRow = forwardsByRow
            ?? (capacity * width * MemoryLayout<Float>.size > Self.fastCacheBytes || !width.isMultiple(of: 16))
        backwardsByRow = self.forwardsByRow && width <= DenseLayer.rowBackwardWidth
        let line = DenseLayer.rowBackwardWidth
        paddedGradients = !backwardsByRow ? [] : (0..<images.bands).map { band in
            let count = (images.bandStart[band + 1] - images.bandStart[band]) * line
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<Float>.size,
                                                          alignment: 64).bindMemory(to: Float.self, capacity: max(1, count))
            buffer.initialize(repeating: 0, count: max(1, count))
            return buffer
        }
        columns = (0..<images.bands).map { band in
            SparseColumns(firstPixel: images.bandStart[band],
                          pixels: images.bandStart[band + 1] - images.bandStart[band], capacity: capacity)
        }
        partialOutputs = (1..<images.bands).map { _ in .allocate(capacity: capacity * width) }
        losses = .allocate(capacity: images.bands * Self.lineDoubles)
        losses.initialize(repeating: 0, count: images.bands * Self.lineDoubles)
    }

    /// Doubles in a cache line: members' losses sit this far apart.
    static let lineDoubles = 8

    /// The loss member `member` writes.
    func loss(ofMember member: Int) -> UnsafeMutablePointer<Double> { losses + member * Self.lineDoubles }

    deinit {
        partialOutputs.forEach { $0.deallocate() }
        paddedGradients.forEach { $0.deallocate() }
        losses.deallocate()
    }
}
