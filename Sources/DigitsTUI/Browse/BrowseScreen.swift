import DigitsCore

/// The Browse screen: the test images the current model gets wrong (or all of them), as a list,
/// a grid of thumbnails or one large image, filtered by true digit, predicted digit or a cell of
/// the confusion matrix, sorted by index or confidence. `update` (BrowseScreen+Update.swift) and
/// `render` (BrowseScreen+Render.swift and friends) are pure; the evaluation is an effect the
/// screen asks for when it is first shown, and again for each new model after that.
public struct BrowseScreen: Screen {
    public let title = "Browse"
    public internal(set) var phase: BrowsePhase
    /// The images and their evaluation, once loaded.
    public internal(set) var data: BrowseData?
    public internal(set) var view: BrowseView = .list
    /// The view to go back to from the image view.
    public internal(set) var listView: BrowseView = .list
    public internal(set) var filter: ClassificationFilter = .all
    /// Whether correctly classified images are listed too.
    public internal(set) var includesCorrect = false
    public internal(set) var order: ClassificationOrder = .index
    /// The images listed now: `data`'s classifications through the filter, in `order`.
    public internal(set) var items: [Classification] = []
    /// Position of the selected image in `items`.
    public internal(set) var selection = 0
    /// The confusion-matrix cursor.
    public internal(set) var matrixCursor = MatrixCell(trueLabel: 0, predicted: 1)
    public internal(set) var prompt: BrowsePrompt?
    /// A short message about the last action, cleared by the next key.
    public internal(set) var note: String?
    /// Whether the image view explains the image (key `i`): its evidence map and units.
    public internal(set) var explains = false
    /// The digit explained when asked about another with `,` and `.`; nil: the prediction.
    public internal(set) var askedDigit: Int?
    public internal(set) var size: Size
    /// Whether the screen has been shown; evaluation waits until then.
    public internal(set) var shown = false
    /// Where the test set is, to evaluate again when Draw gets a new model.
    public let location: DataLocation?
    /// Counts the models evaluated, so a late result for an old one is ignored.
    public internal(set) var generation = 0

    /// A screen that has the test set at `location` loaded and `model` evaluated on it when it
    /// is first shown. Without a model or a location it
    /// says what is missing.
    public init(model: DrawModel?, modelProblem: String? = nil, testData location: DataLocation?, size: Size) {
        self.size = size
        self.location = location
        if let model, let location {
            phase = .pending(model: model, location: location)
        } else if model == nil {
            phase = .failed(BrowseProblem(
                title: "There is no model to evaluate.",
                details: [modelProblem ?? "No model was loaded."],
                advice: ["Train one with `digits train`, or start with --model FILE."]))
        } else {
            phase = .failed(BrowseProblem(
                title: "No MNIST test set was given.",
                details: ["Start with `digits browse --data DIR`."], advice: BrowseProblem.dataAdvice))
        }
    }

    /// A screen showing `data` at once (tests, or a caller that evaluated already).
    public init(data: BrowseData, size: Size) {
        self.size = size
        location = nil
        phase = .ready
        show(data)
    }

    /// The selected image, if any.
    public var selected: Classification? {
        items.indices.contains(selection) ? items[selection] : nil
    }

    public var capturesKeyboard: Bool { prompt != nil }

    public var headerNote: String? {
        guard let data else { return nil }
        let report = data.report
        return "\(data.modelName): \(report.misclassified.count) wrong"
    }

    public var statusHints: [KeyHint] {
        switch prompt {
        case .jump:
            return [KeyHint("0-9", "image index"), KeyHint("enter", "go"), KeyHint("esc", "cancel")]
        case .trueDigit:
            return [KeyHint("0-9", "true digit"), KeyHint("x", "any digit"), KeyHint("esc", "cancel")]
        case .predictedDigit:
            return [KeyHint("0-9", "predicted digit"), KeyHint("x", "any digit"), KeyHint("esc", "cancel")]
        case nil:
            break
        }
        guard phase == .ready else { return [] }
        switch view {
        case .matrix:
            return [KeyHint("arrows", "cell"), KeyHint("enter", "show images"), KeyHint("esc", "back"),
                    KeyHint("g", "go to")]
        case .image:
            return [KeyHint("←→", "previous, next"), KeyHint("esc", "back"),
                    KeyHint("i", explains ? "image" : "why")]
                + (explains ? [KeyHint(", .", "other digit")] : [])
                + [KeyHint("m", "matrix"), KeyHint("g", "go to")]
        case .list, .grid:
            return [KeyHint("enter", "open"), KeyHint("m", "matrix"), KeyHint("t p", "filter"),
                    KeyHint("s", "sort"), KeyHint("v", view == .grid ? "list" : "grid"), KeyHint("g", "go to"),
                    KeyHint("a", includesCorrect ? "mistakes" : "all"), KeyHint("c", "clear")]
        }
    }

    public var helpSections: [HelpSection] {
        [HelpSection("Browse", [
            KeyHint("arrows, hjkl", "move"),
            KeyHint("pgup, pgdn, home, end", "page, first, last"),
            KeyHint("enter", "open the image; in the matrix, show the cell's images"),
            KeyHint("i", "why: the image's evidence map and units (in the image view)"),
            KeyHint(", .", "explain the digit below or above: why not 2?"),
            KeyHint("esc", "back to the list"),
            KeyHint("v", "list or grid of thumbnails"),
            KeyHint("m", "confusion matrix"),
            KeyHint("t then 0-9", "only this true digit (t x: any)"),
            KeyHint("p then 0-9", "only this predicted digit (p x: any)"),
            KeyHint("c", "clear the filters"),
            KeyHint("s", "sort by index or confidence"),
            KeyHint("a", "mistakes only, or all test images"),
            KeyHint("g then index, enter", "go to a test image"),
        ])]
    }
}
