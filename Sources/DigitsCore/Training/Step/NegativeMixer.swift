/// Puts generated non-digits into training batches (outlier exposure): a share of each batch's
/// rows, chosen at random, is replaced by images from a `NonDigitImages` pool and labelled
/// `SoftmaxCrossEntropy.uniformLabel`, whose target is the uniform distribution.
///
/// Its own seeded generator picks the rows and the images, so a seed still gives the same
/// model; the pool is made from the same seed.
struct NegativeMixer {
    /// The share of each batch replaced, 0...1.
    let share: Float
    let pool: NonDigitImages
    private var generator: SeededGenerator

    init(share: Float, seed: UInt64, poolSize: Int = NonDigitImages.defaultCount) {
        self.share = share
        pool = NonDigitImages(count: poolSize, seed: seed)
        generator = SeededGenerator(seed: seed &+ 1)
    }

    /// How many of `rows` rows are replaced: the share, rounded, so a batch of 128 at 10% gets
    /// 13 and even small batches get some.
    func replaced(of rows: Int) -> Int {
        min(rows, Int((share * Float(rows)).rounded()))
    }

    /// Replaces `replaced(of: rows)` random rows of `input` (28x28 images) and their labels.
    mutating func mix(into input: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<UInt8>, rows: Int) {
        let count = replaced(of: rows)
        guard count > 0 else { return }
        var order = Array(0..<rows)
        for i in 0..<count {
            order.swapAt(i, i + Int(generator.next() % UInt64(rows - i)))
            let row = order[i]
            pool.copy(Int(generator.next() % UInt64(pool.count)), to: input + row * NonDigitImages.pixelsPerImage)
            labels[row] = SoftmaxCrossEntropy.uniformLabel
        }
    }
}
