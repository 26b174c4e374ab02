/// One batch of `SparseImages`, regrouped within each band by pixel (compressed sparse columns)
/// or, for the block kernels, by pair of neighbouring pixels: for each, the rows of the batch
/// that have ink there and how much.
///
/// The first layer's kernels walk this pixel by pixel (or pair by pair), so each weight row is
/// fetched once per batch rather than once per image, and the batch's activations stay in the
/// core's own cache.
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

    /// How the first layer's passes walk the batch.
    enum Forward: Sendable, Equatable {
        /// Pixel by pixel, adding into whole output rows (`DenseLayer.forward(sparse:...)`):
        /// for widths a multiple of 16 but not of 64 whose batch outputs fit the core's
        /// first-level cache.
        case byPixel
        /// Two neighbouring pixels at a time, a block of outputs at a time, forward and backward
        /// (`DenseLayer+SparseBlocks`, over `SparseColumns.pairEntries`): for every width a
        /// multiple of 64, as 784-128-10 and 784-1024-128-10.
        case byBlock
        /// Row by row, summing each row's outputs in registers (`forward(rowsOf:...)`): for the
        /// rest, as 784-10-10, whose last outputs past a block of 16 would be added one by one
        /// pixel by pixel, but by row are summed in registers too.
        case byRow
    }

    /// The walk these buffers are for.
    let forward: Forward
    /// Whether the first layer's weight gradient goes row by row too
    /// (`DenseLayer.backward(rowsOf:...)`): for a layer at most 16 wide going forward by row, so
    /// the batch is never sorted into `columns`.
    let backwardsByRow: Bool
    /// Per band, when going backward by row, a 16-float line per pixel, 64-byte aligned.
    let paddedGradients: [UnsafeMutablePointer<Float>]
    /// Per band, going by block a layer of more than one block, one block of outputs or output
    /// gradients for every row of a batch. It is `capacity * 128` floats: 32 KB, which the
    /// first-level cache holds, for batches of 64; larger batches spill to the second.
    ///
    /// On pages, not only cache lines: at 784-1024-128-10, with the two bands' buffers on lines
    /// (one after the other on the heap), the forward pass using the second buffer took 20 to 30%
    /// longer than the other, whichever band or thread it served, and the other thread waited;
    /// on pages both take the faster time. (This machine's perf has no hardware counters to say
    /// which cache conflict it was.)
    let blocks: [UnsafeMutablePointer<Float>]

    /// Band `band`'s block buffer, or nil where the layer needs none.
    func block(ofBand band: Int) -> UnsafeMutablePointer<Float>? { blocks.isEmpty ? nil : blocks[band] }

    /// The first-level data cache the pixel-by-pixel forward pass keeps the outputs in.
    static let fastCacheBytes = 32 * 1024

    /// The pass for `layer` with batches of up to `capacity`, unless `requested` (where the layer
    /// allows it).
    static func forward(for layer: DenseLayer, capacity: Int, requested: Forward? = nil) -> Forward {
        let width = layer.outputs
        let fits = capacity * width * MemoryLayout<Float>.size <= fastCacheBytes
        let chosen = requested ?? (!width.isMultiple(of: 16) ? .byRow : layer.suitsBlocks ? .byBlock : fits ? .byPixel : .byRow)
        return chosen == .byBlock && !layer.suitsBlocks ? .byRow : chosen
    }

    /// Buffers for batches of up to `capacity` rows of `images`, one set per band, for a first
    /// layer `layer` going forward as `forward` (`forward(for:capacity:)`).
    init(for images: SparseImages, capacity: Int, layer: DenseLayer, forward: Forward) {
        precondition(forward != .byBlock || layer.suitsBlocks, "\(layer.outputs) outputs are not blocks of 64")
        let width = layer.outputs
        self.capacity = capacity
        self.forward = forward
        backwardsByRow = forward == .byRow && width <= DenseLayer.rowBackwardWidth
        let line = DenseLayer.rowBackwardWidth
        paddedGradients = !backwardsByRow ? [] : (0..<images.bands).map { band in
            CacheLines.floats((images.bandStart[band + 1] - images.bandStart[band]) * line)
        }
        blocks = forward != .byBlock || !layer.needsBlockBuffer ? [] : (0..<images.bands).map { _ in
            CacheLines.floats(capacity * DenseLayer.blockWidth, onPages: true)
        }
        columns = (0..<images.bands).map { band in
            SparseColumns(firstPixel: images.bandStart[band],
                          pixels: images.bandStart[band + 1] - images.bandStart[band], capacity: capacity,
                          pairs: forward == .byBlock)
        }
        partialOutputs = (1..<images.bands).map { _ in CacheLines.floats(capacity * width) }
        losses = .allocate(capacity: images.bands * Self.lineDoubles)
        losses.initialize(repeating: 0, count: images.bands * Self.lineDoubles)
    }

    /// Doubles in a cache line: members' losses sit this far apart.
    static let lineDoubles = 8

    /// The loss member `member` writes.
    func loss(ofMember member: Int) -> UnsafeMutablePointer<Double> { losses + member * Self.lineDoubles }

    deinit {
        partialOutputs.forEach(CacheLines.release)
        paddedGradients.forEach(CacheLines.release)
        blocks.forEach(CacheLines.release)
        losses.deallocate()
    }
}
