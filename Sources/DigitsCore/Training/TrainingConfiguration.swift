/// Everything that decides what training produces. The same configuration and data give the
/// same model, bit for bit, on the same machine.
public struct TrainingConfiguration: Sendable, Equatable, Codable {
    /// Hidden layer widths: `[128]` gives 784-128-10, `[1024, 128]` gives 784-1024-128-10.
    public var hiddenSizes: [Int]
    public var activation: Activation
    /// Nil means the activation's preferred scheme (He for ReLU, Xavier for sigmoid).
    public var initialization: Initialization?
    public var optimizer: OptimizerKind
    public var learningRate: Float
    /// Examples per step; ignored by full-batch gradient descent.
    public var batchSize: Int
    public var epochs: Int
    public var seed: UInt64
    /// L2 penalty on the weights.
    public var weightDecay: Float
    public var schedule: LearningRateSchedule
    /// Per-epoch factor for the exponential schedule.
    public var learningRateDecay: Float
    /// Random distortions of the training images, or nil for none.
    public var augmentation: Augmentation?

    public init(
        hiddenSizes: [Int] = [128], activation: Activation = .relu,
        initialization: Initialization? = nil, optimizer: OptimizerKind = .sgd,
        learningRate: Float = 0.1, batchSize: Int = 64, epochs: Int = 10, seed: UInt64 = 1,
        weightDecay: Float = 0, schedule: LearningRateSchedule = .constant,
        learningRateDecay: Float = 1, augmentation: Augmentation? = nil
    ) {
        self.hiddenSizes = hiddenSizes
        self.activation = activation
        self.initialization = initialization
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.epochs = epochs
        self.seed = seed
        self.weightDecay = weightDecay
        self.schedule = schedule
        self.learningRateDecay = learningRateDecay
        self.augmentation = augmentation
    }

    /// Checks ranges a user could get wrong; the message names the field.
    public func validate() throws(TrainingError) {
        if hiddenSizes.contains(where: { !(1...65536).contains($0) }) {
            throw .invalid("hidden sizes must be between 1 and 65536, got \(hiddenSizes)")
        }
        if !(learningRate.isFinite && learningRate > 0 && learningRate <= 100) {
            throw .invalid("learning rate must be in (0, 100], got \(learningRate)")
        }
        if !(1...1_000_000).contains(batchSize) {
            throw .invalid("batch size must be between 1 and 1000000, got \(batchSize)")
        }
        if !(1...100_000).contains(epochs) {
            throw .invalid("epochs must be between 1 and 100000, got \(epochs)")
        }
        if !(weightDecay.isFinite && weightDecay >= 0 && weightDecay < 1) {
            throw .invalid("weight decay must be in [0, 1), got \(weightDecay)")
        }
        if !(learningRateDecay.isFinite && learningRateDecay > 0 && learningRateDecay <= 1) {
            throw .invalid("learning-rate decay must be in (0, 1], got \(learningRateDecay)")
        }
    }
}
