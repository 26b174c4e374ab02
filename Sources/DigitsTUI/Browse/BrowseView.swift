/// The ways the Browse screen shows its images.
public enum BrowseView: Sendable, Equatable {
    /// A list of images (index, labels, top probabilities) beside the selected image's art.
    case list
    /// As many thumbnails as fit.
    case grid
    /// One image, large, with all ten probabilities.
    case image
    /// The confusion matrix with per-class precision and recall.
    case matrix
}

/// A key sequence in progress: the screen takes every key until it ends, so digits go to it
/// rather than switching screens.
public enum BrowsePrompt: Sendable, Equatable {
    /// `g`: typing an image index, ended by Enter.
    case jump(String)
    /// `t`: the next digit filters by true digit.
    case trueDigit
    /// `p`: the next digit filters by predicted digit.
    case predictedDigit
}

/// A cell of the confusion matrix: a true digit (row) and a predicted digit (column).
public struct MatrixCell: Sendable, Equatable, Hashable {
    public var trueLabel: Int
    public var predicted: Int

    public init(trueLabel: Int, predicted: Int) {
        self.trueLabel = trueLabel
        self.predicted = predicted
    }
}
