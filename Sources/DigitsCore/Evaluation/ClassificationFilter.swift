/// Which classifications to show: by true digit, by predicted digit, or both (one cell of the
/// confusion matrix). A value, so a screen can keep it in its state.
public struct ClassificationFilter: Sendable, Equatable, Hashable {
    /// Keep only images of this true class; `nil` keeps all.
    public var trueLabel: Int?
    /// Keep only images predicted as this class; `nil` keeps all.
    public var predicted: Int?

    /// A filter on the true digit, the predicted digit, both or neither.
    public init(trueLabel: Int? = nil, predicted: Int? = nil) {
        self.trueLabel = trueLabel
        self.predicted = predicted
    }

    /// Keeps everything.
    public static let all = ClassificationFilter()

    /// The images in cell (`trueLabel`, `predicted`) of the confusion matrix.
    public static func cell(trueLabel: Int, predicted: Int) -> ClassificationFilter {
        ClassificationFilter(trueLabel: trueLabel, predicted: predicted)
    }

    /// Whether the filter keeps everything.
    public var isEmpty: Bool { trueLabel == nil && predicted == nil }

    /// Whether `classification` passes the filter.
    public func matches(_ classification: Classification) -> Bool {
        (trueLabel.map { $0 == classification.trueLabel } ?? true)
            && (predicted.map { $0 == classification.predicted } ?? true)
    }
}

/// The order in which to list classifications.
public enum ClassificationOrder: String, Sendable, CaseIterable {
    /// By image index, as in the data set.
    case index
    /// By the probability of the predicted class, highest first, so the most confident mistakes
    /// come first; ties by index.
    case confidence
}

extension Sequence where Element == Classification {
    /// The elements that pass `filter`, in their order.
    public func filtered(by filter: ClassificationFilter) -> [Classification] {
        self.filter(filter.matches)
    }

    /// The elements whose true class is `digit`.
    public func withTrueLabel(_ digit: Int) -> [Classification] {
        filtered(by: ClassificationFilter(trueLabel: digit))
    }

    /// The elements predicted as `digit`.
    public func withPrediction(_ digit: Int) -> [Classification] {
        filtered(by: ClassificationFilter(predicted: digit))
    }

    /// The elements in cell (`trueLabel`, `predicted`) of the confusion matrix.
    public func inCell(trueLabel: Int, predicted: Int) -> [Classification] {
        filtered(by: .cell(trueLabel: trueLabel, predicted: predicted))
    }

    /// The elements in `order`.
    public func sorted(by order: ClassificationOrder) -> [Classification] {
        switch order {
        case .index:
            return sorted { $0.index < $1.index }
        case .confidence:
            return sorted { $0.confidence != $1.confidence ? $0.confidence > $1.confidence : $0.index < $1.index }
        }
    }
}
