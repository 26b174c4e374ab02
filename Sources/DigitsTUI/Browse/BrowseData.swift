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

    /// `report` must have one entry per image of `images`.
    public init(images: Dataset, report: EvaluationReport, modelName: String) {
        self.images = images
        self.report = report
        self.modelName = modelName
    }

    /// Loads the test half of MNIST from `location` and evaluates `model` on it. Slow (a second
    /// or so): the screen runs it as a background effect. Failures come back as lines for the
    /// screen to show, saying where it looked and how to get the data.
    public static func load(model: DrawModel, from location: DataLocation) -> Result<BrowseData, BrowseProblem> {
        let test: Dataset
        do throws(DataError) {
            test = try location.loadTest()
        } catch {
            return .failure(BrowseProblem(title: "The MNIST test set could not be loaded.",
                                          details: [error.description],
                                          advice: BrowseProblem.dataAdvice))
        }
        do throws(EvaluationError) {
            let report = try EvaluationReport.evaluate(model.network, on: test)
            return .success(BrowseData(images: test, report: report, modelName: model.name))
        } catch {
            return .failure(BrowseProblem(title: "The model cannot be evaluated on the test set.",
                                          details: [error.description], advice: []))
        }
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

/// The message the background evaluation posts back to the screen.
struct BrowseLoaded: Sendable {
    let result: Result<BrowseData, BrowseProblem>
    /// Which model it evaluated (`BrowseScreen.generation`): a result for a model Draw no
    /// longer uses is dropped.
    var generation = 0
}

/// Where the Browse screen is with its data.
public enum BrowsePhase: Sendable, Equatable {
    /// Waiting for the first tick to start loading `location` with `model`.
    case pending(model: DrawModel, location: DataLocation)
    /// The background evaluation is running.
    case loading
    /// Ready to browse.
    case ready
    /// Nothing to browse, and why.
    case failed(BrowseProblem)
}
