/// One forward pass through a network for a single input, keeping what each layer produced:
/// the hidden activations (after the non-linearity) and the output logits (before softmax).
/// The explanation in Draw, Browse and `digits explain` is read off this.
public struct NetworkTrace: Sendable, Equatable {
    /// The input vector, `network.inputSize` values.
    public let input: [Float]
    /// One array per hidden layer, in order from the input.
    public let hiddenActivations: [[Float]]
    /// The output layer's values before softmax.
    public let logits: [Float]

    /// Runs `network` forward on `input` with the same layer code (and so the same
    /// arithmetic) as `Network.probabilities(for:)`.
    public init(network: Network, input: [Float]) {
        precondition(input.count == network.inputSize,
                     "input has \(input.count) values, network takes \(network.inputSize)")
        self.input = input
        var current = input
        var hidden: [[Float]] = []
        network.parameters.withUnsafeBufferPointer { parameters in
            for (index, layer) in network.layers.enumerated() {
                var output = [Float](repeating: 0, count: layer.outputs)
                current.withUnsafeBufferPointer { source in
                    output.withUnsafeMutableBufferPointer { target in
                        layer.forward(input: source.baseAddress!, output: target.baseAddress!, batch: 1,
                                      parameters: parameters.baseAddress!)
                        if index < network.layers.count - 1 {
                            network.activation.forward(target.baseAddress!, count: layer.outputs)
                        }
                    }
                }
                if index < network.layers.count - 1 { hidden.append(output) }
                current = output
            }
        }
        hiddenActivations = hidden
        logits = current
    }

    /// The activations feeding the output layer: the last hidden layer's, or the input itself
    /// for a network without hidden layers.
    public var lastActivations: [Float] { hiddenActivations.last ?? input }
}
