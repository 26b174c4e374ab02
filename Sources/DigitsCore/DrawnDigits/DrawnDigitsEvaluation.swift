/// What the network read for one drawn digit.
public struct DrawnDigitResult: Sendable, Equatable {
    public let drawing: DrawnDigit
    public let split: DrawnDigitSplit
    /// The 28x28 image the network saw; nil if the drawing left no ink.
    public let image: [Float]?
    /// The ten probabilities; nil without an image.
    public let probabilities: [Float]?

    public init(drawing: DrawnDigit, split: DrawnDigitSplit, image: [Float]?, probabilities: [Float]?) {
        self.drawing = drawing
        self.split = split
        self.image = image
        self.probabilities = probabilities
    }

    /// The most probable digit; nil without probabilities.
    public var predicted: Int? {
        guard let probabilities, !probabilities.isEmpty else { return nil }
        return probabilities.indices.max { probabilities[$0] < probabilities[$1] }
    }

    public var isCorrect: Bool { predicted == drawing.label }

    /// The probability given to the right answer.
    public var labelProbability: Float {
        guard let probabilities, let label = drawing.label, probabilities.indices.contains(label) else { return 0 }
        return probabilities[label]
    }
}

/// Reads every drawing of a set with a network, as the Draw screen would.
public enum DrawnDigitsEvaluation {
    /// One result per drawing, in the set's order. Fails when the network does not take 28x28
    /// images or does not answer ten digits.
    public static func evaluate(_ set: DrawnDigitSet, with network: Network) throws(EvaluationError) -> DrawnDigitsReport {
        guard network.inputSize == MNISTFormat.side * MNISTFormat.side else {
            throw .inputSizeMismatch(networkInputs: network.inputSize, imageRows: MNISTFormat.side,
                                     imageColumns: MNISTFormat.side)
        }
        guard network.outputSize == DrawnDigitSet.labels.count else {
            throw .countMismatch(what: "network outputs (one per digit)", expected: DrawnDigitSet.labels.count,
                                 actual: network.outputSize)
        }
        let results = set.drawings.map { drawing in
            let image = DrawnDigitReplay.image(for: drawing)
            return DrawnDigitResult(drawing: drawing, split: set.split(of: drawing) ?? .development, image: image,
                                    probabilities: image.map { network.probabilities(for: $0) })
        }
        return DrawnDigitsReport(writers: set.writers, results: results)
    }
}
