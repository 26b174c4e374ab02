import Foundation

/// Trains a network on a dataset, batch by batch, reporting progress as events: the epoch,
/// batch and reporting loop around a `TrainingStep`.
///
/// One epoch: shuffle (seeded), then hand each batch of image numbers to the step at the
/// scheduled learning rate. The step, which owns the parameters while training runs, is the
/// sparse one when the images are mostly background and not distorted (MNIST without
/// augmentation), else the dense one. Full-batch gradient descent is one batch of the whole set.
public struct Trainer {
    public let configuration: TrainingConfiguration
    /// Whether batches of mostly-background images may go through the sparse step; off, every
    /// batch takes the dense one (the tests compare the two).
    var allowsSparseInput = true
    /// The most images a step processes at once; larger batches (full-batch gradient descent)
    /// are accumulated chunk by chunk. The tests lower it to cover chunking on small sets.
    var chunkSize = Trainer.largestChunk
    /// Threads that share the sparse first layer's work: by default as many as suit this
    /// machine. Tests set two and three to exercise the team on any machine (and under
    /// ThreadSanitizer, on small data).
    public var workerCount = Trainer.preferredWorkerCount
    /// Generated non-digits made for a run with negatives; the tests lower it, as rendering
    /// them is slow in debug builds.
    var negativePoolSize = NonDigitImages.defaultCount
    /// Whether passes too small to be worth splitting (`SparseStep.worthSplitting`) still go to
    /// every worker; otherwise they run on one thread. The tests set it to exercise the team on
    /// small networks.
    var splitsSmallPasses = false

    /// The threads worth using for training on this machine: its cores, up to four.
    public static var preferredWorkerCount: Int { WorkerTeam.preferredSize() }

    /// Images a step or a measurement processes at once, at most.
    static let largestChunk = 1000

    public init(configuration: TrainingConfiguration) {
        self.configuration = configuration
    }

    /// A network of the configured shape for `dataset`'s images, initialised from the seed.
    public func makeNetwork(inputSize: Int, classes: Int = 10) throws(NetworkError) -> Network {
        try Network(sizes: [inputSize] + configuration.hiddenSizes + [classes],
                    activation: configuration.activation,
                    initialization: configuration.initialization, seed: configuration.seed)
    }

    /// Trains `network` in place and returns how training ended. `network` always ends with
    /// finite weights: if the loss diverges, the weights of the last good epoch are restored.
    @discardableResult
    public func train(
        _ network: inout Network, on training: Dataset, testingOn test: Dataset? = nil,
        control: TrainingControl = TrainingControl(),
        listener: (TrainingEvent) -> Void = { _ in }
    ) throws(TrainingError) -> TrainingOutcome {
        try configuration.validate()
        guard training.count > 0 else { throw .emptyTrainingSet }
        try Self.check(training, fits: network)
        if let test { try Self.check(test, fits: network) }
        if configuration.negatives > 0 && training.pixelsPerImage != NonDigitImages.pixelsPerImage {
            throw .negativesNeedMNISTImages(pixels: training.pixelsPerImage)
        }

        let config = configuration
        let batchSize = config.optimizer == .gd ? training.count : min(config.batchSize, training.count)
        let batches = (training.count + batchSize - 1) / batchSize
        let step = makeStep(for: network, on: training, batchSize: batchSize)
        // The sparse step keeps BLAS to one thread while it lives, the plain pass's test
        // measurements included (`TrainingStep.measure`).
        defer { withExtendedLifetime(step) {} }
        var generator = SeededGenerator(seed: config.seed &+ 0x5EED)
        var order = Array(0..<training.count)
        var lastGood = network

        listener(.started(TrainingStart(
            configuration: config, architecture: network.architecture,
            trainingExamples: training.count, testExamples: test?.count ?? 0,
            batchesPerEpoch: batches)))

        let start = Date()
        var pausedSeconds = 0.0
        func elapsed() -> Double { Date().timeIntervalSince(start) - pausedSeconds }
        func diverged(_ why: String) -> TrainingOutcome {
            network = lastGood
            listener(.finished(.diverged(why)))
            return .diverged(why)
        }

        for epoch in 1...config.epochs {
            order.shuffle(using: &generator)
            let epochStart = elapsed()
            var total = BatchResult(), seen = 0
            for batch in 0..<batches {
                let waitStart = Date()
                guard control.shouldContinue() else {
                    network.parameters = step.networkParameters()
                    listener(.finished(.cancelled(epochs: epoch - 1)))
                    return .cancelled(epochs: epoch - 1)
                }
                pausedSeconds += Date().timeIntervalSince(waitStart)
                let progress = Double(epoch - 1) + Double(batch) / Double(batches)
                let rate = config.schedule.rate(base: config.learningRate, decay: config.learningRateDecay,
                                                progress: progress, epochs: config.epochs)
                let images = order[(batch * batchSize)..<min((batch + 1) * batchSize, training.count)]
                let result = step.train(images, rate: rate)
                guard result.loss.isFinite else {
                    return diverged("loss became \(result.loss.isNaN ? "NaN" : "infinite") in epoch \(epoch), batch \(batch + 1); "
                        + "kept the weights from \(epoch == 1 ? "initialisation" : "the end of epoch \(epoch - 1)")"
                        + " (try a smaller learning rate)")
                }
                total += result
                seen += images.count
                let now = elapsed()
                listener(.batch(BatchProgress(
                    epoch: epoch, epochs: config.epochs, batch: batch + 1, batches: batches,
                    runningLoss: Float(total.loss / Double(seen)),
                    runningAccuracy: Float(total.correct) / Float(max(seen - total.negatives, 1)),
                    samplesPerSecond: Double(seen) / max(now - epochStart, 1e-9),
                    elapsed: now, learningRate: rate)))
            }
            let epochSeconds = elapsed() - epochStart
            let parameters = step.networkParameters()
            // Weights can be finite while every loss so far was, yet overflow in the last step.
            guard parameters.allSatisfy(\.isFinite) else {
                return diverged("weights became non-finite in epoch \(epoch); kept the last good weights (try a smaller learning rate)")
            }
            network.parameters = parameters
            lastGood = network
            var testAccuracy: Float?, testLoss: Float?
            if let test, test.count > 0 {
                let result = step.measure(test) ?? Self.measureChecked(network, on: test)
                testAccuracy = result.accuracy
                testLoss = result.loss
            }
            listener(.epoch(EpochSummary(
                epoch: epoch, epochs: config.epochs, loss: Float(total.loss / Double(seen)),
                trainAccuracy: Float(total.correct) / Float(max(seen - total.negatives, 1)), testAccuracy: testAccuracy,
                testLoss: testLoss, seconds: epochSeconds, elapsed: elapsed(),
                samplesPerSecond: Double(seen) / max(epochSeconds, 1e-9),
                learningRate: config.schedule.rate(base: config.learningRate, decay: config.learningRateDecay,
                                                   progress: Double(epoch), epochs: config.epochs),
                network: network,
                rejectBelow: RejectionRule.threshold(for: network, trainedWith: config, on: training))))
        }
        listener(.finished(.completed(epochs: config.epochs)))
        return .completed(epochs: config.epochs)
    }

    /// The step for this run, for batches of `batchSize`: sparse when allowed and it pays, else
    /// dense. Generated negatives are mixed in by the dense step only: they are not in the
    /// sparse step's list of inked pixels.
    func makeStep(for network: Network, on training: Dataset, batchSize: Int) -> any TrainingStep {
        let config = configuration
        let optimizer = Optimizer(config.optimizer, for: network, weightDecay: config.weightDecay)
        var capacity = min(batchSize, chunkSize)
        if allowsSparseInput && config.augmentation == nil && config.negatives == 0 && SparseStep.suits(training) {
            // Full-batch descent sums its gradient chunk by chunk, and the sparse kernels are
            // fastest on chunks whose first-layer outputs stay in the core's first-level cache.
            if config.optimizer == .gd { capacity = min(capacity, SparseStep.fullBatchChunk(for: network)) }
            let split = splitsSmallPasses || SparseStep.worthSplitting(network, capacity: capacity)
            return SparseStep(network, training: training, capacity: capacity, optimizer: optimizer,
                              bands: split ? workerCount : 1)
        }
        let augmenter = config.augmentation.map { Augmenter($0, seed: config.seed &+ 0xA06) }
        let mixer = config.negatives > 0
            ? NegativeMixer(share: config.negatives, seed: config.seed &+ 0x0D16, poolSize: negativePoolSize)
            : nil
        return DenseStep(network, training: training, capacity: capacity, optimizer: optimizer,
                         augmenter: augmenter, negatives: mixer)
    }
}
