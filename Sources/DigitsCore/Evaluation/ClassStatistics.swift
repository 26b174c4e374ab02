/// The figures of one class in a confusion matrix: one row of a per-class table.
public struct ClassStatistics: Sendable, Equatable {
    /// The class.
    public let digit: Int
    /// Images whose true class is `digit`.
    public let count: Int
    /// Of those, how many were predicted as `digit`.
    public let correct: Int
    /// Images of any class predicted as `digit`.
    public let predictedCount: Int
    /// `correct / predictedCount`, or `nil` when `digit` was never predicted.
    public let precision: Double?
    /// `correct / count`, or `nil` when there are no images of class `digit`.
    public let recall: Double?

    /// Figures as given; `ConfusionMatrix.statistics(of:)` computes them from a matrix.
    public init(digit: Int, count: Int, correct: Int, predictedCount: Int,
                precision: Double?, recall: Double?) {
        self.digit = digit
        self.count = count
        self.correct = correct
        self.predictedCount = predictedCount
        self.precision = precision
        self.recall = recall
    }
}
