/// What a batch, or a chunk of one, gave: the loss summed over its images and how many of them
/// the network classified right.
struct BatchResult: Equatable {
    /// The sum of the images' cross-entropy losses.
    var loss: Double = 0
    /// Images whose label got the highest probability.
    var correct = 0
    /// Rows replaced by generated non-digits (`NegativeMixer`): they have no digit to get right,
    /// so accuracy is counted over the other rows.
    var negatives = 0

    static func += (total: inout BatchResult, part: BatchResult) {
        total.loss += part.loss
        total.correct += part.correct
        total.negatives += part.negatives
    }
}
