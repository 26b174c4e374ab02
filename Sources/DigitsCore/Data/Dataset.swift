/// Labelled images kept as bytes, as the files store them: 60,000 MNIST images take 47 MB this
/// way instead of 188 MB as floats. Batches are converted to floats one at a time.
public struct Dataset: Sendable, Equatable {
    /// Pixels of every image, row-major, image after image; 0 is background, 255 is ink.
    public let images: [UInt8]
    /// The label of each image, 0...9 for MNIST.
    public let labels: [UInt8]
    /// Image height in pixels.
    public let rows: Int
    /// Image width in pixels.
    public let columns: Int

    /// Pixels in one image.
    public var pixelsPerImage: Int { rows * columns }
    /// Number of images.
    public var count: Int { labels.count }

    /// A dataset from already validated parts; `images.count` must be `labels.count * rows * columns`.
    public init(images: [UInt8], labels: [UInt8], rows: Int, columns: Int) {
        precondition(images.count == labels.count * rows * columns, "images and labels disagree")
        self.images = images
        self.labels = labels
        self.rows = rows
        self.columns = columns
    }

    /// The pixels of image `index`.
    public func image(_ index: Int) -> ArraySlice<UInt8> {
        images[(index * pixelsPerImage)..<((index + 1) * pixelsPerImage)]
    }

    /// The images at `indices`, in that order.
    public func subset(_ indices: some Collection<Int>) -> Dataset {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(indices.count * pixelsPerImage)
        for index in indices { pixels.append(contentsOf: image(index)) }
        return Dataset(images: pixels, labels: indices.map { labels[$0] }, rows: rows, columns: columns)
    }

    /// Writes images `indices` as floats in 0...1, one row per image, into `destination`.
    public func copyBatch(_ indices: some Collection<Int>, into destination: UnsafeMutablePointer<Float>) {
        let width = pixelsPerImage
        images.withUnsafeBufferPointer { pixels in
            var out = destination
            for index in indices {
                let source = pixels.baseAddress! + index * width
                for p in 0..<width { out[p] = Float(source[p]) * (1 / 255) }
                out += width
            }
        }
    }
}
