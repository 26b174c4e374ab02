import Foundation
import Testing
@testable import DigitsCore

/// A tiny learnable data set: 8x8 images of a horizontal bar (label 0), a vertical bar
/// (label 1) or a diagonal (label 2), at random positions with noise.
func barsDataset(count: Int, seed: UInt64) -> Dataset {
    var generator = SeededGenerator(seed: seed)
    var images: [UInt8] = []
    var labels: [UInt8] = []
    for _ in 0..<count {
        var image = [UInt8](repeating: 0, count: 64)
        for i in 0..<64 where generator.nextUnitFloat() < 0.05 { image[i] = 60 }
        let label = UInt8(generator.next() % 3)
        let at = Int(generator.next() % 6) + 1
        for k in 0..<8 {
            switch label {
            case 0: image[at * 8 + k] = 255
            case 1: image[k * 8 + at] = 255
            default: image[k * 8 + k] = 255
            }
        }
        images += image
        labels.append(label)
    }
    return Dataset(images: images, labels: labels, rows: 8, columns: 8)
}

@Suite("Trainer")
struct TrainerTests {
    let training = barsDataset(count: 600, seed: 1)
    let test = barsDataset(count: 200, seed: 2)

    func train(_ config: TrainingConfiguration, control: TrainingControl = TrainingControl(),
               listener: (TrainingEvent) -> Void = { _ in }) throws -> (Network, TrainingOutcome) {
        let trainer = Trainer(configuration: config)
        var network = try trainer.makeNetwork(inputSize: 64, classes: 3)
        let outcome = try trainer.train(&network, on: training, testingOn: test, control: control, listener: listener)
        return (network, outcome)
    }

    @Test("every optimiser learns the bars", arguments: [
        (OptimizerKind.gd, Float(0.5), 60), (.sgd, 0.1, 5), (.momentum, 0.05, 5), (.adam, 0.005, 5),
    ])
    func optimisersLearn(kind: OptimizerKind, rate: Float, epochs: Int) throws {
        let config = TrainingConfiguration(hiddenSizes: [16], optimizer: kind, learningRate: rate,
                                           batchSize: 32, epochs: epochs)
        let (network, outcome) = try train(config)
        guard case .completed(epochs) = outcome else { Issue.record("outcome \(outcome)"); return }
        #expect(try Trainer.measure(network, on: test).accuracy > 0.95, "\(kind)")
    }

    @Test("sigmoid, deeper networks, weight decay and schedules train too", arguments: [
        TrainingConfiguration(hiddenSizes: [16], activation: .sigmoid, optimizer: .momentum, learningRate: 0.5, batchSize: 16, epochs: 8),
        TrainingConfiguration(hiddenSizes: [32, 16], optimizer: .adam, learningRate: 0.003, batchSize: 32, epochs: 6, weightDecay: 1e-4, schedule: .cosine),
        TrainingConfiguration(hiddenSizes: [10, 10], optimizer: .sgd, learningRate: 0.1, batchSize: 16, epochs: 8, schedule: .exponential, learningRateDecay: 0.9),
    ])
    func variants(config: TrainingConfiguration) throws {
        let (network, _) = try train(config)
        #expect(try Trainer.measure(network, on: test).accuracy > 0.9, "\(config.hiddenSizes) \(config.activation)")
    }

    @Test("the same seed gives the same model; another seed another")
    func deterministic() throws {
        var config = TrainingConfiguration(hiddenSizes: [8], optimizer: .adam, learningRate: 0.01, batchSize: 50, epochs: 2)
        let (a, _) = try train(config)
        let (b, _) = try train(config)
        #expect(a.parameters == b.parameters)
        config.seed = 2
        let (c, _) = try train(config)
        #expect(a.parameters != c.parameters)
    }

    @Test("a diverging loss stops training and keeps finite weights")
    func divergence() throws {
        let config = TrainingConfiguration(hiddenSizes: [32, 32, 32], optimizer: .sgd, learningRate: 100, batchSize: 8, epochs: 3)
        var events: [TrainingEvent] = []
        let (network, outcome) = try train(config) { events.append($0) }
        guard case .diverged(let message) = outcome else { Issue.record("expected divergence, got \(outcome)"); return }
        #expect(message.contains("learning rate"))
        #expect(network.parameters.allSatisfy { $0.isFinite })
        guard case .finished(.diverged) = events.last else { Issue.record("last event \(String(describing: events.last))"); return }
    }

    @Test("stop takes effect within a batch and keeps the weights so far")
    func cancellation() throws {
        let control = TrainingControl()
        var batches = 0
        let config = TrainingConfiguration(hiddenSizes: [8], batchSize: 10, epochs: 5)
        let (network, outcome) = try train(config, control: control) { event in
            if case .batch = event {
                batches += 1
                if batches == 3 { control.stop() }
            }
        }
        #expect(batches == 3)
        guard case .cancelled(epochs: 0) = outcome else { Issue.record("outcome \(outcome)"); return }
        #expect(network.parameters.allSatisfy { $0.isFinite })
    }

    @Test("pause blocks training until resumed")
    func pause() throws {
        let control = TrainingControl()
        control.pause()
        let resumed = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { control.resume() }
        let config = TrainingConfiguration(hiddenSizes: [4], batchSize: 100, epochs: 1)
        _ = try train(config, control: control)
        #expect(Date().timeIntervalSince(resumed) >= 0.19)
    }

    @Test("events: started, batches in order, one summary per epoch with test accuracy, finished")
    func events() throws {
        let config = TrainingConfiguration(hiddenSizes: [8], batchSize: 100, epochs: 2)
        var events: [TrainingEvent] = []
        _ = try train(config) { events.append($0) }
        guard case .started(let start) = events.first else { Issue.record("no start"); return }
        #expect(start.batchesPerEpoch == 6 && start.trainingExamples == 600)
        let batches = events.compactMap { if case .batch(let b) = $0 { b } else { nil } }
        #expect(batches.count == 12)
        #expect(batches.map(\.batch) == Array(1...6) + Array(1...6))
        let epochs = events.compactMap { if case .epoch(let e) = $0 { e } else { nil } }
        #expect(epochs.map(\.epoch) == [1, 2])
        #expect(epochs.allSatisfy { $0.testAccuracy != nil && $0.seconds >= 0 })
        guard case .finished(.completed(epochs: 2)) = events.last else { Issue.record("no finish"); return }
    }

    @Test("bad configurations and data are refused with a message naming the field")
    func validation() throws {
        let trainer = Trainer(configuration: TrainingConfiguration(hiddenSizes: [4], learningRate: -1))
        var network = try Network(sizes: [64, 4, 3], activation: .relu, seed: 1)
        #expect(throws: TrainingError.self) { try trainer.train(&network, on: training) }
        let wrongSize = try Network(sizes: [10, 4, 3], activation: .relu, seed: 1)
        var copy = wrongSize
        do {
            try Trainer(configuration: TrainingConfiguration()).train(&copy, on: training)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("64 pixels"))
            #expect(error == .imageSizeMismatch(pixels: 64, networkInputs: 10))
        }
        var small = try Network(sizes: [64, 4, 2], activation: .relu, seed: 1)
        #expect(throws: TrainingError.labelOutOfRange(label: 2, outputs: 2)) {
            try Trainer(configuration: TrainingConfiguration()).train(&small, on: training)
        }
        #expect(throws: TrainingError.emptyTrainingSet) {
            try Trainer(configuration: TrainingConfiguration()).train(&network, on: training.subset(0..<0))
        }
        // Labels pick the probability the loss reads, so one beyond the outputs is refused.
        let twoClasses = try Network(sizes: [64, 4, 2], activation: .relu, seed: 1)
        #expect(throws: TrainingError.self) { try Trainer.measure(twoClasses, on: test) }
        #expect(throws: TrainingError.self) { try TrainingConfiguration(batchSize: 0).validate() }
        #expect(throws: TrainingError.self) { try TrainingConfiguration(epochs: 0).validate() }
        #expect(throws: TrainingError.self) { try TrainingConfiguration(hiddenSizes: [0]).validate() }
    }

    @Test("k-fold cross-validation: disjoint folds covering everything, a result per candidate")
    func crossValidation() throws {
        let validation = try CrossValidation(
            base: TrainingConfiguration(optimizer: .adam, learningRate: 0.01, batchSize: 32, epochs: 3), folds: 3)
        let folds = validation.foldIndices(count: 100)
        #expect(folds.flatMap { $0 }.sorted() == Array(0..<100))
        #expect(folds.map(\.count).allSatisfy { $0 == 33 || $0 == 34 })
        let results = try validation.run(candidates: [[2], [16]], on: training)
        #expect(results.map(\.hiddenSizes) == [[2], [16]])
        #expect(results.allSatisfy { $0.accuracies.count == 3 })
        #expect(results[1].mean > 0.9)
        #expect(throws: TrainingError.self) { try CrossValidation(base: TrainingConfiguration(), folds: 1) }
        #expect(throws: TrainingError.tooFewExamples(examples: 2, folds: 3)) {
            try validation.run(candidates: [[2]], on: training.subset(0..<2))
        }
    }
}

@Suite("Trainer on MNIST", .enabled(if: ProcessInfo.processInfo.environment["DIGITS_DATA"] != nil,
                                    "DIGITS_DATA not set: point it at the MNIST files to run this"))
struct MNISTTrainingTests {
    // Momentum with a cosine schedule ends on small steps, so the result does not hang on the
    // luck of the last few batches (plain SGD at 0.1 ends anywhere between 78% and 89%).
    @Test("one epoch of 784-128-10 on 10,000 images passes 90% on the test set")
    func oneEpoch() throws {
        let directory = ProcessInfo.processInfo.environment["DIGITS_DATA"] ?? ""
        let sets = try MNIST.load(directory: directory)
        let config = TrainingConfiguration(hiddenSizes: [128], optimizer: .momentum, learningRate: 0.05,
                                           batchSize: 64, epochs: 1, schedule: .cosine)
        let trainer = Trainer(configuration: config)
        var network = try trainer.makeNetwork(inputSize: 784)
        try trainer.train(&network, on: sets.train.subset(0..<10_000))
        #expect(try Trainer.measure(network, on: sets.test).accuracy > 0.9)
    }
}
