/// The training step for mostly blank images (MNIST without augmentation): the images are
/// listed once as their inked pixels (`SparseImages`) and the first layer, most of the work,
/// skips the zeros, on every core.
///
/// The pixels are cut into `bands` of about equal ink, and band b belongs to member b of the
/// step's `WorkerTeam`: it gathers its band of each batch, adds its share of the first layer's
/// output into its own buffer, then writes its own rows of the weight gradient and, when the
/// pass takes the update, updates those rows of the weights and of the optimiser's state while
/// they are still in its core's cache (were one thread to update them all, every batch would
/// drag the other cores' rows across). No two threads write the same memory. The smaller layers
/// after the first run on the calling thread.
///
/// The first layer's weights are held transposed (`.firstLayerTransposed`), so one pixel's
/// weights are one contiguous row for the kernels in `DenseLayer+SparseInput`.
final class SparseStep: TrainingStep {
    let capacity: Int
    let optimizer: Optimizer
    /// Pixel bands, and so threads in the team: one number.
    let bands: Int
    /// The parameters, in `.firstLayerTransposed` layout.
    var parameters: TrainingParameters
    /// The passes' buffers, and the gradients they leave (the first layer's transposed).
    let workspace: Workspace
    /// The network's shape (its own parameters are not read).
    private let network: Network
    private let training: Dataset
    private let images: SparseImages
    private let scratch: SparseBatch
    private let team: WorkerTeam
    private let labels: UnsafeMutablePointer<UInt8>
    /// Whether BLAS is kept to one thread while this step lives (see `init`).
    private let limitsBLAS: Bool

    /// Multiply-adds below which a product is not worth splitting across cores.
    static let smallProduct = 1 << 20

    /// Whether skipping zeros pays for `training`'s images.
    static func suits(_ training: Dataset) -> Bool { SparseImages.suits(training) }

    /// A step for `network`, starting from its parameters, over batches of up to `capacity`
    /// images of `training` (whose labels the trainer has checked), in `bands` bands;
    /// `forwardsByRow` overrides the choice of first-layer forward pass (`SparseBatch`).
    init(_ network: Network, training: Dataset, capacity: Int, optimizer: Optimizer,
         bands: Int = WorkerTeam.preferredSize(), forwardsByRow: Bool? = nil) {
        self.capacity = capacity
        self.optimizer = optimizer
        self.network = network
        self.training = training
        self.bands = max(1, bands)
        parameters = TrainingParameters(network, layout: .firstLayerTransposed)
        workspace = Workspace(for: network, capacity: capacity)
        team = WorkerTeam(size: self.bands)
        images = SparseImages(training, bands: self.bands)
        scratch = SparseBatch(for: images, capacity: capacity, width: network.layers[0].outputs,
                              forwardsByRow: forwardsByRow)
        labels = .allocate(capacity: capacity)
        // With small layers after the first, BLAS would only use its threads for the test set
        // at each epoch's end, and they would then spin on the cores the team is using. With
        // large ones (784-1024-128-10), BLAS splitting them across cores is worth it.
        limitsBLAS = network.layers.dropFirst().allSatisfy { capacity * $0.inputs * $0.outputs <= Self.smallProduct }
        if limitsBLAS { BLASThreads.enter() }
    }

    deinit {
        if limitsBLAS { BLASThreads.leave() }
        labels.deallocate()
    }

    func pass(_ batch: ArraySlice<Int>, meanOver: Int, accumulating: Bool, update: OptimizerStep?) -> BatchResult {
        let rows = batch.count
        precondition(rows <= capacity, "a batch of \(rows) in a step for \(capacity)")
        for (row, image) in batch.enumerated() { labels[row] = training.labels[image] }
        let loss = batch.withUnsafeBufferPointer { indices in
            parameters.values.withUnsafeMutableBufferPointer { parameters in
                forwardBackward(indices, parameters: parameters.baseAddress!, meanOver: meanOver,
                                accumulating: accumulating, update: update)
            }
        }
        if let update {
            // The bands have updated the first layer's weights; the rest is left.
            let first = network.layers[0]
            let gradients = workspace.gradients.baseAddress!
            parameters.apply(update, to: 0..<first.weightOffset, gradients: gradients)
            parameters.apply(update, to: (first.weightOffset + first.weightCount)..<parameters.values.count,
                             gradients: gradients)
        }
        return BatchResult(loss: Double(loss) * Double(rows), correct: workspace.correctCount(labels: labels, batch: rows))
    }

    func apply(_ update: OptimizerStep) {
        parameters.apply(update, to: 0..<parameters.values.count, gradients: workspace.gradients.baseAddress!)
    }

    func networkParameters() -> [Float] {
        parameters.inNetworkLayout(of: network)
    }

    /// The pass itself: returns the mean loss. With `update`, each band also updates its rows
    /// of the first layer's weights.
    private func forwardBackward(
        _ indices: UnsafeBufferPointer<Int>, parameters: UnsafeMutablePointer<Float>, meanOver: Int,
        accumulating: Bool, update: OptimizerStep?
    ) -> Float {
        let batch = indices.count
        let first = network.layers[0]
        let width = first.outputs
        let output = workspace.output(ofLayer: 0)
        let images = images, scratch = scratch
        team.run { band in
            let columns = scratch.columns[band]
            columns.fill(from: images, band: band, indices: indices)
            let target = band == 0 ? output : scratch.partialOutputs[band - 1]
            if scratch.forwardsByRow {
                first.forward(rowsOf: images, band: band, indices: indices, parameters: parameters, output: target)
            } else {
                target.update(repeating: 0, count: batch * width)
                first.forward(sparse: columns, parameters: parameters, output: target)
            }
        }
        let bias = parameters + first.biasOffset
        for row in 0..<batch {
            let y = output + row * width
            for o in 0..<width { y[o] += bias[o] }
            for partial in scratch.partialOutputs {
                let p = partial + row * width
                for o in 0..<width { y[o] += p[o] }
            }
        }
        workspace.forwardFromFirstLayer(network, parameters: parameters, batch: batch)
        let loss = workspace.lossAndBackward(network, labels: labels, batch: batch, meanOver: meanOver)
        let dy = workspace.backwardToFirstLayer(network, parameters: parameters, batch: batch,
                                                accumulate: accumulating)
        let gradients = workspace.gradients.baseAddress!
        team.run { band in
            let columns = scratch.columns[band]
            first.backward(sparse: columns, outputGradient: dy, gradients: gradients, accumulate: accumulating)
            let rows = (first.weightOffset + columns.firstPixel * width)
                ..< (first.weightOffset + (columns.firstPixel + columns.pixels) * width)
            update?.apply(rows, parameters: parameters, gradients: gradients)
        }
        first.biasBackward(outputGradient: dy, batch: batch, gradients: gradients, accumulate: accumulating)
        return loss
    }
}
