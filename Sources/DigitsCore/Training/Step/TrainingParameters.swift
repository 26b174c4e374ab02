/// A network's parameters as a training step holds them: the values and the layout they are in,
/// so nothing can read them as the network's without saying which layout it expects.
///
/// The values start on a cache line (`CacheLines`): the sparse kernels load and store a pixel's
/// weights a 64-byte register at a time, and an array's elements need not start on a line (here
/// they started 48 bytes into one).
final class TrainingParameters {
    /// How the values are arranged.
    let layout: TrainingLayout
    /// How many values there are.
    let count: Int
    /// Every weight and bias, in `layout`; the step's kernels read and write them here.
    let storage: UnsafeMutablePointer<Float>

    /// `network`'s parameters, rearranged into `layout`.
    init(_ network: Network, layout: TrainingLayout) {
        self.layout = layout
        let values = layout.holding(network.parameters, of: network)
        count = values.count
        storage = CacheLines.floats(count)
        storage.update(from: values, count: count)
    }

    deinit { CacheLines.release(storage) }

    /// A copy of the values, in `layout`; setting it replaces them all (same count).
    var values: [Float] {
        get { Array(UnsafeBufferPointer(start: storage, count: count)) }
        set {
            precondition(newValue.count == count, "\(newValue.count) values for \(count) parameters")
            storage.update(from: newValue, count: count)
        }
    }

    /// The values in the network's layout, for `network` (the shape they were made from).
    func inNetworkLayout(of network: Network) -> [Float] {
        layout.network(values, of: network)
    }

    /// Applies `update` to `values[range]` from the same range of `gradients` (which the update
    /// may overwrite: weight decay is folded into them).
    func apply(_ update: OptimizerStep, to range: Range<Int>, gradients: UnsafeMutablePointer<Float>) {
        update.apply(range, parameters: storage, gradients: gradients)
    }
}
