/// What a batch, or a chunk of one, gave: the loss summed over its images and how many of them
/// the network classified right.
struct BatchResult: Equatable {
    /// The sum of the images' cross-entropy losses.
    var loss: Double = 0
    /// Images whose label got the highest probability.
    var correct = 0

    static func += (total: inout BatchResult, part: BatchResult) {
        total.loss += part.loss
        total.correct += part.correct
    }
}
