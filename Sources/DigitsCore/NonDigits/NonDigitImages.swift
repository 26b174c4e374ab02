import Foundation

/// A pool of generated non-digits as the network sees them (28x28, 0...1), which training
/// draws from to replace a share of each batch (`TrainingConfiguration.negatives`).
///
/// Made once per run from the seed: drawings from `NonDigitGenerator` over the training kinds,
/// each replayed through the Draw screen's canvas and MNIST preprocessing (`DrawnDigitReplay`).
/// Rendering is the costly part, so it is shared across cores; each image depends only on its
/// drawing, so the pool is the same for a seed however the work is split.
final class NonDigitImages: @unchecked Sendable {
    /// The images, one after another, `MNISTFormat.side` squared values each.
    let pixels: [Float]
    let count: Int
    static let pixelsPerImage = MNISTFormat.side * MNISTFormat.side

    /// Enough for variety at the 10% share of a 60,000-image epoch (6,000 a pass), and more
    /// again through augmentation, while generating in a few seconds.
    static let defaultCount = 8192

    init(count: Int = defaultCount, seed: UInt64) {
        var generator = NonDigitGenerator(seed: seed)
        let drawings = generator.drawings(count)
        let width = Self.pixelsPerImage
        var pixels = [Float](repeating: 0, count: count * width)
        pixels.withUnsafeMutableBufferPointer { buffer in
            let base = SendablePixels(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                // Every drawing has at least one point, so it leaves ink; a blank stays blank.
                guard let image = DrawnDigitReplay.image(for: drawings[index]), image.count == width else { return }
                (base.pointer + index * width).update(from: image, count: width)
            }
        }
        self.pixels = pixels
        self.count = count
    }

    /// Copies image `index` (taken modulo the pool) to `destination`.
    func copy(_ index: Int, to destination: UnsafeMutablePointer<Float>) {
        let width = Self.pixelsPerImage
        pixels.withUnsafeBufferPointer { buffer in
            destination.update(from: buffer.baseAddress! + (index % count) * width, count: width)
        }
    }
}

/// A pointer that may cross into `concurrentPerform`: each iteration writes its own image.
private struct SendablePixels: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
}
