/// One batch of `SparseImages`, regrouped pixel by pixel (compressed sparse columns) within each
/// band: for every pixel, the rows of the batch that have ink there and how much.
///
/// The first layer's kernels walk this pixel by pixel, so each weight row is fetched once per
/// batch rather than once per image, and the batch's activations stay in the core's own cache.
/// Each band belongs to one thread, which fills and reads only its own `SparseColumns`.
final class SparseBatch: @unchecked Sendable {
    /// Per band, its columns.
    let bands: [SparseColumns]
    /// Per band after the first, its share of the first layer's output, [capacity, width]; band
    /// 0 writes straight into the workspace.
    let partialOutputs: [UnsafeMutablePointer<Float>]
    /// The largest batch the buffers hold.
    let capacity: Int
    /// Whether the first layer's forward pass goes row by row (`DenseLayer.forward(rowsOf:...)`)
    /// rather than pixel by pixel: when a batch's outputs ([capacity, width] floats) are more
    /// than a core's first-level cache holds, as for 784-1024-128-10.
    let forwardsByRow: Bool

    /// The first-level data cache the pixel-by-pixel forward pass keeps the outputs in.
    static let fastCacheBytes = 32 * 1024

    /// Buffers for batches of up to `capacity` rows of `images`, for a first layer `width` wide;
    /// `forwardsByRow` overrides the choice of forward pass.
    init(for images: SparseImages, capacity: Int, width: Int, forwardsByRow: Bool? = nil) {
        self.capacity = capacity
        self.forwardsByRow = forwardsByRow ?? (capacity * width * MemoryLayout<Float>.size > Self.fastCacheBytes)
        bands = (0..<images.parts).map { band in
            SparseColumns(firstPixel: images.bandStart[band],
                          pixels: images.bandStart[band + 1] - images.bandStart[band], capacity: capacity)
        }
        partialOutputs = (1..<max(1, images.parts)).map { _ in .allocate(capacity: capacity * width) }
    }

    deinit {
        partialOutputs.forEach { $0.deallocate() }
    }
}

/// The inked pixels of a batch in one band of pixels, column by column.
final class SparseColumns: @unchecked Sendable {
    /// The band's first pixel; column c is pixel `firstPixel + c`.
    let firstPixel: Int
    /// Pixels in the band.
    let pixels: Int
    /// Column c's entries are `columnStart[c]..<columnStart[c + 1]`.
    let columnStart: UnsafeMutablePointer<Int32>
    /// The batch row of each entry.
    let row: UnsafeMutablePointer<Int32>
    /// The pixel's value in 0...1.
    let value: UnsafeMutablePointer<Float>
    /// Each batch row's entries in `SparseImages`, start and end.
    private let entryRange: UnsafeMutablePointer<Int>
    /// A sum of what the cache-warming loop read, kept so the compiler cannot drop the loop.
    private var touched: UInt = 0

    init(firstPixel: Int, pixels: Int, capacity: Int) {
        self.firstPixel = firstPixel
        self.pixels = pixels
        columnStart = .allocate(capacity: pixels + 2)
        columnStart.initialize(repeating: 0, count: pixels + 2)
        row = .allocate(capacity: max(1, capacity * pixels))
        value = .allocate(capacity: max(1, capacity * pixels))
        entryRange = .allocate(capacity: 2 * capacity)
    }

    deinit {
        columnStart.deallocate()
        row.deallocate()
        value.deallocate()
        entryRange.deallocate()
    }

    /// Fills the columns from `images`' band `band` for the batch rows `indices` (image numbers).
    /// A counting sort: count each pixel's entries, turn counts into starts, then place them.
    func fill(from images: SparseImages, band: Int, indices: UnsafeBufferPointer<Int>) {
        let parts = images.parts
        let first = firstPixel
        images.entryStart.withUnsafeBufferPointer { starts in
        images.pixel.withUnsafeBufferPointer { pixel in
        images.value.withUnsafeBufferPointer { ink in
            // The images are scattered over tens of megabytes, so each one starts with cache
            // misses. Fetching every image's bounds, then touching every line of its entries, in
            // loops whose loads do not wait on each other lets the misses overlap.
            var touched: UInt = 0
            for (batchRow, image) in indices.enumerated() {
                let slot = image * parts + band
                entryRange[2 * batchRow] = starts[slot]
                entryRange[2 * batchRow + 1] = starts[slot + 1]
            }
            for batchRow in 0..<indices.count {
                let start = entryRange[2 * batchRow], end = entryRange[2 * batchRow + 1]
                for entry in stride(from: start, to: end, by: 32) { touched &+= UInt(pixel[entry]) }
                for entry in stride(from: start, to: end, by: 64) { touched &+= UInt(ink[entry]) }
            }
            self.touched = touched

            // Counts go into columnStart[c + 2], so after the running sum columnStart[c + 1] is
            // column c's start, and placing entries moves it on to column c's end, which is
            // column c + 1's start.
            columnStart.update(repeating: 0, count: pixels + 2)
            for batchRow in 0..<indices.count {
                for entry in entryRange[2 * batchRow]..<entryRange[2 * batchRow + 1] {
                    columnStart[Int(pixel[entry]) &- first &+ 2] &+= 1
                }
            }
            for c in 0..<pixels { columnStart[c + 2] &+= columnStart[c + 1] }
            for batchRow in 0..<indices.count {
                let rowNumber = Int32(truncatingIfNeeded: batchRow)
                for entry in entryRange[2 * batchRow]..<entryRange[2 * batchRow + 1] {
                    let column = Int(pixel[entry]) &- first &+ 1
                    let at = Int(columnStart[column])
                    columnStart[column] = Int32(truncatingIfNeeded: at &+ 1)
                    row[at] = rowNumber
                    value[at] = Float(ink[entry]) * (1 / 255)
                }
            }
        }
        }
        }
    }
}
