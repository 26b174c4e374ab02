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

    /// The smallest magnitude the optimiser's state keeps: below it, a velocity or moment is 0.
    ///
    /// A pixel inked in one batch and then in none for a while keeps a velocity that shrinks by
    /// the momentum every step, and within an epoch it sinks below 1.2e-38 into subnormal
    /// floats, which x86 cores multiply through a microcode assist a hundred times slower than
    /// a normal multiply: 784-128-10 with momentum took 0.09 s for its first epoch and 0.23 s for
    /// each after (plain SGD, which keeps no state, 0.09 s throughout); with the state cut here,
    /// 0.12 s each. A velocity this small moves a weight by less than 1e-30 times the rate, less
    /// than half the last bit of any weight above 1e-22 at rates up to 1, so no such weight
    /// moves differently; and the step, the velocity times the rate, stays a normal float for
    /// rates down to 1e-7. Adam's moments are cut the same way: its epsilon (1e-8 by default)
    /// outweighs the square root of any second moment this small.
    static let smallestState: Float = 1e-30

    /// The rate when this step is plain gradient descent without weight decay, w -= rate * g:
    /// then a kernel may take the step straight from its sums, and skip a parameter whose
    /// gradient is zero (it is left as it is). Nil for every other rule.
    var plainRate: Float? { (kind == .gd || kind == .sgd) && weightDecay == 0 ? stepSize : nil }

    /// Updates `parameters[range]` from `gradients[range]`. Weight decay is folded into the
    /// gradients first (they are the caller's scratch and are overwritten).
    ///
    /// Each rule is a plain loop over contiguous floats with its constants hoisted, so the
    /// compiler vectorises it (Adam's, which it did not, is written in registers of 16): this
    /// runs after every batch over every parameter.
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
            let mu = momentum, v = state.first, least = Self.smallestState
            for i in range {
                let raw = mu * v[i] + g[i]
                let velocity = abs(raw) < least ? 0 : raw
                v[i] = velocity
                w[i] -= rate * velocity
            }
        case .adam:
            let b1 = beta1, b2 = beta2, eps = epsilon
            let oneMinusB1 = 1 - b1, oneMinusB2 = 1 - b2
            let m = state.first, v = state.second, least = Self.smallestState
            typealias Lanes = SIMD16<Float>
            // In registers of 16 by hand: with four buffers that might overlap, the compiler
            // left this loop scalar, and a square root and a division a parameter at a time were
            // four-fifths of an Adam epoch at 784-1024-128-10 (11.5 s against momentum's 1.7 s).
            // Lane by lane the operations are the scalar loop's, in its order, so the results are.
            // The rule for 16 parameters: their new moments and weights.
            @inline(__always)
            func rule(_ gradient: Lanes, _ m0: Lanes, _ v0: Lanes, _ w0: Lanes) -> (Lanes, Lanes, Lanes) {
                var moment = b1 * m0 + oneMinusB1 * gradient
                var variance = b2 * v0 + oneMinusB2 * gradient * gradient
                moment.replace(with: 0, where: (moment .< least) .& (moment .> -least))
                variance.replace(with: 0, where: variance .< least)
                return (moment, variance, w0 - rate * moment / (variance.squareRoot() + eps))
            }
            @inline(__always) func load(_ p: UnsafeMutablePointer<Float>) -> Lanes {
                UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
            }
            @inline(__always) func store(_ lanes: Lanes, _ p: UnsafeMutablePointer<Float>) {
                UnsafeMutableRawPointer(p).storeBytes(of: lanes, as: Lanes.self)
            }
            var i = range.lowerBound
            while i + Lanes.scalarCount <= range.upperBound {
                let (moment, variance, weight) = rule(load(g + i), load(m + i), load(v + i), load(w + i))
                store(moment, m + i)
                store(variance, v + i)
                store(weight, w + i)
                i += Lanes.scalarCount
            }
            // The last few through the same rule, in lanes padded with zeros.
            if i < range.upperBound {
                let tail = i..<range.upperBound
                func lanes(_ p: UnsafeMutablePointer<Float>) -> Lanes {
                    var result = Lanes()
                    for j in tail { result[j - i] = p[j] }
                    return result
                }
                let (moment, variance, weight) = rule(lanes(g), lanes(m), lanes(v), lanes(w))
                for j in tail {
                    m[j] = moment[j - i]
                    v[j] = variance[j - i]
                    w[j] = weight[j - i]
                }
            }
        }
    }
}
