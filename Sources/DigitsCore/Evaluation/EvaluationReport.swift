/// How a network does on a labelled data set: every prediction with its probabilities, the
/// confusion matrix and the list of mistakes. Made by `evaluate(_:on:batchSize:)`, or by hand
/// from labels and probabilities.
///
/// A value that holds plain arrays (about 480 KB for the 10,000 MNIST test images), so a screen
/// can keep it in its state and filter it as often as it likes.
public struct EvaluationReport: Sendable, Equatable {
    /// Number of classes, the network's output width.
    public let classCount: Int
    /// The data set's label of every image.
    public let trueLabels: [UInt8]
    /// The predicted class of every image.
    public let predictions: [UInt8]
    /// Class probabilities, `classCount` per image, image after image.
    public let probabilities: [Float]
    /// True class against predicted class.
    public let confusion: ConfusionMatrix
    /// The images predicted wrongly, in index order.
    public let misclassified: [Misclassification]

    /// A report from the true labels and the network's probabilities (`classCount` per image);
    /// each prediction is the arg-max of its row.
    public init(trueLabels: [UInt8], probabilities: [Float], classCount: Int) throws(EvaluationError) {
        guard classCount >= 2 else { throw .tooFewClasses(classCount) }
        guard probabilities.count == trueLabels.count * classCount else {
            throw .countMismatch(what: "probabilities (\(classCount) per image)",
                                 expected: trueLabels.count * classCount, actual: probabilities.count)
        }
        var predictions: [UInt8] = []
        predictions.reserveCapacity(trueLabels.count)
        for image in trueLabels.indices {
            let start = image * classCount
            predictions.append(UInt8(Classification.argmax(probabilities[start..<(start + classCount)])))
        }
        // The confusion matrix checks every label against the class count.
        let confusion = try ConfusionMatrix(trueLabels: trueLabels, predictions: predictions,
                                            classCount: classCount)
        self.classCount = classCount
        self.trueLabels = trueLabels
        self.predictions = predictions
        self.probabilities = probabilities
        self.confusion = confusion
        var misclassified: [Misclassification] = []
        for image in trueLabels.indices where trueLabels[image] != predictions[image] {
            let row = probabilities[(image * classCount)..<((image + 1) * classCount)]
            misclassified.append(Classification(index: image, trueLabel: Int(trueLabels[image]),
                                                probabilities: Array(row)))
        }
        self.misclassified = misclassified
    }

    /// Number of images evaluated.
    public var count: Int { trueLabels.count }

    /// Number of images predicted right.
    public var correct: Int { count - misclassified.count }

    /// `correct / count`, in 0...1; 0 for an empty data set.
    public var accuracy: Double { count == 0 ? 0 : Double(correct) / Double(count) }

    /// The class probabilities of image `index`.
    public func probabilities(ofImage index: Int) -> ArraySlice<Float> {
        probabilities[(index * classCount)..<((index + 1) * classCount)]
    }

    /// What the network said about image `index`, right or wrong.
    public func classification(ofImage index: Int) -> Classification {
        Classification(index: index, trueLabel: Int(trueLabels[index]),
                       probabilities: Array(probabilities(ofImage: index)))
    }

    /// Every image's classification, right or wrong, in index order.
    public var classifications: [Classification] { trueLabels.indices.map(classification(ofImage:)) }

    /// The images that pass `filter`, in `order`: only the mistakes, or every image when
    /// `includingCorrect` is true (then the diagonal cells of the confusion matrix have images too).
    public func classifications(
        matching filter: ClassificationFilter = .all, includingCorrect: Bool = false,
        sortedBy order: ClassificationOrder = .index
    ) -> [Classification] {
        let candidates: [Classification]
        if includingCorrect {
            // Filter on the byte arrays first, so only the kept images get a probability array.
            var kept: [Classification] = []
            for image in trueLabels.indices {
                let trueLabel = Int(trueLabels[image]), predicted = Int(predictions[image])
                if let wanted = filter.trueLabel, wanted != trueLabel { continue }
                if let wanted = filter.predicted, wanted != predicted { continue }
                kept.append(classification(ofImage: image))
            }
            candidates = kept
        } else {
            candidates = misclassified.filtered(by: filter)
        }
        return order == .index ? candidates : candidates.sorted(by: order)
    }
}
