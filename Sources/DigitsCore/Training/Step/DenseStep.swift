/// The plain training step: each batch's bytes become floats (distorted, when augmenting) and
/// every layer's products go through BLAS, with the parameters in the network's layout. The
/// gradient checks prove this path; every faster step is checked against it.
final class DenseStep: TrainingStep {
    let capacity: Int
    let optimizer: Optimizer
    /// The parameters, in `.network` layout.
    let parameters: TrainingParameters
    /// The passes' buffers, and the gradients they leave.
    let workspace: Workspace
    /// The network's shape (its own parameters are not read).
    private let network: Network
    private let training: Dataset
    private var augmenter: Augmenter?
    /// Replaces a share of each batch by generated non-digits, when training with negatives.
    private var negatives: NegativeMixer?
    /// One chunk of images as floats, and their labels.
    private let input: UnsafeMutablePointer<Float>
    private let labels: UnsafeMutablePointer<UInt8>

    /// A step for `network`, starting from its parameters, over batches of up to `capacity`
    /// images of `training` (whose labels the trainer has checked), with a share replaced by
    /// `negatives`' non-digits, then distorted by `augmenter`.
    init(_ network: Network, training: Dataset, capacity: Int, optimizer: Optimizer, augmenter: Augmenter? = nil,
         negatives: NegativeMixer? = nil) {
        self.capacity = capacity
        self.optimizer = optimizer
        self.network = network
        self.training = training
        self.augmenter = augmenter
        self.negatives = negatives
        parameters = TrainingParameters(network, layout: .network)
        workspace = Workspace(for: network, capacity: capacity)
        input = .allocate(capacity: capacity * training.pixelsPerImage)
        labels = .allocate(capacity: capacity)
    }

    deinit {
        input.deallocate()
        labels.deallocate()
    }

    func pass(_ batch: ArraySlice<Int>, meanOver: Int, accumulating: Bool, update: OptimizerStep?) -> BatchResult {
        let rows = batch.count
        precondition(rows <= capacity, "a batch of \(rows) in a step for \(capacity)")
        for (row, image) in batch.enumerated() { labels[row] = training.labels[image] }
        training.copyBatch(batch, into: input)
        negatives?.mix(into: input, labels: labels, rows: rows)
        augmenter?.distort(input, labels: labels, count: rows, rows: training.rows, columns: training.columns)
        let loss = workspace.forwardBackward(network, parameters: parameters.storage, input: input, labels: labels,
                                             batch: rows, meanOver: meanOver, accumulate: accumulating)
        if let update { apply(update) }
        return BatchResult(loss: Double(loss) * Double(rows), correct: workspace.correctCount(labels: labels, batch: rows),
                           negatives: negatives?.replaced(of: rows) ?? 0)
    }

    func apply(_ update: OptimizerStep) {
        parameters.apply(update, to: 0..<parameters.count, gradients: workspace.gradients.baseAddress!)
    }

    func networkParameters() -> [Float] {
        parameters.inNetworkLayout(of: network)
    }
}
