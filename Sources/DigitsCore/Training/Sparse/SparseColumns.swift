/// The inked pixels of a batch in one band of pixels, column by column (or pair of columns by pair).
///
/// `fill` runs for every band of every batch, so its inner loops use wrapping arithmetic and
/// 32-bit entry numbers. What keeps them in bounds is checked instead: the batch fits the
/// capacity in every build, and in debug builds each entry's pixel lies in the band, which with
/// the capacity bounds every count and position (`SparseImages` lists each pixel of an image
/// once, in ascending order, so a row adds at most one entry to a column or a pair).
final class SparseColumns: @unchecked Sendable {
    /// The band's first pixel; column c is pixel `firstPixel + c`.
    let firstPixel: Int
    /// Pixels in the band.
    let pixels: Int
    /// The largest batch the columns hold.
    let capacity: Int
    /// Whether `fill` lists pairs of columns (`pairEntries`, `pairRow`, `pairValue`) instead of
    /// single ones (`columnStart`, `row`, `value`).
    let pairs: Bool
    /// Column c's entries are `columnStart[c]..<columnStart[c + 1]`.
    let columnStart: UnsafeMutablePointer<Int32>
    /// The batch row of each entry.
    let row: UnsafeMutablePointer<Int32>
    /// The pixel's value in 0...1.
    let value: UnsafeMutablePointer<Float>
    /// Pair q's entries end at `pairEnd[q]`; they start at `q * capacity` (`pairEntries`).
    let pairEnd: UnsafeMutablePointer<Int32>
    /// The batch row of each pair entry.
    let pairRow: UnsafeMutablePointer<Int32>
    /// The two pixels' values of each pair entry, in 0...1; 0 for one the row does not ink.
    let pairValue: UnsafeMutablePointer<Float>
    /// Pairs of columns: `pixels / 2` rounded up.
    let pairCount: Int

    /// Pair q, columns 2q and 2q + 1 (the last one alone when `pixels` is odd): one entry for
    /// each row inked at either, in row order. The block kernels walk these: each entry loads
    /// and stores (or loads) a row's block of outputs once for both pixels, and MNIST's strokes
    /// are 2 to 4 pixels wide, so most rows inking one ink both (README, speed, round 6).
    /// A pair's entries have room for a whole batch, so `fill` places them in one pass.
    @inline(__always)
    func pairEntries(_ q: Int) -> Range<Int> { (q &* capacity)..<Int(pairEnd[q]) }
    /// Each batch row's entries in `SparseImages`, start and end.
    private let entryRange: UnsafeMutablePointer<Int>
    /// A sum of what the cache-warming loop read, kept so the compiler cannot drop the loop.
    private var touched: UInt = 0

    init(firstPixel: Int, pixels: Int, capacity: Int, pairs: Bool = false) {
        // Every entry number, up to one per pixel of every row, must fit the 32-bit starts.
        precondition(pixels >= 0 && capacity >= 0 && capacity * pixels <= Int(Int32.max),
                     "\(capacity) rows of \(pixels) pixels do not fit 32-bit entry numbers")
        self.firstPixel = firstPixel
        self.pixels = pixels
        self.capacity = capacity
        self.pairs = pairs
        columnStart = .allocate(capacity: pixels + 2)
        columnStart.initialize(repeating: 0, count: pixels + 2)
        let entries = pairs ? 1 : max(1, capacity * pixels)
        row = .allocate(capacity: entries)
        value = .allocate(capacity: entries)
        entryRange = .allocate(capacity: 2 * capacity)
        pairCount = (pixels + 1) / 2
        pairEnd = .allocate(capacity: max(1, pairCount))
        let pairEntries = pairs ? max(1, capacity * pairCount) : 1
        pairRow = .allocate(capacity: pairEntries)
        pairValue = .allocate(capacity: 2 * pairEntries)
        emptyPairs()
    }

    /// Every pair without entries: each ends where it starts.
    private func emptyPairs() {
        for q in 0..<pairCount { pairEnd[q] = Int32(truncatingIfNeeded: q &* capacity) }
    }

    deinit {
        columnStart.deallocate()
        row.deallocate()
        value.deallocate()
        entryRange.deallocate()
        pairEnd.deallocate()
        pairRow.deallocate()
        pairValue.deallocate()
    }

    /// Fetches every cache line of the entries of `indices`' images in band `band` into the
    /// core's caches, and notes each image's entries in `entryRange`. The images are scattered
    /// over tens of megabytes, so each one starts with cache misses; fetching every image's
    /// bounds, then touching every line of its entries, in loops whose loads do not wait on each
    /// other lets the misses overlap. `SparseStep` calls this instead of `fill` when both
    /// first-layer passes read the images row by row and need no columns.
    func touch(_ images: SparseImages, band: Int, indices: UnsafeBufferPointer<Int>) {
        precondition(indices.count <= capacity, "a batch of \(indices.count) rows in columns for \(capacity)")
        let bands = images.bands
        images.entryStart.withUnsafeBufferPointer { starts in
        images.pixel.withUnsafeBufferPointer { pixel in
        images.value.withUnsafeBufferPointer { ink in
            var touched: UInt = 0
            for (batchRow, image) in indices.enumerated() {
                let slot = image * bands + band
                entryRange[2 * batchRow] = starts[slot]
                entryRange[2 * batchRow + 1] = starts[slot + 1]
            }
            for batchRow in 0..<indices.count {
                let start = entryRange[2 * batchRow], end = entryRange[2 * batchRow + 1]
                for entry in stride(from: start, to: end, by: 32) { touched &+= UInt(pixel[entry]) }
                for entry in stride(from: start, to: end, by: 64) { touched &+= UInt(ink[entry]) }
                // The strides start mid-line, so the last line may not have been reached.
                if start < end { touched &+= UInt(pixel[end - 1]) &+ UInt(ink[end - 1]) }
            }
            self.touched = touched
        }
        }
        }
    }

    /// Fills the columns (with `pairs`, the pairs of columns) from `images`' band `band` for the
    /// batch rows `indices` (image numbers). For single columns a counting sort: count each
    /// pixel's entries, turn counts into starts, then place them.
    func fill(from images: SparseImages, band: Int, indices: UnsafeBufferPointer<Int>) {
        precondition(images.bandStart[band] == firstPixel && images.bandStart[band + 1] == firstPixel + pixels,
                     "band \(band) of the images is not these columns' band")
        touch(images, band: band, indices: indices)
        let first = firstPixel
        images.pixel.withUnsafeBufferPointer { pixel in
        images.value.withUnsafeBufferPointer { ink in
            if pairs { fillPairs(pixel, ink, rows: indices.count); return }
            // Counts go into columnStart[c + 2], so after the running sum columnStart[c + 1] is
            // column c's start, and placing entries moves it on to column c's end, which is
            // column c + 1's start.
            columnStart.update(repeating: 0, count: pixels + 2)
            for batchRow in 0..<indices.count {
                for entry in entryRange[2 * batchRow]..<entryRange[2 * batchRow + 1] {
                    assert((first..<(first + pixels)).contains(Int(pixel[entry])),
                           "entry \(entry) has pixel \(pixel[entry]) outside band \(band)")
                    columnStart[Int(pixel[entry]) &- first &+ 2] &+= 1
                }
            }
            for c in 0..<pixels { columnStart[c + 2] &+= columnStart[c + 1] }
            for batchRow in 0..<indices.count {
                let rowNumber = Int32(truncatingIfNeeded: batchRow)
                for entry in entryRange[2 * batchRow]..<entryRange[2 * batchRow + 1] {
                    let column = Int(pixel[entry]) &- first &+ 1
                    let at = Int(columnStart[column])
                    assert(at < capacity * pixels, "entry position \(at) past the columns")
                    columnStart[column] = Int32(truncatingIfNeeded: at &+ 1)
                    row[at] = rowNumber
                    value[at] = Float(ink[entry]) * (1 / 255)
                }
            }
        }
        }
    }

    /// `fill` by pairs of columns, in one pass, each pair's entries placed from its start on. A
    /// row's entries are in ascending pixel order, so an odd pixel whose even partner is inked
    /// too follows it in the list and joins its entry. Nothing here branches on whether it
    /// does, a coin toss to the branch predictor: its position is its pair's end, one back.
    private func fillPairs(_ pixel: UnsafeBufferPointer<UInt16>, _ ink: UnsafeBufferPointer<UInt8>, rows: Int) {
        let first = firstPixel
        emptyPairs()
        for batchRow in 0..<rows {
            let rowNumber = Int32(truncatingIfNeeded: batchRow)
            var previous = -2
            var previousValue: Float = 0
            for entry in entryRange[2 * batchRow]..<entryRange[2 * batchRow + 1] {
                assert((first..<(first + pixels)).contains(Int(pixel[entry])),
                       "entry \(entry) has pixel \(pixel[entry]) outside the band")
                let offset = Int(pixel[entry]) &- first
                let odd = offset & 1 == 1
                let joins = odd && previous == offset &- 1
                let end = pairEnd + (offset >> 1)
                let at = Int(end.pointee) &- (joins ? 1 : 0)
                assert(at < ((offset >> 1) + 1) * capacity, "pair entry position \(at) past its pair")
                end.pointee = Int32(truncatingIfNeeded: at &+ 1)
                pairRow[at] = rowNumber
                let value = Float(ink[entry]) * (1 / 255)
                // The partner's value: the one just placed when joining it, else none.
                let partner: Float = joins ? previousValue : 0
                pairValue[2 &* at &+ (odd ? 1 : 0)] = value
                pairValue[2 &* at &+ (odd ? 0 : 1)] = partner
                previous = offset
                previousValue = value
            }
        }
    }
}
