import DigitsCore

/// Where a training run begins: a new network of the form's shape, or the weights of the model
/// the Draw screen reads with, and whether the run also learns the user's labelled drawings
/// (fine-tuning, `FineTuning`).
public struct TrainingStartPoint: Sendable, Equatable {
    /// The weights to continue from; nil for a new network.
    public var network: Network?
    /// The name of the model those weights came from, as the Draw screen shows it.
    public var modelName: String?
    /// The drawing set to learn besides MNIST; nil for MNIST alone.
    public var drawingsPath: String?

    public init(network: Network? = nil, modelName: String? = nil, drawingsPath: String? = nil) {
        self.network = network
        self.modelName = modelName
        self.drawingsPath = drawingsPath
    }

    /// A new network, initialised from the seed: what the Train screen always did.
    public static let newNetwork = TrainingStartPoint()
}
