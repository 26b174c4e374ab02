/// How often each true class was predicted as each class: `counts[trueLabel][predicted]`.
///
/// Rows are true classes, columns are predictions, so the diagonal holds the correct answers,
/// a row total is the number of images of that class and a column total the number of times the
/// network answered that class.
///
/// Precision and recall are ratios over a row or a column; when that row or column is empty the
/// ratio is 0/0, so they return `nil` ("undefined") rather than a made-up 0 or 1. Callers print
/// it as `-` or JSON `null`.
public struct ConfusionMatrix: Sendable, Equatable {
    /// Number of classes: rows and columns of the matrix.
    public let classCount: Int
    /// `counts[trueLabel][predicted]`: images of class `trueLabel` that the network called `predicted`.
    public private(set) var counts: [[Int]]

    /// An empty matrix for `classCount` classes.
    public init(classCount: Int) {
        self.classCount = max(classCount, 0)
        counts = Array(repeating: Array(repeating: 0, count: self.classCount), count: self.classCount)
    }

    /// The matrix of pairs of true labels and predictions. Pairs with a label outside
    /// `0..<classCount` are an error, reported by index.
    public init(trueLabels: [UInt8], predictions: [UInt8], classCount: Int) throws(EvaluationError) {
        guard trueLabels.count == predictions.count else {
            throw .countMismatch(what: "predictions", expected: trueLabels.count, actual: predictions.count)
        }
        self.init(classCount: classCount)
        for (index, (label, prediction)) in zip(trueLabels, predictions).enumerated() {
            guard Int(label) < self.classCount else {
                throw .labelOutOfRange(index: index, label: Int(label), classCount: self.classCount)
            }
            guard Int(prediction) < self.classCount else {
                throw .labelOutOfRange(index: index, label: Int(prediction), classCount: self.classCount)
            }
            counts[Int(label)][Int(prediction)] += 1
        }
    }

    /// Counts one image of class `trueLabel` predicted as `predicted`; both must be in `0..<classCount`.
    public mutating func record(trueLabel: Int, predicted: Int) {
        counts[trueLabel][predicted] += 1
    }

    /// Images of class `trueLabel` predicted as `predicted`.
    public subscript(trueLabel: Int, predicted: Int) -> Int {
        counts[trueLabel][predicted]
    }

    /// All images counted.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// Images on the diagonal: predicted as their true class.
    public var correct: Int { (0..<classCount).reduce(0) { $0 + counts[$1][$1] } }

    /// Images whose true class is `trueLabel` (the row total).
    public func rowTotal(_ trueLabel: Int) -> Int { counts[trueLabel].reduce(0, +) }

    /// Images predicted as `predicted` (the column total).
    public func columnTotal(_ predicted: Int) -> Int { counts.reduce(0) { $0 + $1[predicted] } }

    /// Row totals for every class, in class order.
    public var rowTotals: [Int] { (0..<classCount).map(rowTotal) }

    /// Column totals for every class, in class order.
    public var columnTotals: [Int] { (0..<classCount).map(columnTotal) }

    /// Of the images predicted as `digit`, the fraction that really are `digit`; `nil` when the
    /// network never predicted `digit`.
    public func precision(of digit: Int) -> Double? {
        let predictedCount = columnTotal(digit)
        return predictedCount == 0 ? nil : Double(counts[digit][digit]) / Double(predictedCount)
    }

    /// Of the images of class `digit`, the fraction predicted as `digit`; `nil` when there are
    /// no images of class `digit`.
    public func recall(of digit: Int) -> Double? {
        let classCount = rowTotal(digit)
        return classCount == 0 ? nil : Double(counts[digit][digit]) / Double(classCount)
    }

    /// The per-class figures for `digit`.
    public func statistics(of digit: Int) -> ClassStatistics {
        ClassStatistics(digit: digit, count: rowTotal(digit), correct: counts[digit][digit],
                        predictedCount: columnTotal(digit),
                        precision: precision(of: digit), recall: recall(of: digit))
    }

    /// The per-class figures for every class, in class order.
    public var classStatistics: [ClassStatistics] { (0..<classCount).map(statistics(of:)) }
}
