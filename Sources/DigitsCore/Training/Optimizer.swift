import Foundation

/// Applies one optimiser step to a network's flat parameter buffer, keeping the optimiser's
/// state (velocities, Adam moments) in buffers of the same layout.
public struct Optimizer: Sendable {
    public let kind: OptimizerKind
    /// L2 weight decay, applied to weights only (biases are not decayed, as is usual).
    public let weightDecay: Float
    public let momentum: Float = 0.9
    public let beta1: Float = 0.9
    public let beta2: Float = 0.999
    public let epsilon: Float = 1e-8

    private var first: [Float]
    private var second: [Float]
    private var steps = 0
    /// The parameter ranges weight decay applies to: every weight matrix, no bias.
    private let decayRanges: [(Int, Int)]

    /// An optimiser for `network`'s parameters.
    public init(_ kind: OptimizerKind, for network: Network, weightDecay: Float = 0) {
        self.kind = kind
        self.weightDecay = weightDecay
        let count = network.parameters.count
        first = kind == .sgd || kind == .gd ? [] : [Float](repeating: 0, count: count)
        second = kind == .adam ? [Float](repeating: 0, count: count) : []
        decayRanges = network.layers.map { ($0.weightOffset, $0.weightOffset + $0.weightCount) }
    }

    /// Updates `parameters` from `gradients` with learning rate `rate`. Weight decay is folded
    /// into the gradients first (they are the caller's scratch and are overwritten).
    ///
    /// Each rule is a plain loop over contiguous floats with its constants hoisted, so the
    /// compiler vectorises it: this runs after every batch over every parameter.
    public mutating func step(
        parameters: inout [Float], gradients: UnsafeMutableBufferPointer<Float>, rate: Float
    ) {
        steps += 1
        let count = parameters.count
        guard let g = gradients.baseAddress, gradients.count >= count else { return }
        parameters.withUnsafeMutableBufferPointer { buffer in
            guard let w = buffer.baseAddress else { return }
            if weightDecay != 0 {
                let decay = weightDecay
                for (start, end) in decayRanges {
                    for i in start..<end { g[i] += decay * w[i] }
                }
            }
            switch kind {
            case .gd, .sgd:
                for i in 0..<count { w[i] -= rate * g[i] }
            case .momentum:
                let mu = momentum
                first.withUnsafeMutableBufferPointer { buffer in
                    guard let v = buffer.baseAddress else { return }
                    for i in 0..<count {
                        let velocity = mu * v[i] + g[i]
                        v[i] = velocity
                        w[i] -= rate * velocity
                    }
                }
            case .adam:
                let b1 = beta1, b2 = beta2, eps = epsilon
                let correction1 = 1 - Float(pow(Double(b1), Double(steps)))
                let correction2 = 1 - Float(pow(Double(b2), Double(steps)))
                let stepSize = rate * correction2.squareRoot() / correction1
                let oneMinusB1 = 1 - b1, oneMinusB2 = 1 - b2
                first.withUnsafeMutableBufferPointer { m in
                    second.withUnsafeMutableBufferPointer { v in
                        guard let m = m.baseAddress, let v = v.baseAddress else { return }
                        for i in 0..<count {
                            let gradient = g[i]
                            let moment = b1 * m[i] + oneMinusB1 * gradient
                            let variance = b2 * v[i] + oneMinusB2 * gradient * gradient
                            m[i] = moment
                            v[i] = variance
                            w[i] -= stepSize * moment / (variance.squareRoot() + eps)
                        }
                    }
                }
            }
        }
    }
}
