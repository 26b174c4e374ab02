import Foundation

/// Trains a network on a dataset, batch by batch, reporting progress as events.
///
/// One epoch: shuffle (seeded), then for each batch convert its bytes to floats (optionally
/// distorting them), run forward and backward through the `Workspace`, and step the optimiser.
/// Full-batch gradient descent accumulates the gradient over chunks of the whole set before a
/// single step, so memory stays that of one chunk.
///
/// When the images are mostly background and not distorted (MNIST without augmentation), the
/// batches are not converted at all: the images are listed once as their inked pixels
/// (`SparseImages`) and the first layer, most of the work, skips the zeros on every core.
public struct Trainer {
    public let configuration: TrainingConfiguration
    /// Whether batches of mostly-background images may go through the sparse first layer; off,
    /// every batch takes the dense path (the tests compare the two).
    var allowsSparseInput = true
    /// Threads that share the sparse first layer's work: by default as many as suit this
    /// machine. Tests set two and three to exercise the team on any machine (and under
    /// ThreadSanitizer, on small data).
    public var workerCount = Trainer.preferredWorkerCount

    /// The threads worth using for training on this machine: its cores, up to four.
    public static var preferredWorkerCount: Int { WorkerTeam.preferredSize() }

    /// Rows processed at once when a batch is larger than this (full-batch gradient descent).
    static let chunkSize = 1000

    /// Multiply-adds below which a product is not worth splitting across cores.
    static let smallProduct = 1 << 20

    public init(configuration: TrainingConfiguration) {
        self.configuration = configuration
    }

    /// A network of the configured shape for `dataset`'s images, initialised from the seed.
    public func makeNetwork(inputSize: Int, classes: Int = 10) throws -> Network {
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
        guard training.count > 0 else { throw .dataMismatch("the training set is empty") }
        guard training.pixelsPerImage == network.inputSize else {
            throw .dataMismatch("images have \(training.pixelsPerImage) pixels but the network takes \(network.inputSize)")
        }
        if let maxLabel = training.labels.max(), Int(maxLabel) >= network.outputSize {
            throw .dataMismatch("label \(maxLabel) does not fit a network with \(network.outputSize) outputs")
        }

        let config = configuration
        let fullBatch = config.optimizer == .gd
        let batchSize = fullBatch ? training.count : min(config.batchSize, training.count)
        let chunk = min(batchSize, Self.chunkSize)
        let batches = (training.count + batchSize - 1) / batchSize
        let workspace = Workspace(for: network, capacity: chunk)
        let sparse = allowsSparseInput && config.augmentation == nil && SparseImages.suits(training)
            ? SparseInput(training, capacity: chunk, width: network.layers[0].outputs, workers: workerCount) : nil
        // With small layers after the first, BLAS would only use its threads for the test set
        // at each epoch's end, and they would then spin on the cores the team is using. With
        // large ones (784-1024-128-10), BLAS splitting them across cores is worth it.
        let limitsBLAS = sparse != nil && network.layers.dropFirst().allSatisfy {
            chunk * $0.inputs * $0.outputs <= Self.smallProduct
        }
        if limitsBLAS { BLASThreads.enter() }
        defer { if limitsBLAS { BLASThreads.leave() } }
        let layout = TrainingLayout(for: network, transposesFirstLayer: sparse != nil)
        var parameters = layout.training(network.parameters)
        let firstLayer = network.layers[0]
        let firstWeights = firstLayer.weightOffset..<(firstLayer.weightOffset + firstLayer.weightCount)
        // Sparse batches never become floats.
        let input = UnsafeMutablePointer<Float>.allocate(capacity: sparse == nil ? chunk * training.pixelsPerImage : 0)
        defer { input.deallocate() }
        let labels = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { labels.deallocate() }
        var optimizer = Optimizer(config.optimizer, for: network, weightDecay: config.weightDecay)
        var generator = SeededGenerator(seed: config.seed &+ 0x5EED)
        var augmenter = config.augmentation.map { Augmenter($0, seed: config.seed &+ 0xA06) }
        var order = Array(0..<training.count)
        var lastGood = network
        let classes = network.outputSize

        listener(.started(TrainingStart(
            configuration: config, architecture: network.architecture,
            trainingExamples: training.count, testExamples: test?.count ?? 0,
            batchesPerEpoch: batches)))

        let start = Date()
        var pausedSeconds = 0.0
        var examplesSeen = 0
        func elapsed() -> Double { Date().timeIntervalSince(start) - pausedSeconds }

        for epoch in 1...config.epochs {
            order.shuffle(using: &generator)
            let epochStart = elapsed()
            var lossSum = 0.0, correct = 0, seen = 0
            for batch in 0..<batches {
                let waitStart = Date()
                guard control.shouldContinue() else {
                    network.parameters = layout.network(parameters)
                    listener(.finished(.cancelled(epochs: epoch - 1)))
                    return .cancelled(epochs: epoch - 1)
                }
                pausedSeconds += Date().timeIntervalSince(waitStart)
                let progress = Double(epoch - 1) + Double(batch) / Double(batches)
                let rate = config.schedule.rate(base: config.learningRate, decay: config.learningRateDecay,
                                                progress: progress, epochs: config.epochs)
                let step = optimizer.nextStep(rate: rate)
                // Minibatch steps with sparse input are taken partly inside the backward pass.
                let stepsInBackward = sparse != nil && !fullBatch
                let batchStart = batch * batchSize
                let batchEnd = min(batchStart + batchSize, training.count)
                var batchLoss = 0.0
                // A minibatch is one chunk; a full batch is many, accumulated.
                for chunkStart in stride(from: batchStart, to: batchEnd, by: chunk) {
                    let chunkEnd = min(chunkStart + chunk, batchEnd)
                    let rows = chunkEnd - chunkStart
                    let indices = order[chunkStart..<chunkEnd]
                    for (row, index) in indices.enumerated() { labels[row] = training.labels[index] }
                    let meanOver = batchEnd - batchStart, accumulate = chunkStart != batchStart
                    let countCorrect = { (probabilities: UnsafeBufferPointer<Float>) in
                        correct += Self.countCorrect(probabilities, labels: labels, rows: rows, classes: classes)
                    }
                    let loss = parameters.withUnsafeMutableBufferPointer { parameters in
                        if let sparse {
                            return order.withUnsafeBufferPointer { order in
                                workspace.forwardBackward(
                                    network, parameters: parameters.baseAddress!, images: sparse.images,
                                    indices: UnsafeBufferPointer(rebasing: order[chunkStart..<chunkEnd]),
                                    scratch: sparse.batch, team: sparse.team, labels: labels,
                                    meanOver: meanOver, accumulate: accumulate,
                                    step: stepsInBackward ? step : nil, onProbabilities: countCorrect)
                            }
                        }
                        training.copyBatch(indices, into: input)
                        augmenter?.distort(input, count: rows, rows: training.rows, columns: training.columns)
                        return workspace.forwardBackward(
                            network, parameters: parameters.baseAddress!, input: input, labels: labels,
                            batch: rows, meanOver: meanOver, accumulate: accumulate,
                            onProbabilities: countCorrect)
                    }
                    batchLoss += Double(loss) * Double(rows)
                }
                guard batchLoss.isFinite else {
                    network = lastGood
                    let why = "loss became \(batchLoss.isNaN ? "NaN" : "infinite") in epoch \(epoch), batch \(batch + 1); "
                        + "kept the weights from \(epoch == 1 ? "initialisation" : "the end of epoch \(epoch - 1)")"
                        + " (try a smaller learning rate)"
                    listener(.finished(.diverged(why)))
                    return .diverged(why)
                }
                parameters.withUnsafeMutableBufferPointer { parameters in
                    let w = parameters.baseAddress!, g = workspace.gradients.baseAddress!
                    if stepsInBackward {
                        step.apply(0..<firstWeights.lowerBound, parameters: w, gradients: g)
                        step.apply(firstWeights.upperBound..<parameters.count, parameters: w, gradients: g)
                    } else {
                        step.apply(0..<parameters.count, parameters: w, gradients: g)
                    }
                }
                lossSum += batchLoss
                seen += batchEnd - batchStart
                examplesSeen += batchEnd - batchStart
                let now = elapsed()
                listener(.batch(BatchProgress(
                    epoch: epoch, epochs: config.epochs, batch: batch + 1, batches: batches,
                    runningLoss: Float(lossSum / Double(seen)),
                    runningAccuracy: Float(correct) / Float(seen),
                    samplesPerSecond: Double(seen) / max(now - epochStart, 1e-9),
                    elapsed: now, learningRate: rate)))
            }
            let epochSeconds = elapsed() - epochStart
            // Weights can be finite while every loss so far was, yet overflow in the last step.
            guard parameters.allSatisfy(\.isFinite) else {
                network = lastGood
                let why = "weights became non-finite in epoch \(epoch); kept the last good weights (try a smaller learning rate)"
                listener(.finished(.diverged(why)))
                return .diverged(why)
            }
            network.parameters = layout.network(parameters)
            lastGood = network
            var testAccuracy: Float?, testLoss: Float?
            if let test, test.count > 0 {
                let result = Self.measure(network, on: test)
                testAccuracy = result.accuracy
                testLoss = result.loss
            }
            listener(.epoch(EpochSummary(
                epoch: epoch, epochs: config.epochs, loss: Float(lossSum / Double(seen)),
                trainAccuracy: Float(correct) / Float(seen), testAccuracy: testAccuracy,
                testLoss: testLoss, seconds: epochSeconds, elapsed: elapsed(),
                samplesPerSecond: Double(seen) / max(epochSeconds, 1e-9),
                learningRate: config.schedule.rate(base: config.learningRate, decay: config.learningRateDecay,
                                                   progress: Double(epoch), epochs: config.epochs),
                network: network)))
        }
        listener(.finished(.completed(epochs: config.epochs)))
        return .completed(epochs: config.epochs)
    }

    static func countCorrect(_ probabilities: UnsafeBufferPointer<Float>, labels: UnsafePointer<UInt8>,
                             rows: Int, classes: Int) -> Int {
        var correct = 0
        for row in 0..<rows {
            let base = row * classes
            var best = 0
            for c in 1..<classes where probabilities[base + c] > probabilities[base + best] { best = c }
            if best == Int(labels[row]) { correct += 1 }
        }
        return correct
    }

    /// Accuracy and mean loss of `network` on `dataset`, in chunks.
    public static func measure(_ network: Network, on dataset: Dataset) -> (accuracy: Float, loss: Float) {
        let chunk = min(dataset.count, chunkSize)
        guard chunk > 0 else { return (0, 0) }
        let workspace = Workspace(for: network, capacity: chunk, training: false)
        let input = UnsafeMutablePointer<Float>.allocate(capacity: chunk * dataset.pixelsPerImage)
        defer { input.deallocate() }
        var correct = 0
        var loss = 0.0
        dataset.labels.withUnsafeBufferPointer { labels in
            for start in stride(from: 0, to: dataset.count, by: chunk) {
                let rows = min(chunk, dataset.count - start)
                dataset.copyBatch(start..<(start + rows), into: input)
                workspace.infer(network, input: input, batch: rows)
                let probabilities = workspace.probabilities(batch: rows)
                let rowLabels = labels.baseAddress! + start
                correct += countCorrect(probabilities, labels: rowLabels, rows: rows, classes: network.outputSize)
                for row in 0..<rows {
                    let p = probabilities[row * network.outputSize + Int(rowLabels[row])]
                    loss -= Double(log(max(p, 1e-30)))
                }
            }
        }
        return (Float(correct) / Float(dataset.count), Float(loss / Double(dataset.count)))
    }
}

/// What the trainer keeps to feed batches as inked pixels: the images listed once, the per-batch
/// buffers, and the threads that share the first layer's work.
private struct SparseInput {
    let images: SparseImages
    let batch: SparseBatch
    let team: WorkerTeam

    init(_ dataset: Dataset, capacity: Int, width: Int, workers: Int) {
        team = WorkerTeam(size: workers)
        images = SparseImages(dataset, parts: team.size)
        batch = SparseBatch(for: images, capacity: capacity, width: width)
    }
}
