import Foundation

/// The buffers of one forward and backward pass, named by role and allocated once for a batch
/// size (as llm.c does), so training allocates nothing per step.
///
/// Forward, each hidden layer writes its `activations` (the dense product, then the
/// non-linearity in place); the last layer writes the `logits`, and softmax turns them into
/// the `probabilities`. Backward, the loss writes the `logitGradients`; each layer from the last
/// down adds its parameters' gradients to `gradients` and writes dL/d(its input) into the layer
/// below's `activationGradients`, which then go back through the non-linearity in place.
/// The probabilities outlive the backward pass, so a caller can read them afterwards.
public final class Workspace {
    /// The largest batch these buffers hold.
    public let capacity: Int
    let sizes: [Int]
    /// Per hidden layer, its output, [capacity, width]: the product, then the activation.
    let activations: [UnsafeMutablePointer<Float>]
    /// Per hidden layer, dL/d(its activations), then dL/d(its product); empty when not training.
    let activationGradients: [UnsafeMutablePointer<Float>]
    /// The last layer's output, [capacity, classes].
    let logits: UnsafeMutablePointer<Float>
    /// Softmax of each row of logits, [capacity, classes].
    let probabilities: UnsafeMutablePointer<Float>
    /// dL/dlogits, [capacity, classes]; not allocated when not training.
    let logitGradients: UnsafeMutablePointer<Float>
    /// dL/dparameters, in the layout of the parameters they were computed from (after a
    /// plain-descent pass of `SparseStep`, the weights' are stale: see `TrainingStep.pass`);
    /// empty in an inference-only workspace.
    public private(set) var gradients: UnsafeMutableBufferPointer<Float>

    /// Buffers for `network`'s shape and batches of up to `capacity` rows. Without `training`,
    /// only the forward pass's buffers are made: the gradient buffer is as large as the model,
    /// and zeroing it would cost more than the Draw screen's whole forward pass.
    public init(for network: Network, capacity: Int, training: Bool = true) {
        self.capacity = capacity
        sizes = network.sizes
        let hidden = network.hiddenSizes, classes = network.outputSize
        // On cache lines: the sparse kernels read and write them a register of 16 at a time.
        activations = hidden.map { CacheLines.floats(capacity * $0) }
        activationGradients = training ? hidden.map { CacheLines.floats(capacity * $0) } : []
        logits = CacheLines.floats(capacity * classes)
        probabilities = CacheLines.floats(capacity * classes)
        logitGradients = CacheLines.floats(training ? capacity * classes : 0)
        let count = training ? network.parameters.count : 0
        gradients = UnsafeMutableBufferPointer(start: CacheLines.floats(count), count: count)
    }

    deinit {
        activations.forEach(CacheLines.release)
        activationGradients.forEach(CacheLines.release)
        CacheLines.release(logits)
        CacheLines.release(probabilities)
        CacheLines.release(logitGradients)
        CacheLines.release(gradients.baseAddress!)
    }

    /// The probabilities of the last forward pass, `batch * classes` values.
    public func probabilities(batch: Int) -> UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: probabilities, count: batch * sizes[sizes.count - 1])
    }

    /// How many of the last forward pass's `batch` rows give their label the highest
    /// probability (the first, on a tie).
    func correctCount(labels: UnsafePointer<UInt8>, batch: Int) -> Int {
        let classes = sizes[sizes.count - 1]
        var correct = 0
        for row in 0..<batch {
            let p = probabilities + row * classes
            // Selects rather than branches: which class leads is a coin toss the branch
            // predictor lost (4% of a 784-10-10 epoch's samples).
            var best = 0, top = p[0]
            for c in 1..<classes {
                let better = p[c] > top
                best = better ? c : best
                top = better ? p[c] : top
            }
            correct += best == Int(labels[row]) ? 1 : 0
        }
        return correct
    }

    /// How many of the last forward pass's `batch` rows give their label the highest
    /// probability, and their summed loss, -log p(label), each p at least 1e-30: a test set's
    /// figures, chunk by chunk. Every label must be below the network's output size.
    func score(labels: UnsafePointer<UInt8>, batch: Int) -> (correct: Int, loss: Double) {
        let classes = sizes[sizes.count - 1]
        var loss = 0.0
        for row in 0..<batch {
            loss -= Double(log(max(probabilities[row * classes + Int(labels[row])], 1e-30)))
        }
        return (correctCount(labels: labels, batch: batch), loss)
    }

    /// Where layer `index` writes its output: a hidden layer's activations, or the logits.
    func output(ofLayer index: Int) -> UnsafeMutablePointer<Float> {
        index < activations.count ? activations[index] : logits
    }

    /// Runs the network forward up to the logits (softmax not yet applied).
    func forwardToLogits(_ network: Network, parameters: UnsafePointer<Float>,
                         input: UnsafePointer<Float>, batch: Int) {
        precondition(batch <= capacity)
        network.layers[0].forward(input: input, output: output(ofLayer: 0), batch: batch, parameters: parameters)
        forwardRows(network, parameters: parameters, rows: 0..<batch)
    }

    /// Forward pass only: leaves the probabilities readable through `probabilities(batch:)`.
    public func infer(_ network: Network, input: UnsafePointer<Float>, batch: Int) {
        network.parameters.withUnsafeBufferPointer { parameters in
            forwardToLogits(network, parameters: parameters.baseAddress!, input: input, batch: batch)
        }
        SoftmaxCrossEntropy.softmax(logits: logits, probabilities: probabilities,
                                    batch: batch, classes: network.outputSize)
    }

    /// Forward and backward pass for one batch: returns the mean loss, leaves the probabilities
    /// readable through `probabilities(batch:)`, and fills `gradients`. Every label must be
    /// below the network's output size.
    ///
    /// To process one large batch in chunks, pass the whole batch's size as `meanOver` and
    /// `accumulate: true` for every chunk after the first.
    @discardableResult
    public func forwardBackward(
        _ network: Network, input: UnsafePointer<Float>, labels: UnsafePointer<UInt8>, batch: Int,
        meanOver: Int? = nil, accumulate: Bool = false
    ) -> Float {
        network.parameters.withUnsafeBufferPointer { buffer in
            forwardBackward(network, parameters: buffer.baseAddress!, input: input, labels: labels,
                            batch: batch, meanOver: meanOver, accumulate: accumulate)
        }
    }

    /// `forwardBackward` with the parameters given apart from the network, in the network's
    /// layout, as a training step holds them.
    func forwardBackward(
        _ network: Network, parameters: UnsafePointer<Float>, input: UnsafePointer<Float>,
        labels: UnsafePointer<UInt8>, batch: Int, meanOver: Int?, accumulate: Bool
    ) -> Float {
        forwardToLogits(network, parameters: parameters, input: input, batch: batch)
        let loss = lossAndBackward(network, labels: labels, batch: batch, meanOver: meanOver)
        let dy = backwardToFirstLayer(network, parameters: parameters, batch: batch, accumulate: accumulate)
        network.layers[0].backward(input: input, outputGradient: dy, inputGradient: nil, batch: batch,
                                   parameters: parameters, gradients: gradients.baseAddress!,
                                   accumulate: accumulate)
        return loss
    }

    /// From the logits: the probabilities and the mean loss, then the logit gradients.
    func lossAndBackward(_ network: Network, labels: UnsafePointer<UInt8>, batch: Int, meanOver: Int?) -> Float {
        precondition(gradients.count == network.parameters.count, "an inference-only workspace cannot train")
        let classes = network.outputSize
        let loss = SoftmaxCrossEntropy.forward(logits: logits, probabilities: probabilities, labels: labels,
                                               batch: batch, classes: classes)
        SoftmaxCrossEntropy.backward(probabilities: probabilities, labels: labels, batch: batch,
                                     classes: classes, meanOver: meanOver, logitGradients: logitGradients)
        return loss
    }

    /// Back from the logit gradients through every layer but the first, filling their
    /// gradients; returns dL/d(first layer's output before its activation), which the first
    /// layer's backward takes.
    func backwardToFirstLayer(
        _ network: Network, parameters: UnsafePointer<Float>, batch: Int, accumulate: Bool
    ) -> UnsafePointer<Float> {
        var gradient = UnsafePointer(logitGradients)
        for index in stride(from: network.layers.count - 1, through: 1, by: -1) {
            let layer = network.layers[index]
            let inputGradient = activationGradients[index - 1]
            layer.backward(input: activations[index - 1], outputGradient: gradient,
                           inputGradient: inputGradient, batch: batch,
                           parameters: parameters, gradients: gradients.baseAddress!,
                           accumulate: accumulate)
            network.activation.backward(output: activations[index - 1], gradient: inputGradient,
                                        count: batch * layer.inputs)
            gradient = UnsafePointer(inputGradient)
        }
        return gradient
    }
}

extension Network {
    /// Class probabilities for `count` input rows, `count * outputSize` values row by row.
    public func probabilities(batch input: UnsafePointer<Float>, count: Int) -> [Float] {
        let workspace = Workspace(for: self, capacity: max(count, 1), training: false)
        workspace.infer(self, input: input, batch: count)
        return Array(workspace.probabilities(batch: count))
    }
}
