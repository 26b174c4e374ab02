/// How a training step holds a network's parameters in memory.
///
/// The network itself, and everything that leaves training (epoch reports, a stopped run, the
/// model file), keeps `.network`. The sparse step keeps the first layer's weights transposed,
/// so each pixel's weights are one contiguous row for its kernels. The optimiser works element
/// by element, so its state simply follows whichever layout the step holds.
enum TrainingLayout: Sendable, Equatable {
    /// Every weight matrix [outputs, inputs], as `DenseLayer` and the model file have them.
    case network
    /// The first layer's weights [inputs, outputs]; every other parameter as in `.network`.
    case firstLayerTransposed

    /// `parameters`, in the network's layout, rearranged into this one.
    func holding(_ parameters: [Float], of network: Network) -> [Float] {
        let first = network.layers[0]
        switch self {
        case .network: return parameters
        case .firstLayerTransposed:
            return Self.transposingFirstLayer(parameters, first, rows: first.outputs, columns: first.inputs)
        }
    }

    /// `parameters`, held in this layout, back in the network's.
    func network(_ parameters: [Float], of network: Network) -> [Float] {
        let first = network.layers[0]
        switch self {
        case .network: return parameters
        case .firstLayerTransposed:
            return Self.transposingFirstLayer(parameters, first, rows: first.inputs, columns: first.outputs)
        }
    }

    /// A copy with `layer`'s weight block, [rows, columns], transposed.
    private static func transposingFirstLayer(
        _ parameters: [Float], _ layer: DenseLayer, rows: Int, columns: Int
    ) -> [Float] {
        var result = parameters
        let base = layer.weightOffset
        parameters.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { destination in
                for row in 0..<rows {
                    for column in 0..<columns {
                        destination[base + column * rows + row] = source[base + row * columns + column]
                    }
                }
            }
        }
        return result
    }
}
