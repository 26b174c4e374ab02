import DigitsCore

/// What the Browse screen shows: the test images and the current model's evaluation of them.
/// Both are plain values (about 8 MB of bytes and 0.5 MB of probabilities for MNIST), so the
/// screen keeps them in its state.
public struct BrowseData: Sendable, Equatable {
    /// The test images, as bytes.
    public var images: Dataset
    /// The model's answer for every image.
    public var report: EvaluationReport
    /// The model's name, for the header.
    public var modelName: String
    /// The model itself, to explain an image with (key `i`); nil when only its answers are known.
    public var network: Network?
    /// When the model is "not sure this is a digit" (the image view says so).
    public var rejection: RejectionRule

    /// `report` must have one entry per image of `images`.
    public init(images: Dataset, report: EvaluationReport, modelName: String, network: Network? = nil,
                rejection: RejectionRule = .fallback) {
        self.images = images
        self.report = report
        self.modelName = modelName
        self.network = network
        self.rejection = rejection
    }
}

/// Why there is nothing to browse, as the screen says it: a title, the details (where it
/// looked), and what to do about it.
public struct BrowseProblem: Error, Sendable, Equatable {
    public var title: String
    public var details: [String]
    public var advice: [String]

    public init(title: String, details: [String], advice: [String]) {
        self.title = title
        self.details = details
        self.advice = advice
    }

    /// How to get the data, for every "not found" message.
    public static let dataAdvice = [
        "Get it with `digits download`, or start with --data DIR",
        "(or DIGITS_DATA=DIR) for a directory that holds the MNIST files.",
    ]
}

/// Where the Browse screen is with its data.
public enum BrowsePhase: Sendable, Equatable {
    /// Waiting to be shown before evaluating `model` on the test set at `location`.
    case pending(model: DrawModel, location: DataLocation)
    /// The evaluation is running (`Effect.evaluateTestSet`).
    case loading
    /// Ready to browse.
    case ready
    /// Nothing to browse, and why.
    case failed(BrowseProblem)
}
