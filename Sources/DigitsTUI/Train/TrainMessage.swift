import DigitsCore

/// What the Train screen's background work posts back to it. `run` names the training run it
/// belongs to, so reports from a run the user already left behind are ignored.
public struct TrainMessage: Sendable {
    public enum Kind: Sendable {
        /// A training event, batches thinned out to a few dozen a second.
        case event(TrainingEvent)
        /// Training returned: how, the weights it ended with, and their test accuracy.
        case ended(TrainingOutcome, network: Network, testAccuracy: Float?)
        /// Training could not start or failed: the data is missing, a file is corrupt.
        case failed(String)
        /// The model of `revision` was written to `path`.
        case saved(path: String, revision: Int)
        case saveFailed(String)
    }

    public let run: Int
    public let kind: Kind

    public init(run: Int, _ kind: Kind) {
        self.run = run
        self.kind = kind
    }
}
