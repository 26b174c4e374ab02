import Foundation

/// k-fold cross-validation to choose a hidden-layer size: for each candidate, train k networks,
/// each on all folds but one and validated on the one left out, and report the mean and
/// spread of the validation accuracies. The test set is never looked at.
public struct CrossValidation {
    /// One candidate's result.
    public struct Result: Sendable {
        public let hiddenSizes: [Int]
        /// Validation accuracy of each fold, in fold order.
        public let accuracies: [Float]
        public var mean: Float { accuracies.reduce(0, +) / Float(max(accuracies.count, 1)) }
        /// Sample standard deviation across folds.
        public var standardDeviation: Float {
            guard accuracies.count > 1 else { return 0 }
            let m = mean
            let variance = accuracies.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Float(accuracies.count - 1)
            return variance.squareRoot()
        }
    }

    /// Progress: candidate, fold, and the fold's accuracy once known.
    public struct Progress: Sendable {
        public let hiddenSizes: [Int]
        public let fold: Int
        public let folds: Int
        public let accuracy: Float
    }

    public let base: TrainingConfiguration
    public let folds: Int

    public init(base: TrainingConfiguration, folds: Int) throws(TrainingError) {
        guard TrainingLimits.folds.contains(folds) else { throw TrainingLimits.folds.refusal(folds) }
        try base.validate()
        self.base = base
        self.folds = folds
    }

    /// The fold of each example: a seeded shuffle cut into `folds` nearly equal parts.
    public func foldIndices(count: Int) -> [[Int]] {
        var order = Array(0..<count)
        var generator = SeededGenerator(seed: base.seed &+ 0xF01D)
        order.shuffle(using: &generator)
        return (0..<folds).map { fold in
            Array(order[(fold * count / folds)..<((fold + 1) * count / folds)])
        }
    }

    /// Runs every candidate; `control` can stop it between batches.
    public func run(
        candidates: [[Int]], on training: Dataset, control: TrainingControl = TrainingControl(),
        progress: (Progress) -> Void = { _ in }
    ) throws(TrainingError) -> [Result] {
        guard training.count >= folds else {
            throw .tooFewExamples(examples: training.count, folds: folds)
        }
        let parts = foldIndices(count: training.count)
        var results: [Result] = []
        for hidden in candidates {
            var config = base
            config.hiddenSizes = hidden
            try config.validate()
            var accuracies: [Float] = []
            for fold in 0..<folds {
                let held = training.subset(parts[fold])
                let rest = training.subset(parts.enumerated().filter { $0.offset != fold }.flatMap(\.element))
                let trainer = Trainer(configuration: config)
                var network: Network
                do {
                    network = try trainer.makeNetwork(inputSize: training.pixelsPerImage)
                } catch {
                    throw .invalidNetwork(error)
                }
                let outcome = try trainer.train(&network, on: rest, control: control)
                if case .cancelled = outcome { return results }
                let accuracy = try Trainer.measure(network, on: held).accuracy
                accuracies.append(accuracy)
                progress(Progress(hiddenSizes: hidden, fold: fold + 1, folds: folds, accuracy: accuracy))
            }
            results.append(Result(hiddenSizes: hidden, accuracies: accuracies))
        }
        return results
    }
}
