/// What training reports while it runs, to any listener: a progress bar, JSON lines, the Train
/// screen. Events arrive on the training thread; listeners that draw must hand them over.
public enum TrainingEvent: Sendable {
    case started(TrainingStart)
    case batch(BatchProgress)
    case epoch(EpochSummary)
    case finished(TrainingOutcome)
}

/// Reported once, before the first batch.
public struct TrainingStart: Sendable {
    public let configuration: TrainingConfiguration
    public let architecture: String
    public let trainingExamples: Int
    public let testExamples: Int
    public let batchesPerEpoch: Int
}

/// Reported after every batch.
public struct BatchProgress: Sendable {
    /// 1-based epoch and batch numbers.
    public let epoch: Int
    public let epochs: Int
    public let batch: Int
    public let batches: Int
    /// Mean loss and accuracy over this epoch's batches so far.
    public let runningLoss: Float
    public let runningAccuracy: Float
    public let samplesPerSecond: Double
    /// Seconds since training started.
    public let elapsed: Double
    public let learningRate: Float
}

/// Reported after every epoch, with a copy of the network as it stands.
public struct EpochSummary: Sendable {
    public let epoch: Int
    public let epochs: Int
    /// Mean training loss over the epoch.
    public let loss: Float
    /// Accuracy on the training batches as they were seen during the epoch: their digits, not
    /// the generated non-digits that replaced some of them (whose uniform-target loss `loss`
    /// does include).
    public let trainAccuracy: Float
    /// Accuracy on the test set after the epoch, when one was given.
    public let testAccuracy: Float?
    /// Mean loss on the test set after the epoch, when one was given.
    public let testLoss: Float?
    /// Seconds this epoch took, training only (test evaluation excluded).
    public let seconds: Double
    /// Seconds since training started.
    public let elapsed: Double
    public let samplesPerSecond: Double
    public let learningRate: Float
    public let network: Network
    /// `RejectionRule`'s threshold calibrated for `network`, when training with negatives.
    public var rejectBelow: Float? = nil
}

/// How training ended. In every case `network` holds good weights.
public enum TrainingOutcome: Sendable {
    case completed(epochs: Int)
    /// Stopped on request after `epochs` complete epochs, with the weights of the last batch.
    case cancelled(epochs: Int)
    /// The loss became NaN or infinite; the weights are those from the end of the last good epoch.
    case diverged(String)

    public var message: String {
        switch self {
        case .completed(let epochs): "completed \(epochs) epoch\(epochs == 1 ? "" : "s")"
        case .cancelled(let epochs): "stopped after \(epochs) complete epoch\(epochs == 1 ? "" : "s")"
        case .diverged(let why): why
        }
    }
}
