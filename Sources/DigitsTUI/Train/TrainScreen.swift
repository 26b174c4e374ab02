import DigitsCore

/// The Train screen's state: the settings form, the training run (progress, epochs, latest
/// weights), what is saved, and which model the Draw screen reads with. `update`
/// (TrainScreen+Update.swift) and `render` (TrainScreen+Render.swift) are pure: checking the
/// data, training, pausing, stopping and saving are effects the runtime runs, and its answers
/// come back as events tagged with the run.
public struct TrainScreen: Screen {
    /// A question the screen waits on before doing something that loses work.
    public enum Confirmation: Sendable, Equatable {
        /// Quit with a model that is not saved (or training still going).
        case quit
        /// Start a new run over a model that is not saved.
        case discard
    }

    public let title = "Train"
    public internal(set) var form: TrainForm
    public let data: DataLocation
    /// Why there is no data to train on (where it looked, how to get it); nil when found or
    /// not yet checked.
    public internal(set) var dataProblem: String?
    /// A start waits for the answer to the data check it asked for.
    public internal(set) var startsWhenDataFound: Bool
    public internal(set) var run: TrainingRun?
    var nextRunID = 1
    /// The revision of the run's network last written to a file, and where.
    public internal(set) var savedRevision: Int?
    public internal(set) var savedPath: String?
    /// The user chose to keep an unsaved model only in memory (`d`).
    public internal(set) var unsavedAccepted = false
    /// The model the Draw screen reads with: a run may start from its weights.
    public internal(set) var drawModel: DrawModel?
    /// The model the Draw screen reads with, as its header names it.
    public var drawModelName: String? { drawModel?.name }
    /// The user's labelled drawings as last read or written by the Draw screen: a run may
    /// learn them.
    public internal(set) var drawings: DrawingsOnFile?
    /// A short message about the last action.
    public internal(set) var note: String?
    public internal(set) var confirmation: Confirmation?
    /// A signal or a closed terminal ends the app, and the weights trained so far are being
    /// saved first (stopping the run, then `Effect.rescueModel`).
    public internal(set) var isRescuing = false
    /// Where the rescued weights went, or why they could not be saved, for standard error.
    public internal(set) var exitNotes: [String] = []
    /// The user chose to quit while training ran: quit as soon as the run reports its end.
    public internal(set) var quitsWhenStopped = false

    public init(setup: TrainScreenSetup = TrainScreenSetup(), drawModel: DrawModel? = nil) {
        form = TrainForm(configuration: setup.configuration, output: setup.output)
        data = setup.data
        self.drawModel = drawModel
        startsWhenDataFound = setup.startsAtOnce
    }

    /// Looks for the data at once, so the screen can say where it looked before anyone asks;
    /// `digits train` in a terminal starts training as soon as the answer says it is there.
    public mutating func start(context: ScreenContext) -> [Effect] {
        [.checkData(data)]
    }

    public var isTraining: Bool { run?.isActive ?? false }

    /// Weights that would be lost by quitting: a run in progress, or a model newer than the file.
    public var hasUnsavedWork: Bool {
        guard let run else { return false }
        if run.isActive { return true }
        guard run.network != nil, !unsavedAccepted else { return false }
        return savedRevision != run.revision
    }

    /// Whether the current network is the one in `savedPath`.
    public var isSaved: Bool {
        guard let run, run.network != nil else { return false }
        return savedRevision == run.revision
    }

    /// Typing into a field or answering a question: then every key comes here, so digits
    /// can be typed and `q` is an answer, not a quit.
    public var capturesKeyboard: Bool {
        form.isEditing || confirmation != nil
    }

    /// Training running or a model not saved: the App brings this screen forward on `q`.
    public var quitNeedsConfirmation: Bool {
        hasUnsavedWork && confirmation == nil
    }

    public var headerNote: String? {
        "Draw uses: \(drawModelName ?? "no model")"
    }

    public var statusHints: [KeyHint] {
        if let confirmation {
            switch confirmation {
            case .quit: return [KeyHint("y", "quit, losing it"), KeyHint("w", "save"), KeyHint("n", "stay")]
            case .discard: return [KeyHint("y", "start anew"), KeyHint("n", "cancel")]
            }
        }
        if form.isEditing {
            return [KeyHint("enter", "keep"), KeyHint("esc", "cancel"), KeyHint("backspace", "delete")]
        }
        if let run, run.isActive {
            let pause = if case .paused = run.phase { KeyHint("space", "resume") } else { KeyHint("space", "pause") }
            return [pause, KeyHint("x", "stop"), KeyHint("w", "save"), KeyHint("u", "use in Draw")]
        }
        var hints = [KeyHint("s", "start"), KeyHint("↑↓", "field"), KeyHint("enter", "edit"),
                     KeyHint("r", "recipe")]
        if run?.network != nil {
            hints += [KeyHint("w", "save"), KeyHint("u", "use in Draw")]
            if hasUnsavedWork { hints.append(KeyHint("d", "don't save")) }
        }
        return hints + [KeyHint("m", "start from")]
    }

    public var helpSections: [HelpSection] {
        [HelpSection("Train: settings", [
            KeyHint("up, down, j, k", "choose a field"),
            KeyHint("enter", "edit a value (enter keeps it, esc cancels)"),
            KeyHint("left, right, space", "change a choice"),
            KeyHint("r", "recipe: fast, or the shipped model's"),
            KeyHint("m", "start from: new, the model in Draw, or it and my drawings"),
            KeyHint("s", "start training"),
        ]), HelpSection("Train: while training", [
            KeyHint("space", "pause or resume"),
            KeyHint("x", "stop, keeping the weights so far"),
            KeyHint("w", "save the latest weights to the file in Save to"),
            KeyHint("u", "read digits on Draw with the latest weights"),
            KeyHint("d", "keep an unsaved model without saving it"),
        ])]
    }
}

/// A drawing set on disk and how many drawings it holds.
public struct DrawingsOnFile: Sendable, Equatable {
    public var path: String
    public var count: Int

    public init(path: String, count: Int) {
        self.path = path
        self.count = count
    }

    /// The file's name without its folders.
    public var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }
}
