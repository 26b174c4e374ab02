import DigitsCore

/// Work that `update` asks for, as data: the runtime (DigitsTerminal's `EffectRunner`) does it
/// on threads it owns and answers with `Event`s. Because effects are values, a test checks what
/// an update asks for with `#expect(effects == [.startTraining(...)])` and nothing runs.
public enum Effect: Sendable, Equatable {
    /// Leave the loop, stop every run, restore the terminal.
    case quit
    /// Find out which MNIST files `location` lacks; answered by `.dataChecked`.
    case checkData(DataLocation)
    /// Load the data at `location` and train a network with `configuration`, new or continued
    /// `from` a model and learning drawings; answered by `.training` reports (and
    /// `.learningDrawings` when fine-tuning), then `.trainingEnded` or `.trainingFailed`, all
    /// tagged with `run`.
    case startTraining(run: Int, configuration: TrainingConfiguration, data: DataLocation,
                       from: TrainingStartPoint = .newNetwork)
    /// Hold training `run` before its next batch, until resumed or stopped.
    case pauseTraining(run: Int)
    case resumeTraining(run: Int)
    /// Stop training `run` after the batch it is in, keeping the weights so far.
    case stopTraining(run: Int)
    /// Write `network` atomically to `path`; answered by `.saved` or `.saveFailed`.
    case saveModel(SaveRequest)
    /// Write the weights of `run`, which a signal would otherwise lose, without replacing any
    /// file: to `preferredPath` when given and free, else to a new recovery file in the user's
    /// data directory; answered by `.rescued` or `.saveFailed`.
    case rescueModel(network: Network, metadata: ModelMetadata, preferredPath: String?, run: Int)
    /// Load the MNIST test set from `location` and evaluate `model` on it; answered by
    /// `.evaluated` with the same `generation`.
    case evaluateTestSet(model: DrawModel, data: DataLocation, generation: Int)
    /// Read digits on the Draw screen with `model` from now on. The `App` answers this one
    /// itself, by telling every screen (`.drawModelChanged`); it never reaches the runtime.
    case useInDraw(DrawModel)
    /// Read the user's labelled drawings at `path` (answered by `.drawingsLoaded`).
    case loadDrawings(path: String)
    /// Add labelled drawings to the set at `path`, written atomically (answered by
    /// `.drawingsSaved` or `.drawingsSaveFailed`).
    case saveDrawings(path: String, drawings: [DrawnDigit])
}

/// What `Effect.saveModel` writes, and which run and revision of its weights it is, so the
/// answer can say whether the file holds the latest weights.
public struct SaveRequest: Sendable, Equatable {
    public var network: Network
    public var metadata: ModelMetadata
    public var path: String
    public var run: Int
    public var revision: Int

    public init(network: Network, metadata: ModelMetadata, path: String, run: Int, revision: Int) {
        self.network = network
        self.metadata = metadata
        self.path = path
        self.run = run
        self.revision = revision
    }
}
