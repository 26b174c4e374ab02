/// The activation and gradient buffers of one forward and backward pass, allocated once for a
/// batch size and reused for every batch (as llm.c does), so training allocates nothing per step.
public final class Workspace {
    /// The largest batch these buffers hold.
    public let capacity: Int
    let sizes: [Int]
    /// `outputs[l]` holds layer l's activations, [capacity, sizes[l + 1]]; the last holds
    /// logits, then probabilities, then dL/dlogits.
    private(set) var outputs: [UnsafeMutablePointer<Float>]
    /// `outputGradients[l]` holds dL/d(output of hidden layer l).
    private var outputGradients: [UnsafeMutablePointer<Float>]
    /// dL/dparameters, laid out like `Network.parameters`; empty in an inference-only workspace.
    public private(set) var gradients: UnsafeMutableBufferPointer<Float>

    /// Buffers for `network`'s shape and batches of up to `capacity` rows. Without `training`,
    /// only the forward pass's buffers are made: the gradient buffer is as large as the model,
    /// and zeroing it would cost more than the Draw screen's whole forward pass.
    public init(for network: Network, capacity: Int, training: Bool = true) {
        self.capacity = capacity
        sizes = network.sizes
        outputs = network.sizes.dropFirst().map { .allocate(capacity: capacity * $0) }
        outputGradients = training
            ? network.sizes.dropFirst().dropLast().map { .allocate(capacity: capacity * $0) } : []
        gradients = .allocate(capacity: training ? network.parameters.count : 0)
        gradients.initialize(repeating: 0)
    }

    deinit {
        outputs.forEach { $0.deallocate() }
        outputGradients.forEach { $0.deallocate() }
        gradients.deallocate()
    }

    /// The probabilities of the last forward pass, `batch * classes` values.
    public func probabilities(batch: Int) -> UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: outputs[outputs.count - 1], count: batch * sizes[sizes.count - 1])
    }

    /// Activations of hidden layer `index` from the last forward pass, [batch, width].
    public func hiddenActivations(_ index: Int, batch: Int) -> UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: outputs[index], count: batch * sizes[index + 1])
    }

    /// Runs the network forward up to the logits (softmax not yet applied).
    func forwardToLogits(_ network: Network, parameters: UnsafePointer<Float>,
                         input: UnsafePointer<Float>, batch: Int) {
        precondition(batch <= capacity)
        network.layers[0].forward(input: input, output: outputs[0], batch: batch, parameters: parameters)
        forwardFromFirstLayer(network, parameters: parameters, batch: batch)
    }

    /// With the first layer's output in place (before its activation), runs the rest forward up
    /// to the logits.
    func forwardFromFirstLayer(_ network: Network, parameters: UnsafePointer<Float>, batch: Int) {
        for (index, layer) in network.layers.enumerated() {
            if index > 0 {
                layer.forward(input: outputs[index - 1], output: outputs[index], batch: batch,
                              parameters: parameters)
            }
            if index < network.layers.count - 1 {
                network.activation.forward(outputs[index], count: batch * layer.outputs)
            }
        }
    }

    /// Forward pass only: leaves the probabilities in the last output buffer.
    public func infer(_ network: Network, input: UnsafePointer<Float>, batch: Int) {
        network.parameters.withUnsafeBufferPointer { parameters in
            forwardToLogits(network, parameters: parameters.baseAddress!, input: input, batch: batch)
        }
        let last = outputs.count - 1
        SoftmaxCrossEntropy.softmax(logits: outputs[last], probabilities: outputs[last],
                                    batch: batch, classes: network.outputSize)
    }

    /// Forward and backward pass for one batch: returns the mean loss, leaves the probabilities
    /// readable through `probabilities(batch:)` until the backward pass overwrites them, and
    /// fills `gradients`. `onProbabilities` sees them before they become gradients.
    ///
    /// To process one large batch in chunks, pass the whole batch's size as `meanOver` and
    /// `accumulate: true` for every chunk after the first.
    @discardableResult
    public func forwardBackward(
        _ network: Network, input: UnsafePointer<Float>, labels: UnsafePointer<UInt8>, batch: Int,
        meanOver: Int? = nil, accumulate: Bool = false,
        onProbabilities: (UnsafeBufferPointer<Float>) -> Void = { _ in }
    ) -> Float {
        network.parameters.withUnsafeBufferPointer { buffer in
            forwardBackward(network, parameters: buffer.baseAddress!, input: input, labels: labels,
                            batch: batch, meanOver: meanOver, accumulate: accumulate,
                            onProbabilities: onProbabilities)
        }
    }

    /// `forwardBackward` with the parameters given apart from the network, as the trainer
    /// keeps them while it trains.
    func forwardBackward(
        _ network: Network, parameters: UnsafePointer<Float>, input: UnsafePointer<Float>,
        labels: UnsafePointer<UInt8>, batch: Int, meanOver: Int?, accumulate: Bool,
        onProbabilities: (UnsafeBufferPointer<Float>) -> Void
    ) -> Float {
        forwardToLogits(network, parameters: parameters, input: input, batch: batch)
        let loss = lossAndBackward(network, labels: labels, batch: batch, meanOver: meanOver,
                                   onProbabilities: onProbabilities)
        let dy = backwardToFirstLayer(network, parameters: parameters, batch: batch, accumulate: accumulate)
        network.layers[0].backward(input: input, outputGradient: dy, inputGradient: nil, batch: batch,
                                   parameters: parameters, gradients: gradients.baseAddress!,
                                   accumulate: accumulate)
        return loss
    }

    /// From the logits: the mean loss, then dL/dlogits written over the probabilities.
    func lossAndBackward(
        _ network: Network, labels: UnsafePointer<UInt8>, batch: Int, meanOver: Int?,
        onProbabilities: (UnsafeBufferPointer<Float>) -> Void
    ) -> Float {
        precondition(gradients.count == network.parameters.count, "an inference-only workspace cannot train")
        let last = network.layers.count - 1
        let classes = network.outputSize
        let loss = SoftmaxCrossEntropy.forward(logits: outputs[last], labels: labels,
                                               batch: batch, classes: classes)
        onProbabilities(UnsafeBufferPointer(start: outputs[last], count: batch * classes))
        SoftmaxCrossEntropy.backward(probabilities: outputs[last], labels: labels,
                                     batch: batch, classes: classes, meanOver: meanOver)
        return loss
    }

    /// Back from dL/dlogits through every layer but the first, filling their gradients; returns
    /// dL/d(first layer's output before its activation), which the first layer's backward takes.
    func backwardToFirstLayer(
        _ network: Network, parameters: UnsafePointer<Float>, batch: Int, accumulate: Bool
    ) -> UnsafePointer<Float> {
        let last = network.layers.count - 1
        var gradient = UnsafePointer(outputs[last])
        for index in stride(from: last, through: 1, by: -1) {
            let layer = network.layers[index]
            let inputGradient = outputGradients[index - 1]
            layer.backward(input: outputs[index - 1], outputGradient: gradient,
                           inputGradient: inputGradient, batch: batch,
                           parameters: parameters, gradients: gradients.baseAddress!,
                           accumulate: accumulate)
            network.activation.backward(output: outputs[index - 1], gradient: inputGradient,
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
