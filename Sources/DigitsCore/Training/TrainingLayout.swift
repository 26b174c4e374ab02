/// How the trainer holds a network's parameters while it trains.
///
/// With sparse input the first layer's weights are kept transposed, [inputs, outputs], so each
/// pixel's weights are one contiguous row for the sparse kernels. The optimiser works element by
/// element, so its state simply follows the same layout. The network itself, and everything
/// that leaves the trainer (epoch reports, a stopped run, the model file), keeps the usual
/// [outputs, inputs] layout: the trainer converts at the end of each epoch and when it stops.
struct TrainingLayout {
    /// Whether the first layer's weights are held transposed.
    let transposesFirstLayer: Bool
    private let layer: DenseLayer

    init(for network: Network, transposesFirstLayer: Bool) {
        self.transposesFirstLayer = transposesFirstLayer
        layer = network.layers[0]
    }

    /// `parameters` (in the network's layout) as the trainer holds them.
    func training(_ parameters: [Float]) -> [Float] {
        guard transposesFirstLayer else { return parameters }
        return transposed(parameters, rows: layer.outputs, columns: layer.inputs)
    }

    /// Parameters held by the trainer, back in the network's layout.
    func network(_ parameters: [Float]) -> [Float] {
        guard transposesFirstLayer else { return parameters }
        return transposed(parameters, rows: layer.inputs, columns: layer.outputs)
    }

    /// A copy with the first layer's weight block, [rows, columns], transposed.
    private func transposed(_ parameters: [Float], rows: Int, columns: Int) -> [Float] {
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
