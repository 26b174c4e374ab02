import DigitsCore

/// Everything that can happen to the app, the one input of the Elm-style `update`: what the
/// terminal reports (keys, mouse, resizes, the end) and how the runtime answers effects.
/// Input goes to the active screen; answers and model changes go to every screen, and each
/// screen acts on the cases that are its own.
public enum Event: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The terminal has a new size; the screen re-lays out at once.
    case resize(Size)
    /// The process was asked to stop (SIGINT, SIGTERM, SIGHUP) or input ended.
    case terminate

    /// The answer to `Effect.checkData`: the files `location` lacks, empty when all are there.
    case dataChecked(DataLocation, missing: [String])
    /// A report from training `run`; batch reports are thinned to a few a second.
    case training(run: Int, TrainingEvent)
    /// Training `run` returned: how, the weights it ended with, and their test accuracy.
    case trainingEnded(run: Int, TrainingOutcome, network: Network, testAccuracy: Float?)
    /// Fine-tuning `run` read its drawing set and learns these drawings.
    case learningDrawings(run: Int, LearntDrawings)
    /// Training `run` could not start or failed (the data is missing, a file is corrupt).
    case trainingFailed(run: Int, String)
    /// The weights of `run` at `revision` were written to `path`.
    case saved(run: Int, path: String, revision: Int)
    case saveFailed(run: Int, String)
    /// The weights of `run` were rescued to `path` (the answer to `Effect.rescueModel`).
    case rescued(run: Int, path: String)
    /// The answer to `Effect.evaluateTestSet` for `generation`.
    case evaluated(generation: Int, Result<BrowseData, BrowseProblem>)
    /// The Draw screen reads with `model` from now on (sent by the App for `Effect.useInDraw`).
    case drawModelChanged(DrawModel)
    /// The user's drawings as found at `path`: nil when there is no file yet.
    case drawingsLoaded(path: String, Result<DrawnDigitSet?, DrawingCollectionError>)
    /// The first `count` drawings sent were written; the set is the file as it is now.
    case drawingsSaved(path: String, DrawnDigitSet, count: Int)
    /// Nothing was written; the drawings stay with the screen.
    case drawingsSaveFailed(path: String, DrawingCollectionError)
}
