/// What the network said about one test image: its true label, its prediction and the
/// probability of every class.
public struct Classification: Sendable, Equatable, Identifiable {
    /// Position of the image in the data set (0-based, as in the MNIST files).
    public let index: Int
    /// The label the data set gives.
    public let trueLabel: Int
    /// The class with the highest probability (the lowest such class on a tie).
    public let predicted: Int
    /// The probability of every class, in class order; they sum to 1.
    public let probabilities: [Float]

    /// A classification from the network's probabilities; the prediction is their arg-max.
    /// `probabilities` must not be empty.
    public init(index: Int, trueLabel: Int, probabilities: [Float]) {
        self.index = index
        self.trueLabel = trueLabel
        self.predicted = Classification.argmax(probabilities[...])
        self.probabilities = probabilities
    }

    /// The image index; images are identified by their place in the data set.
    public var id: Int { index }

    /// Whether the prediction is right.
    public var isCorrect: Bool { trueLabel == predicted }

    /// The probability of the predicted class: how sure the network was.
    public var confidence: Float { probabilities[predicted] }

    /// The probability the network gave the true class.
    public var trueLabelProbability: Float {
        probabilities.indices.contains(trueLabel) ? probabilities[trueLabel] : 0
    }

    /// The `k` most probable classes, most probable first (lower class first on a tie).
    public func topProbabilities(_ k: Int) -> [ClassProbability] {
        probabilities.enumerated()
            .map { ClassProbability(digit: $0.offset, probability: $0.element) }
            .sorted { $0.probability != $1.probability ? $0.probability > $1.probability : $0.digit < $1.digit }
            .prefix(max(k, 0))
            .map { $0 }
    }

    /// The index of the largest value; the first one on a tie, and NaN never wins.
    static func argmax(_ values: ArraySlice<Float>) -> Int {
        var best = values.startIndex
        for i in values.indices where values[i] > values[best] { best = i }
        return best - values.startIndex
    }
}

/// A classification whose prediction is wrong. The same type as `Classification`, so lists of
/// mistakes and lists of all images share the filters, sorts and views.
public typealias Misclassification = Classification

/// One class and its probability.
public struct ClassProbability: Sendable, Equatable {
    /// The class.
    public let digit: Int
    /// Its probability, in 0...1.
    public let probability: Float

    /// A class and its probability.
    public init(digit: Int, probability: Float) {
        self.digit = digit
        self.probability = probability
    }
}
