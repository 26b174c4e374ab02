import DigitsCore

/// One training run as the Train screen sees it: how far it got, what each epoch measured,
/// and the latest weights.
public struct TrainingRun: Sendable {
    public enum Phase: Sendable {
        /// Reading MNIST, before the first batch.
        case loading
        case running
        case paused
        /// Asked to stop; the trainer stops after the batch it is in.
        case stopping
        case finished(TrainingOutcome)
        case failed(String)

        public var isActive: Bool {
            switch self {
            case .loading, .running, .paused, .stopping: true
            case .finished, .failed: false
            }
        }
    }

    /// What one epoch measured (the epoch event without its network, which only the latest
    /// needs to keep).
    public struct EpochRecord: Sendable, Equatable {
        public var epoch: Int
        public var loss: Float
        public var trainAccuracy: Float
        public var testAccuracy: Float?
        public var seconds: Double
    }

    public let id: Int
    public let configuration: TrainingConfiguration
    /// The model whose weights the run continued, by name; nil for a new network.
    public let startedFrom: String?
    /// Whether the run learns the user's drawings besides MNIST.
    public let learnsDrawings: Bool
    /// The drawings the run learns besides MNIST, once the runtime has read them.
    public internal(set) var learnt: LearntDrawings?
    public internal(set) var phase: Phase = .loading
    public internal(set) var start: TrainingStart?
    /// The latest batch report.
    public internal(set) var batch: BatchProgress?
    public internal(set) var epochs: [EpochRecord] = []
    /// The latest weights: the last epoch's snapshot, then the weights training ended with.
    public internal(set) var network: Network?
    /// The first layer's weights of the first hidden units as images, small and full size,
    /// made once per new `network` rather than on every frame.
    public internal(set) var weightImages: (small: [PixelImage], full: [PixelImage]) = ([], [])
    /// Counts changes of `network`, so the screen knows whether what is saved is current.
    public internal(set) var revision = 0
    /// `RejectionRule`'s threshold from the latest epoch, when training with negatives.
    public internal(set) var rejectBelow: Float?
    /// Test accuracy of `network` when training ended.
    public internal(set) var finalTestAccuracy: Float?

    public init(id: Int, configuration: TrainingConfiguration, startedFrom: String? = nil, learnsDrawings: Bool = false) {
        self.id = id
        self.configuration = configuration
        self.startedFrom = startedFrom
        self.learnsDrawings = learnsDrawings
    }

    public var isActive: Bool { phase.isActive }

    public var totalEpochs: Int { configuration.epochs }

    /// Test accuracy of the current `network`, when known.
    public var currentTestAccuracy: Float? {
        if case .finished = phase, let finalTestAccuracy { return finalTestAccuracy }
        return epochs.last?.testAccuracy
    }

    /// Complete epochs behind the current `network`.
    public var epochsDone: Int {
        if case .finished(.cancelled(let count)) = phase { return count }
        return epochs.last?.epoch ?? 0
    }

    /// Fraction of all the work done, 0...1.
    public var fractionDone: Double {
        if case .finished(.completed) = phase { return 1 }
        guard let batch else { return Double(epochs.count) / Double(max(totalEpochs, 1)) }
        let epochPart = Double(batch.batch) / Double(max(batch.batches, 1))
        return min(1, (Double(batch.epoch - 1) + epochPart) / Double(max(batch.epochs, 1)))
    }

    /// Seconds still to go at the pace so far; nil before there is a pace.
    public var secondsLeft: Double? {
        guard let batch, fractionDone > 0, isActive else { return nil }
        return batch.elapsed / fractionDone * (1 - fractionDone)
    }

    /// Most weight images any layout shows.
    static let weightImageCount = 8

    private mutating func setNetwork(_ new: Network) {
        network = new
        revision += 1
        weightImages = (WeightImages.images(of: new, count: Self.weightImageCount, side: 14),
                        WeightImages.images(of: new, count: Self.weightImageCount, side: 28))
    }

    mutating func apply(_ event: TrainingEvent) {
        switch event {
        case .started(let start):
            self.start = start
            if case .loading = phase { phase = .running }
        case .batch(let progress):
            batch = progress
            if case .loading = phase { phase = .running }
        case .epoch(let summary):
            epochs.append(EpochRecord(epoch: summary.epoch, loss: summary.loss,
                                      trainAccuracy: summary.trainAccuracy,
                                      testAccuracy: summary.testAccuracy, seconds: summary.seconds))
            rejectBelow = summary.rejectBelow
            setNetwork(summary.network)
        case .finished(let outcome):
            phase = .finished(outcome)
        }
    }

    mutating func end(_ outcome: TrainingOutcome, network final: Network, testAccuracy: Float?) {
        phase = .finished(outcome)
        if network != final { setNetwork(final) }
        finalTestAccuracy = testAccuracy
    }
}
