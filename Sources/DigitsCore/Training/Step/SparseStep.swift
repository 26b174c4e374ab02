/// The training step for mostly blank images (MNIST without augmentation): the images are
/// listed once as their inked pixels (`SparseImages`) and the first layer, most of the work,
/// skips the zeros, on every core.
///
/// The pixels are cut into `bands` of about equal ink, and band b belongs to member b of the
/// step's `WorkerTeam`: it gathers its band of each batch, adds its share of the first layer's
/// output into its own buffer, then writes its own pixels' weight gradients and, when the pass
/// takes the update, updates those weights and the optimiser's state for them while they are
/// still in its core's cache (were one thread to update them all, every batch would drag the
/// other cores' weights across); plain descent steps straight from the sums and leaves the
/// gradients unwritten. No two threads write the same memory. The layers after the first are
/// split between the same threads, by rows of the batch and then by outputs
/// (`Workspace+Shares`), and so is the first layer's bias, by outputs.
///
/// The first layer's weights are held by pixel (`.firstLayerInBlocks`), so one pixel's weights
/// for the kernels' block of outputs are contiguous, the whole layer wide for the kernels in
/// `DenseLayer+SparseInput` and `DenseLayer.blockWidth` for those in `DenseLayer+SparseBlocks`.
final class SparseStep: TrainingStep {
    let capacity: Int
    let optimizer: Optimizer
    /// Pixel bands, and so threads in the team: one number.
    let bands: Int
    /// The parameters, in `.firstLayerInBlocks` layout (`layout(for:)`).
    let parameters: TrainingParameters
    /// The passes' buffers, and the gradients they leave (in the parameters' layout).
    let workspace: Workspace
    /// The network's shape (its own parameters are not read).
    private let network: Network
    private let training: Dataset
    private let images: SparseImages
    private let scratch: SparseBatch
    private let team: WorkerTeam
    private let labels: UnsafeMutablePointer<UInt8>

    /// Multiply-adds per pass below which splitting it across cores costs more than it saves:
    /// the handing over of three jobs a batch, against a few tens of microseconds of work
    /// (784-10-10 in batches of 64 is a tenth of this).
    static let smallPass = 1 << 20

    /// Whether a pass of `capacity` images through `network` is worth splitting across cores,
    /// counting the first layer at an MNIST digit's ink (about 160 pixels).
    static func worthSplitting(_ network: Network, capacity: Int) -> Bool {
        let first = network.layers[0]
        let later = network.layers.dropFirst().reduce(0) { $0 + $1.inputs * $1.outputs }
        return capacity * (first.outputs * min(first.inputs, 160) + later) >= smallPass
    }

    /// Images per chunk of full-batch descent: as many as keep a chunk's first-layer outputs in
    /// the first-level cache (`SparseBatch.fastCacheBytes`), at least 64. With chunks of 1,000
    /// (784-128-10: half a megabyte of outputs and output gradients, read at random rows), an
    /// epoch took twice as long as an epoch of SGD in batches of 64, updates and all.
    static func fullBatchChunk(for network: Network) -> Int {
        let width = network.layers[0].outputs
        return max(64, SparseBatch.fastCacheBytes / (width * MemoryLayout<Float>.size))
    }

    /// Whether skipping zeros pays for `training`'s images.
    static func suits(_ training: Dataset) -> Bool { SparseImages.suits(training) }

    /// A step for `network`, starting from its parameters, over batches of up to `capacity`
    /// images of `training` (whose labels the trainer has checked), in `bands` bands;
    /// `forward` overrides the choice of first-layer forward pass (`SparseBatch.Forward`).
    init(_ network: Network, training: Dataset, capacity: Int, optimizer: Optimizer,
         bands: Int = WorkerTeam.preferredSize(), forward: SparseBatch.Forward? = nil) {
        self.capacity = capacity
        self.optimizer = optimizer
        self.network = network
        self.training = training
        self.bands = max(1, bands)
        let forward = SparseBatch.forward(for: network.layers[0], capacity: capacity, requested: forward)
        parameters = TrainingParameters(network, layout: Self.layout(for: network.layers[0], forward: forward))
        workspace = Workspace(for: network, capacity: capacity)
        team = WorkerTeam(size: self.bands)
        images = SparseImages(training, bands: self.bands)
        scratch = SparseBatch(for: images, capacity: capacity, layer: network.layers[0], forward: forward)
        labels = .allocate(capacity: capacity)
        // The team splits the later layers' products too, each member's share through BLAS on
        // its own thread. BLAS's own threads would only spin on the cores the team is using (at
        // 784-1024-128-10, a third of the time went to the two sets of threads yielding to each
        // other), so BLAS keeps to one thread while the step lives, and so does a test set the
        // trainer measures through the plain pass (`measure` returns nil).
        BLASThreads.enter()
    }

    /// How the step holds its parameters when `first` goes forward as `forward`: by pixel, in the
    /// blocks its kernels walk.
    static func layout(for first: DenseLayer, forward: SparseBatch.Forward) -> TrainingLayout {
        .firstLayerInBlocks(width: forward == .byBlock ? DenseLayer.blockWidth : first.outputs)
    }

    deinit {
        BLASThreads.leave()
        labels.deallocate()
    }

    func pass(_ batch: ArraySlice<Int>, meanOver: Int, accumulating: Bool, update: OptimizerStep?) -> BatchResult {
        let rows = batch.count
        precondition(rows <= capacity, "a batch of \(rows) in a step for \(capacity)")
        for (row, image) in batch.enumerated() { labels[row] = training.labels[image] }
        let loss = batch.withUnsafeBufferPointer { indices in
            forwardBackward(indices, parameters: parameters.storage, meanOver: meanOver,
                            accumulating: accumulating, update: update)
        }
        return BatchResult(loss: Double(loss) * Double(rows), correct: workspace.correctCount(labels: labels, batch: rows))
    }

    func apply(_ update: OptimizerStep) {
        parameters.apply(update, to: 0..<parameters.count, gradients: workspace.gradients.baseAddress!)
    }

    func networkParameters() -> [Float] {
        parameters.inNetworkLayout(of: network)
    }

    /// The pass itself: returns the mean loss. With `update`, the members also update every
    /// parameter, each the rows it has just computed the gradients of.
    ///
    /// Three jobs for the team: the first layer forward, by pixel band; the rest of the network
    /// forward and back to the first layer's output gradient, by share of the batch's rows; then
    /// the weight gradients (and updates), the first layer's by pixel band and the others' by
    /// share of their outputs. Later layers' products run through BLAS on the member's thread.
    private func forwardBackward(
        _ indices: UnsafeBufferPointer<Int>, parameters: UnsafeMutablePointer<Float>, meanOver: Int,
        accumulating: Bool, update: OptimizerStep?
    ) -> Float {
        let batch = indices.count
        let first = network.layers[0]
        let images = images, scratch = scratch, workspace = workspace, network = network
        let members = team.size, labels = UnsafePointer(labels)
        team.run { [self] band in
            firstLayerForward(band: band, of: images, indices: indices, parameters: parameters, forTraining: true)
        }
        // Even small later layers (784-128-10) go to the team: their share of a batch is a few
        // microseconds, but the other member spun through all of them when the caller did them
        // alone.
        team.run { [self] member in
            let rows = Workspace.share(member, of: members, count: batch)
            addBiasAndBands(rows: rows, parameters: parameters)
            scratch.loss(ofMember: member).pointee = workspace.forwardBackwardRows(network, parameters: parameters, labels: labels,
                                                           rows: rows, meanOver: meanOver)
        }
        let dy = workspace.outputGradient(ofLayer: 0)
        let gradients = workspace.gradients.baseAddress!
        team.run { member in
            if scratch.forward == .byBlock {
                first.backward(sparseBlocks: scratch.columns[member], rows: batch, outputGradient: dy,
                               gradients: gradients, accumulate: accumulating, update: update,
                               parameters: parameters, block: scratch.block(ofBand: member))
            } else if scratch.backwardsByRow {
                first.backward(rowsOf: images, band: member, indices: indices, outputGradient: dy,
                               padded: scratch.paddedGradients[member], gradients: gradients,
                               accumulate: accumulating, update: update, parameters: parameters)
            } else {
                first.backward(sparse: scratch.columns[member], outputGradient: dy, gradients: gradients,
                               accumulate: accumulating, update: update, parameters: parameters)
            }
            // Plain descent steps straight from the weight gradients' products.
            let direct = accumulating ? nil : update?.plainRate.map { (rate: $0, parameters: parameters) }
            for (index, layer) in network.layers.enumerated() {
                let outputs = Workspace.share(member, of: members, count: layer.outputs)
                if index > 0 {
                    workspace.weightGradients(network, layer: index, outputs: outputs, batch: batch,
                                              accumulate: accumulating, descending: direct)
                    let weights = (layer.weightOffset + outputs.lowerBound * layer.inputs)
                        ..< (layer.weightOffset + outputs.upperBound * layer.inputs)
                    if direct == nil { update?.apply(weights, parameters: parameters, gradients: gradients) }
                }
                // Every layer's bias by share of its outputs, the first's too (the caller summing
                // that one alone kept the other member waiting).
                layer.biasBackward(outputGradient: workspace.outputGradient(ofLayer: index), batch: batch,
                                   gradients: gradients, accumulate: accumulating, share: outputs)
                update?.apply((layer.biasOffset + outputs.lowerBound)..<(layer.biasOffset + outputs.upperBound),
                              parameters: parameters, gradients: gradients)
            }
        }
        let loss = (0..<members).reduce(0.0) { $0 + scratch.loss(ofMember: $1).pointee }
        return Float(loss / Double(batch))
    }

    /// Band `band`'s share of the first layer's output for `images`' rows `indices`, into the
    /// workspace (band 0) or the band's partial output. With `forTraining`, the band's columns
    /// are also made ready for the weight gradient: filled, or where that goes by row
    /// (`SparseBatch.backwardsByRow`), the band's entries brought into cache. A measured set's
    /// rows come in order, so nothing warms them.
    private func firstLayerForward(
        band: Int, of images: SparseImages, indices: UnsafeBufferPointer<Int>, parameters: UnsafePointer<Float>,
        forTraining: Bool
    ) {
        let first = network.layers[0], batch = indices.count
        let columns = scratch.columns[band]
        // Going by row, the forward pass reads the images themselves, not the columns.
        let forwardReadsColumns = scratch.forward != .byRow
        let backwardReadsColumns = forTraining && !scratch.backwardsByRow
        if forwardReadsColumns || backwardReadsColumns {
            columns.fill(from: images, band: band, indices: indices)
        } else if forTraining {
            columns.touch(images, band: band, indices: indices)
        }
        let output = workspace.output(ofLayer: 0)
        let target = band == 0 ? output : scratch.partialOutputs[band - 1]
        switch scratch.forward {
        case .byRow:
            first.forward(rowsOf: images, band: band, indices: indices, parameters: parameters, output: target)
        case .byBlock:
            first.forward(sparseBlocks: columns, rows: batch, parameters: parameters, output: target,
                          block: scratch.block(ofBand: band))
        case .byPixel:
            target.update(repeating: 0, count: batch * first.outputs)
            first.forward(sparse: columns, parameters: parameters, output: target)
        }
    }

    /// Adds the first layer's bias and the bands after the first into its output, for `rows`.
    private func addBiasAndBands(rows: Range<Int>, parameters: UnsafePointer<Float>) {
        let first = network.layers[0], width = first.outputs
        let output = workspace.output(ofLayer: 0), bias = parameters + first.biasOffset
        for row in rows {
            let y = output + row * width
            for o in 0..<width { y[o] += bias[o] }
            for partial in scratch.partialOutputs {
                let p = partial + row * width
                for o in 0..<width { y[o] += p[o] }
            }
        }
    }

    /// The last set `measure` took, as inked pixels in the training images' bands.
    private var measured: (dataset: Dataset, images: SparseImages)?

    /// The smallest step `measure` serves: it goes in chunks of the step's capacity, and in
    /// chunks of one row (batches of 1) it took longer than the plain pass in chunks of 1,000.
    static let smallestMeasuringCapacity = 8

    /// Accuracy and mean loss on `dataset` (whose labels the caller has checked), forward
    /// through the same kernels and threads as training, in chunks of `capacity`. Nil, for the
    /// trainer's plain pass (`Trainer.measureChecked`), when the set is empty, its images are
    /// another size or not mostly blank, or the step's chunks are too small to pay. The plain
    /// pass runs on one thread while the step lives (BLAS's), and multiplies every pixel by the
    /// first layer: four-fifths of a test set's are zeros (timings: README, speed, round 7).
    func measure(_ dataset: Dataset) -> (accuracy: Float, loss: Float)? {
        guard capacity >= Self.smallestMeasuringCapacity, dataset.pixelsPerImage == training.pixelsPerImage else {
            return nil
        }
        let sparse: SparseImages
        if let measured, measured.dataset == dataset {
            sparse = measured.images
        } else {
            guard dataset.count > 0, SparseImages.suits(dataset) else { return nil }
            sparse = SparseImages(dataset, bandStart: images.bandStart)
            measured = (dataset, sparse)
        }
        let parameters = UnsafePointer(self.parameters.storage)
        let members = team.size, classes = network.outputSize, workspace = workspace, network = network
        let indices = UnsafeMutableBufferPointer<Int>.allocate(capacity: capacity)
        defer { indices.deallocate() }
        var correct = 0, loss = 0.0
        for start in stride(from: 0, to: dataset.count, by: capacity) {
            let rows = min(capacity, dataset.count - start)
            for row in 0..<rows { indices[row] = start + row }
            let chunk = UnsafeBufferPointer(rebasing: indices[0..<rows])
            team.run { [self] band in
                firstLayerForward(band: band, of: sparse, indices: chunk, parameters: parameters, forTraining: false)
            }
            team.run { [self] member in
                let share = Workspace.share(member, of: members, count: rows)
                addBiasAndBands(rows: share, parameters: parameters)
                workspace.forwardRows(network, parameters: parameters, rows: share)
                let at = share.lowerBound * classes
                SoftmaxCrossEntropy.softmax(logits: workspace.logits + at, probabilities: workspace.probabilities + at,
                                            batch: share.count, classes: classes)
            }
            let score = dataset.labels.withUnsafeBufferPointer { workspace.score(labels: $0.baseAddress! + start, batch: rows) }
            correct += score.correct
            loss += score.loss
        }
        return (Float(correct) / Float(dataset.count), Float(loss / Double(dataset.count)))
    }
}
