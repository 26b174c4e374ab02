/// The training step when the batch comes as inked pixels (`SparseImages`) and the first
/// layer's weights are held transposed (see `TrainingLayout`).
extension Workspace {
    /// Forward and backward pass for the images `indices` of `images`: returns the mean loss
    /// and fills `gradients` (the first layer's weight gradient transposed, like its weights).
    ///
    /// The first layer's two products are split by pixel band among `team`'s threads: each
    /// gathers its band of the batch, adds its share of the output into its own buffer, and
    /// later writes its own rows of the weight gradient, so no two threads write the same memory.
    /// The smaller layers after it run on the calling thread.
    ///
    /// With `step`, each thread then applies the optimiser step to its own rows of the first
    /// layer's weights, while they are in its core's cache; the caller steps the rest. Were one
    /// thread to step them all, every batch would drag the other core's rows across.
    func forwardBackward(
        _ network: Network, parameters: UnsafeMutablePointer<Float>, images: SparseImages,
        indices: UnsafeBufferPointer<Int>, scratch: SparseBatch, team: WorkerTeam,
        labels: UnsafePointer<UInt8>, meanOver: Int?, accumulate: Bool, step: OptimizerStep?,
        onProbabilities: (UnsafeBufferPointer<Float>) -> Void
    ) -> Float {
        let batch = indices.count
        precondition(batch <= capacity && batch <= scratch.capacity && team.size == scratch.bands.count)
        let first = network.layers[0]
        let width = first.outputs
        let output = outputs[0]
        team.run { band in
            let columns = scratch.bands[band]
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
        forwardFromFirstLayer(network, parameters: parameters, batch: batch)
        let loss = lossAndBackward(network, labels: labels, batch: batch, meanOver: meanOver,
                                   onProbabilities: onProbabilities)
        let dy = backwardToFirstLayer(network, parameters: parameters, batch: batch, accumulate: accumulate)
        let gradients = gradients.baseAddress!
        team.run { band in
            let columns = scratch.bands[band]
            first.backward(sparse: columns, outputGradient: dy, gradients: gradients, accumulate: accumulate)
            let rows = (first.weightOffset + columns.firstPixel * width)
                ..< (first.weightOffset + (columns.firstPixel + columns.pixels) * width)
            step?.apply(rows, parameters: parameters, gradients: gradients)
        }
        first.biasBackward(outputGradient: dy, batch: batch, gradients: gradients, accumulate: accumulate)
        return loss
    }
}
