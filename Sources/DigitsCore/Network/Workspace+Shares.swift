/// The passes after the first layer, cut into shares that threads can take at once without
/// writing the same memory (the sparse step's `WorkerTeam` does; with one thread, one share is
/// everything).
///
/// Forward, the loss and the gradients with respect to each layer's input are computed row by
/// row, so a thread takes a share of the batch's rows and carries them from the first layer's
/// output all the way to the first layer's output gradient: no thread waits for another. A
/// weight gradient sums over every row, so it is split by the layer's outputs instead, after all
/// the rows are done: a thread writes its block of each gradient's rows (and can update those
/// weights while they are in its cache).
///
/// The products are the ones `forwardToLogits`, `lossAndBackward` and
/// `backwardToFirstLayer` do, restricted to the share; the sparse step's tests check the two agree.
extension Workspace {
    /// Share `member` of `count` things cut into `members` nearly equal ranges.
    static func share(_ member: Int, of members: Int, count: Int) -> Range<Int> {
        (member * count / members)..<((member + 1) * count / members)
    }

    /// With the first layer's output in place for `rows` (before its activation), runs them on
    /// to the logits (softmax not yet applied).
    func forwardRows(_ network: Network, parameters: UnsafePointer<Float>, rows: Range<Int>) {
        precondition(rows.upperBound <= capacity, "rows \(rows) in a workspace for \(capacity)")
        let first = rows.lowerBound, count = rows.count
        guard count > 0 else { return }
        for (index, layer) in network.layers.enumerated() {
            if index > 0 {
                layer.forward(input: activations[index - 1] + first * layer.inputs,
                              output: output(ofLayer: index) + first * layer.outputs, batch: count,
                              parameters: parameters)
            }
            if index < activations.count {
                network.activation.forward(activations[index] + first * layer.outputs, count: count * layer.outputs)
            }
        }
    }

    /// With the first layer's output in place for `rows` (before its activation), runs them on
    /// to the logits, then the probabilities, the loss and every layer's input gradient down to
    /// the first layer's output gradient (in `activationGradients[0]`, or the logit gradients
    /// for a network of one layer). Returns the rows' summed loss.
    func forwardBackwardRows(
        _ network: Network, parameters: UnsafePointer<Float>, labels: UnsafePointer<UInt8>,
        rows: Range<Int>, meanOver: Int
    ) -> Double {
        guard !rows.isEmpty else { return 0 }
        precondition(rows.upperBound <= capacity && gradients.count == network.parameters.count,
                     "rows \(rows) in a workspace for \(capacity), or one that cannot train")
        let first = rows.lowerBound, count = rows.count
        forwardRows(network, parameters: parameters, rows: rows)
        let classes = network.outputSize
        let at = first * classes
        let loss = SoftmaxCrossEntropy.forward(logits: logits + at, probabilities: probabilities + at,
                                               labels: labels + first, batch: count, classes: classes)
        SoftmaxCrossEntropy.backward(probabilities: probabilities + at, labels: labels + first, batch: count,
                                     classes: classes, meanOver: meanOver, logitGradients: logitGradients + at)
        var gradient = UnsafePointer(logitGradients)
        for index in stride(from: network.layers.count - 1, through: 1, by: -1) {
            let layer = network.layers[index]
            let inputGradient = activationGradients[index - 1]
            // dX = dY W for these rows.
            matrixProduct(.none, .none, m: count, n: layer.inputs, k: layer.outputs,
                          a: gradient + first * layer.outputs, b: parameters + layer.weightOffset,
                          beta: 0, c: inputGradient + first * layer.inputs)
            network.activation.backward(output: activations[index - 1] + first * layer.inputs,
                                        gradient: inputGradient + first * layer.inputs, count: count * layer.inputs)
            gradient = UnsafePointer(inputGradient)
        }
        return Double(loss) * Double(count)
    }

    /// The output gradient layer `index` received in `forwardBackwardRows`: the logit gradients
    /// for the last layer, else the layer above's input gradient.
    func outputGradient(ofLayer index: Int) -> UnsafePointer<Float> {
        UnsafePointer(index < activationGradients.count ? activationGradients[index] : logitGradients)
    }

    /// Writes (or with `accumulate`, adds to) the gradients of layer `index`'s weights for its
    /// `outputs` over `batch` rows, after `forwardBackwardRows` has done every row; not for the
    /// first layer, whose input the workspace does not hold. (The bias's is
    /// `DenseLayer.biasBackward` of `outputGradient(ofLayer:)`.)
    ///
    /// With `descending`, plain gradient descent at that rate (not accumulating), the product
    /// instead takes the step itself, W -= rate dW, and leaves those weights' gradients unwritten:
    /// writing them, zeroing them first (as BLAS does for a product into a fresh buffer) and
    /// reading them back for the step cost more than the step (at 784-1024-128-10, 512 KB a
    /// batch).
    func weightGradients(
        _ network: Network, layer index: Int, outputs: Range<Int>, batch: Int, accumulate: Bool,
        descending: (rate: Float, parameters: UnsafeMutablePointer<Float>)? = nil
    ) {
        precondition(index > 0, "the first layer's input is not in the workspace")
        precondition(descending == nil || !accumulate, "a step is taken from a whole gradient, not a chunk's")
        guard !outputs.isEmpty, batch > 0 else { return }
        let layer = network.layers[index]
        let dy = outputGradient(ofLayer: index)
        let g = gradients.baseAddress!
        let weights = layer.weightOffset + outputs.lowerBound * layer.inputs
        let alpha: Float = descending.map { -$0.rate } ?? 1
        // dW[o, i] = sum_b dY[b, o] X[b, i], for o in `outputs`: dY's columns, read in place.
        matrixProduct(.transposed, .none, m: outputs.count, n: layer.inputs, k: batch,
                      alpha: alpha, a: dy + outputs.lowerBound, lda: layer.outputs,
                      b: activations[index - 1], beta: accumulate || descending != nil ? 1 : 0,
                      c: (descending?.parameters ?? g) + weights)
    }
}
