/// How a training step holds a network's parameters in memory.
///
/// The network itself, and everything that leaves training (epoch reports, a stopped run, the
/// model file), keeps `.network`. The sparse step holds the first layer's weights by pixel, so
/// each pixel's weights for a block of outputs are contiguous for its kernels. The optimiser works
/// element by element, so its state simply follows whichever layout the step holds.
enum TrainingLayout: Sendable, Equatable {
    /// Every weight matrix [outputs, inputs], as `DenseLayer` and the model file have them.
    case network
    /// The first layer's weights in blocks of `width` outputs, left to right (the last block holds
    /// what is left), each block [inputs, its width] and the blocks one after another; every other
    /// parameter as in `.network`. With `width` at least the layer's outputs, that is the
    /// transposed matrix [inputs, outputs].
    ///
    /// Blocks, not the whole transposed matrix, for the block kernels (`DenseLayer+SparseBlocks`):
    /// walking a block pixel by pixel then reads and writes one stream, where rows of 1,024
    /// outputs put a pixel's weights for a block 4 KB after the last pixel's, every one in the
    /// same cache set as the weights just stored, and out of the hardware prefetcher's reach.
    case firstLayerInBlocks(width: Int)

    /// `parameters`, in the network's layout, rearranged into this one.
    func holding(_ parameters: [Float], of network: Network) -> [Float] {
        switch self {
        case .network: return parameters
        case .firstLayerInBlocks(let width):
            return Self.rearrangingFirstLayer(parameters, network.layers[0], blockWidth: width, intoBlocks: true)
        }
    }

    /// `parameters`, held in this layout, back in the network's.
    func network(_ parameters: [Float], of network: Network) -> [Float] {
        switch self {
        case .network: return parameters
        case .firstLayerInBlocks(let width):
            return Self.rearrangingFirstLayer(parameters, network.layers[0], blockWidth: width, intoBlocks: false)
        }
    }

    /// A copy with `layer`'s weights moved from [outputs, inputs] into blocks of `blockWidth`
    /// outputs, or with `intoBlocks` false back.
    private static func rearrangingFirstLayer(
        _ parameters: [Float], _ layer: DenseLayer, blockWidth: Int, intoBlocks: Bool
    ) -> [Float] {
        precondition(blockWidth > 0, "blocks of \(blockWidth) outputs")
        var result = parameters
        let base = layer.weightOffset, inputs = layer.inputs, outputs = layer.outputs
        parameters.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { destination in
                for start in stride(from: 0, to: outputs, by: blockWidth) {
                    let span = min(blockWidth, outputs - start)
                    for output in start..<(start + span) {
                        for input in 0..<inputs {
                            let plain = base + output * inputs + input
                            let blocked = base + start * inputs + input * span + (output - start)
                            if intoBlocks {
                                destination[blocked] = source[plain]
                            } else {
                                destination[plain] = source[blocked]
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
