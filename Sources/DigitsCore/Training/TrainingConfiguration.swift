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
    /// The share of each batch replaced by generated non-digits (scribbles, letters, shapes,
    /// blots: `NonDigitGenerator`) with a uniform target, so the model learns to answer what is
    /// no digit with no confident class and `RejectionRule` can say "not sure this is a digit".
    /// 0 trains on digits only.
    public var negatives: Float

    public init(
        hiddenSizes: [Int] = [TrainingLimits.hiddenSize.defaultValue], activation: Activation = .relu,
        initialization: Initialization? = nil, optimizer: OptimizerKind = .sgd,
        learningRate: Float = TrainingLimits.learningRate.defaultValue,
        batchSize: Int = TrainingLimits.batchSize.defaultValue,
        epochs: Int = TrainingLimits.epochs.defaultValue, seed: UInt64 = 1,
        weightDecay: Float = TrainingLimits.weightDecay.defaultValue, schedule: LearningRateSchedule = .constant,
        learningRateDecay: Float = TrainingLimits.learningRateDecay.defaultValue, augmentation: Augmentation? = nil,
        negatives: Float = TrainingLimits.negatives.defaultValue
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
        self.negatives = negatives
    }

    /// Checks every setting against `TrainingLimits`; the error names the setting, the value
    /// and what is allowed.
    public func validate() throws(TrainingError) {
        let sizes = "[" + hiddenSizes.map(String.init).joined(separator: ", ") + "]"
        if !TrainingLimits.hiddenLayers.contains(hiddenSizes.count) {
            throw TrainingLimits.hiddenLayers.refusal(hiddenSizes.count, shown: "\(hiddenSizes.count) in \(sizes)")
        }
        if let bad = hiddenSizes.first(where: { !TrainingLimits.hiddenSize.contains($0) }) {
            throw TrainingLimits.hiddenSize.refusal(bad, shown: sizes)
        }
        try check(learningRate, against: TrainingLimits.learningRate)
        try check(batchSize, against: TrainingLimits.batchSize)
        try check(epochs, against: TrainingLimits.epochs)
        try check(weightDecay, against: TrainingLimits.weightDecay)
        try check(learningRateDecay, against: TrainingLimits.learningRateDecay)
        try check(negatives, against: TrainingLimits.negatives)
    }

    private func check<Value>(_ value: Value, against limit: OptionLimit<Value>) throws(TrainingError) {
        if !limit.contains(value) { throw limit.refusal(value) }
    }
}
