/// One optimiser step, settled for the whole network, to apply range by range (see `Optimizer`).
public struct OptimizerStep: Sendable {
    let kind: OptimizerKind
    /// The learning rate, with Adam's bias corrections folded in.
    let stepSize: Float
    let weightDecay: Float
    let decayRanges: [Range<Int>]
    let momentum: Float
    let beta1: Float
    let beta2: Float
    let epsilon: Float
    /// Velocity (momentum) or first and second moments (Adam), laid out like the parameters;
    /// held, so the buffers outlive the step.
    let state: OptimizerState

    /// The rate when this step is plain gradient descent without weight decay, w -= rate * g:
    /// then a kernel may take the step straight from its sums, and skip a parameter whose
    /// gradient is zero (it is left as it is). Nil for every other rule.
    var plainRate: Float? { (kind == .gd || kind == .sgd) && weightDecay == 0 ? stepSize : nil }

    /// Updates `parameters[range]` from `gradients[range]`. Weight decay is folded into the
    /// gradients first (they are the caller's scratch and are overwritten).
    ///
    /// Each rule is a plain loop over contiguous floats with its constants hoisted, so the
    /// compiler vectorises it: this runs after every batch over every parameter.
    public func apply(_ range: Range<Int>, parameters w: UnsafeMutablePointer<Float>,
                      gradients g: UnsafeMutablePointer<Float>) {
        if weightDecay != 0 {
            let decay = weightDecay
            for decayed in decayRanges where decayed.overlaps(range) {
                for i in decayed.clamped(to: range) { g[i] += decay * w[i] }
            }
        }
        let rate = stepSize
        switch kind {
        case .gd, .sgd:
            for i in range { w[i] -= rate * g[i] }
        case .momentum:
            let mu = momentum, v = state.first
            for i in range {
                let velocity = mu * v[i] + g[i]
                v[i] = velocity
                w[i] -= rate * velocity
            }
        case .adam:
            let b1 = beta1, b2 = beta2, eps = epsilon
            let oneMinusB1 = 1 - b1, oneMinusB2 = 1 - b2
            let m = state.first, v = state.second
            for i in range {
                let gradient = g[i]
                let moment = b1 * m[i] + oneMinusB1 * gradient
                let variance = b2 * v[i] + oneMinusB2 * gradient * gradient
                m[i] = moment
                v[i] = variance
                w[i] -= rate * moment / (variance.squareRoot() + eps)
            }
        }
    }
}
