/// A network's parameters as a training step holds them: the values and the layout they are in,
/// so nothing can read them as the network's without saying which layout it expects.
struct TrainingParameters {
    /// How `values` are arranged.
    let layout: TrainingLayout
    /// Every weight and bias, in `layout`.
    var values: [Float]

    /// `network`'s parameters, rearranged into `layout`.
    init(_ network: Network, layout: TrainingLayout) {
        self.layout = layout
        values = layout.holding(network.parameters, of: network)
    }

    /// The values in the network's layout, for `network` (the shape they were made from).
    func inNetworkLayout(of network: Network) -> [Float] {
        layout.network(values, of: network)
    }
}

extension TrainingParameters {
    /// Applies `update` to `values[range]` from the same range of `gradients` (which the update
    /// may overwrite: weight decay is folded into them).
    mutating func apply(_ update: OptimizerStep, to range: Range<Int>, gradients: UnsafeMutablePointer<Float>) {
        values.withUnsafeMutableBufferPointer { values in
            update.apply(range, parameters: values.baseAddress!, gradients: gradients)
        }
    }
}
