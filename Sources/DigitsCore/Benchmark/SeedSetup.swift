/// A training set-up the seed projects use, with the epoch time it should beat. The targets
/// are issue #12's: a share of the faster of NumPy and PyTorch on the same network, measured on
/// this machine class (NumPy 0.14 s, 0.34 s and 4.6 s; PyTorch 0.58 s, 0.40 s and 4.5 s per
/// epoch), so a figure here is absolute and a run beside the peers (`digits bench --compare`,
/// against `targetRatio`) is the fair comparison.
public struct SeedSetup: Sendable {
    /// "seed001": what `digits bench --only` takes.
    public let key: String
    /// "784-10-10, SGD 0.1, batch 64".
    public let name: String
    public let configuration: TrainingConfiguration
    public let targetSeconds: Double
    /// The most our epoch may take as a share of the faster peer's, or nil when the target is
    /// only absolute (the reference).
    public let targetRatio: Double?

    /// The same set-up for the Tools/ scripts: hidden sizes, learning rate, batch or full batch.
    public var peerArguments: [String] {
        let hidden = ["--hidden", configuration.hiddenSizes.map(String.init).joined(separator: ","),
                      "--lr", "\(configuration.learningRate)"]
        return hidden + (configuration.optimizer == .gd ? ["--full-batch"] : ["--batch", "\(configuration.batchSize)"])
    }

    /// 784-128-10, batch 64, SGD 0.1: the reference, three times faster than NumPy.
    public static let reference = SeedSetup(
        key: "reference", name: "reference (784-128-10, batch 64, SGD 0.1)",
        configuration: TrainingConfiguration(hiddenSizes: [128], activation: .relu, optimizer: .sgd,
                                             learningRate: 0.1, batchSize: 64, seed: 1),
        targetSeconds: 0.12, targetRatio: nil)

    /// The others: seed 001 (a tiny network, so per-batch overhead shows), 002 (full-batch
    /// gradient descent) and 003 (a wide first layer).
    public static let others = [
        SeedSetup(key: "seed001", name: "seed 001 (784-10-10, batch 64, SGD 0.1)",
                  configuration: TrainingConfiguration(hiddenSizes: [10], activation: .relu, optimizer: .sgd,
                                                       learningRate: 0.1, batchSize: 64, seed: 1),
                  targetSeconds: 0.4 * 0.14, targetRatio: 0.4),
        SeedSetup(key: "seed002", name: "seed 002 (784-128-10, full-batch GD 0.5)",
                  configuration: TrainingConfiguration(hiddenSizes: [128], activation: .relu, optimizer: .gd,
                                                       learningRate: 0.5, seed: 1),
                  targetSeconds: 0.4 * 0.34, targetRatio: 0.4),
        SeedSetup(key: "seed003", name: "seed 003 (784-1024-128-10, batch 64, SGD 0.05)",
                  configuration: TrainingConfiguration(hiddenSizes: [1024, 128], activation: .relu, optimizer: .sgd,
                                                       learningRate: 0.05, batchSize: 64, seed: 1),
                  targetSeconds: 0.25 * 4.5, targetRatio: 0.25),
    ]

    /// The reference, then the others.
    public static let all = [reference] + others
}
