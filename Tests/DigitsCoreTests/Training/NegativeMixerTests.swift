import Testing
@testable import DigitsCore

/// Training with negatives: the share of each batch replaced, deterministic per seed.
@Suite("Negatives in training batches")
struct NegativeMixerTests {
    @Test("a 10% share replaces 13 of 128 rows with pool images labelled uniform; the same seed picks the same")
    func replacesShare() {
        func mixed(seed: UInt64) -> ([Float], [UInt8]) {
            var mixer = NegativeMixer(share: 0.1, seed: seed, poolSize: 32)
            var input = [Float](repeating: 0.25, count: 128 * 784)
            var labels = [UInt8](repeating: 3, count: 128)
            mixer.mix(into: &input, labels: &labels, rows: 128)
            return (input, labels)
        }
        let (input, labels) = mixed(seed: 9)
        let replaced = labels.indices.filter { labels[$0] == SoftmaxCrossEntropy.uniformLabel }
        #expect(replaced.count == 13)
        for row in labels.indices {
            let image = input[(row * 784)..<((row + 1) * 784)]
            #expect(replaced.contains(row) == !image.allSatisfy { $0 == 0.25 }, "row \(row)")
        }
        let again = mixed(seed: 9)
        #expect(again.0 == input && again.1 == labels)
        #expect(mixed(seed: 10).1 != labels)
    }

    @Test("no share, no rows; a small batch still gets its rounded share")
    func shares() {
        let none = NegativeMixer(share: 0, seed: 1, poolSize: 1)
        #expect(none.replaced(of: 128) == 0)
        let tenth = NegativeMixer(share: 0.1, seed: 1, poolSize: 1)
        #expect(tenth.replaced(of: 5) == 1)
        #expect(tenth.replaced(of: 4) == 0)
        #expect(NegativeMixer(share: 0.5, seed: 1, poolSize: 1).replaced(of: 3) == 2)
    }

    @Test("training with negatives gives the same model for a seed, another than without them; train accuracy counts only digits")
    func deterministicTraining() throws {
        var generator = SeededGenerator(seed: 4)
        let images = (0..<(48 * 784)).map { _ in UInt8(generator.next() % 256) }
        let labels = (0..<48).map { UInt8($0 % 10) }
        let data = Dataset(images: images, labels: labels, rows: 28, columns: 28)
        func train(negatives: Float) throws -> (Network, [Float]) {
            var config = TrainingConfiguration(hiddenSizes: [8], optimizer: .sgd, learningRate: 0.05,
                                               batchSize: 16, epochs: 2, seed: 3)
            config.negatives = negatives
            var trainer = Trainer(configuration: config)
            trainer.negativePoolSize = 16
            var network = try trainer.makeNetwork(inputSize: 784)
            var accuracies: [Float] = []
            try trainer.train(&network, on: data) { event in
                if case .epoch(let summary) = event {
                    accuracies.append(summary.trainAccuracy)
                    #expect((summary.rejectBelow != nil) == (negatives > 0))
                }
            }
            return (network, accuracies)
        }
        let (first, accuracies) = try train(negatives: 0.25)
        #expect(try train(negatives: 0.25).0 == first)
        #expect(try train(negatives: 0).0 != first)
        #expect(accuracies.allSatisfy { (0...1).contains($0) })
        // A pass says how many rows were non-digits, so accuracy is over the other rows.
        let network = try Network(sizes: [784, 8, 10], activation: .relu, seed: 1)
        let step = DenseStep(network, training: data, capacity: 16, optimizer: Optimizer(.sgd, for: network, weightDecay: 0),
                             negatives: NegativeMixer(share: 0.25, seed: 2, poolSize: 8))
        let result = step.pass(Array(0..<16)[...], meanOver: 16, accumulating: false, update: nil)
        #expect(result.negatives == 4 && result.correct <= 12)
    }
}
