/// A dataset's images as lists of their inked pixels, made once before training.
///
/// An MNIST digit is four-fifths background: 150 of its 784 pixels are non-zero on average. The
/// first layer's two products (the forward pass and its weight gradient) are most of an epoch's
/// work, and with the zeros skipped they need a fifth of it. The pixels are split into bands holding
/// about the same ink each, one per thread of the sparse step's `WorkerTeam`.
struct SparseImages: Sendable {
    /// Number of pixel bands.
    let bands: Int
    /// `bandStart[t]..<bandStart[t + 1]` are the pixels of band t.
    let bandStart: [Int]
    /// Entries of image i in band t are `entryStart[i * bands + t]..<entryStart[i * bands + t + 1]`.
    let entryStart: [Int]
    /// The pixel index of each entry, ascending within an image.
    let pixel: [UInt16]
    /// The pixel's value, 1...255.
    let value: [UInt8]

    /// Above this share of inked pixels, the dense product through BLAS is faster than skipping zeros.
    static let densityLimit = 0.4

    /// Whether skipping zeros pays for `dataset` (measured on up to 1,000 images), and the pixel
    /// indices fit the entries.
    static func suits(_ dataset: Dataset) -> Bool {
        let width = dataset.pixelsPerImage
        guard dataset.count > 0, width > 0, width <= Int(UInt16.max) + 1 else { return false }
        let sample = min(dataset.count, 1000) * width
        let inked = dataset.images[0..<sample].reduce(0) { $0 + ($1 == 0 ? 0 : 1) }
        return Double(inked) / Double(sample) <= densityLimit
    }

    /// The inked pixels of every image in `dataset`, split into `bands` bands (at least one).
    init(_ dataset: Dataset, bands: Int) {
        let perPixel = Self.inkPerPixel(of: dataset)
        self.init(dataset, bandStart: Self.bandStart(inkPerPixel: perPixel, bands: max(1, bands)),
                  inked: perPixel.reduce(0, +))
    }

    /// The inked pixels of every image in `dataset`, in the bands another set's images were
    /// split into (`bandStart`, that set's `bandStart` property): a test set goes through the
    /// columns and threads the training set's bands were made for.
    init(_ dataset: Dataset, bandStart: [Int]) {
        self.init(dataset, bandStart: bandStart, inked: nil)
    }

    /// The lists in the bands `bandStart`, for `inked` inked pixels in all (counted here when nil).
    private init(_ dataset: Dataset, bandStart: [Int], inked: Int?) {
        let width = dataset.pixelsPerImage
        precondition(width <= Int(UInt16.max) + 1, "pixel indices must fit 16 bits")
        precondition(bandStart.count >= 2 && bandStart.first == 0 && bandStart.last == width
                     && zip(bandStart, bandStart.dropFirst()).allSatisfy { $0 <= $1 },
                     "bands \(bandStart) do not cut \(width) pixels")
        let bands = bandStart.count - 1
        self.bands = bands
        self.bandStart = bandStart
        let count = dataset.count
        // Bands from another set come without the count (a select, so the loop vectorises).
        let total = inked ?? dataset.images.withUnsafeBufferPointer { images in
            var total = 0
            for i in 0..<(count * width) { total &+= images[i] != 0 ? 1 : 0 }
            return total
        }

        var entryStart = [Int](repeating: 0, count: count * bands + 1)
        var pixel = [UInt16](repeating: 0, count: total)
        var value = [UInt8](repeating: 0, count: total)
        dataset.images.withUnsafeBufferPointer { images in
            var next = 0
            for image in 0..<count {
                let row = images.baseAddress! + image * width
                for band in 0..<bands {
                    entryStart[image * bands + band] = next
                    for p in bandStart[band]..<bandStart[band + 1] where row[p] != 0 {
                        pixel[next] = UInt16(p)
                        value[next] = row[p]
                        next += 1
                    }
                }
            }
            entryStart[count * bands] = next
        }
        self.entryStart = entryStart
        self.pixel = pixel
        self.value = value
    }

    /// How many of `dataset`'s images ink each pixel.
    static func inkPerPixel(of dataset: Dataset) -> [Int] {
        let width = dataset.pixelsPerImage, count = dataset.count
        var perPixel = [Int](repeating: 0, count: width)
        dataset.images.withUnsafeBufferPointer { images in
            for image in 0..<count {
                let row = images.baseAddress! + image * width
                for p in 0..<width where row[p] != 0 { perPixel[p] += 1 }
            }
        }
        return perPixel
    }

    /// Where each of `bands` bands of pixels inked `inkPerPixel` times starts, and where the last
    /// ends: band k starts at the first pixel before which k/bands of all the ink lies.
    static func bandStart(inkPerPixel perPixel: [Int], bands: Int) -> [Int] {
        let width = perPixel.count, total = perPixel.reduce(0, +)
        var bandStart = [0]
        var running = 0
        for p in 0..<width {
            while bandStart.count < bands && running * bands >= total * bandStart.count {
                bandStart.append(p)
            }
            running += perPixel[p]
        }
        while bandStart.count <= bands { bandStart.append(width) }
        return bandStart
    }
}
