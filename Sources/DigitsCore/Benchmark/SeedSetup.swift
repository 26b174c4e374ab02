/// A training set-up the seed projects use, with the epoch time it should beat. The targets
/// are issue #12's: a share of the faster of NumPy and PyTorch on the same network, measured on
/// this machine class (NumPy 0.14 s, 0.34 s and 4.6 s; PyTorch 0.58 s, 0.40 s and 4.5 s per
/// epoch), so a figure here is absolute and a run beside the peers is the fair comparison.
public struct SeedSetup: Sendable {
    /// "784-10-10, SGD 0.1, batch 64".
    public let name: String
    public let configuration: TrainingConfiguration
    public let targetSeconds: Double

    /// 784-128-10, batch 64, SGD 0.1: the reference, three times faster than NumPy.
    public static let reference = SeedSetup(
        name: "reference (784-128-10, batch 64, SGD 0.1)",
        configuration: TrainingConfiguration(hiddenSizes: [128], activation: .relu, optimizer: .sgd,
                                             learningRate: 0.1, batchSize: 64, seed: 1),
        targetSeconds: 0.12)

    /// The others: seed 001 (a tiny network, so per-batch overhead shows), 002 (full-batch
    /// gradient descent) and 003 (a wide first layer).
    public static let others = [
        SeedSetup(name: "seed 001 (784-10-10, batch 64, SGD 0.1)",
                  configuration: TrainingConfiguration(hiddenSizes: [10], activation: .relu, optimizer: .sgd,
                                                       learningRate: 0.1, batchSize: 64, seed: 1),
                  targetSeconds: 0.4 * 0.14),
        SeedSetup(name: "seed 002 (784-128-10, full-batch GD 0.5)",
                  configuration: TrainingConfiguration(hiddenSizes: [128], activation: .relu, optimizer: .gd,
                                                       learningRate: 0.5, seed: 1),
                  targetSeconds: 0.4 * 0.34),
        SeedSetup(name: "seed 003 (784-1024-128-10, batch 64, SGD 0.05)",
                  configuration: TrainingConfiguration(hiddenSizes: [1024, 128], activation: .relu, optimizer: .sgd,
                                                       learningRate: 0.05, batchSize: 64, seed: 1),
                  targetSeconds: 0.25 * 4.5),
    ]
}
