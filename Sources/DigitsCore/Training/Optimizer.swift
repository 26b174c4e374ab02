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
    /// 1 where weight decay applies (weights), 0 where it does not (biases).
    private let decayMask: [Float]

    /// An optimiser for `network`'s parameters.
    public init(_ kind: OptimizerKind, for network: Network, weightDecay: Float = 0) {
        self.kind = kind
        self.weightDecay = weightDecay
        let count = network.parameters.count
        first = kind == .sgd || kind == .gd ? [] : [Float](repeating: 0, count: count)
        second = kind == .adam ? [Float](repeating: 0, count: count) : []
        var mask = [Float](repeating: 0, count: weightDecay == 0 ? 0 : count)
        if weightDecay != 0 {
            for layer in network.layers {
                for i in layer.weightOffset..<(layer.weightOffset + layer.weightCount) { mask[i] = 1 }
            }
        }
        decayMask = mask
    }

    /// Updates `parameters` from `gradients` with learning rate `rate`.
    public mutating func step(
        parameters: inout [Float], gradients: UnsafeBufferPointer<Float>, rate: Float
    ) {
        steps += 1
        let count = parameters.count
        let decay = weightDecay
        let mask = decayMask
        parameters.withUnsafeMutableBufferPointer { w in
            mask.withUnsafeBufferPointer { mask in
                // The decayed gradient g + lambda * w, without a second buffer.
                @inline(__always) func gradient(_ i: Int) -> Float {
                    decay == 0 ? gradients[i] : gradients[i] + decay * mask[i] * w[i]
                }
                switch kind {
                case .gd, .sgd:
                    for i in 0..<count { w[i] -= rate * gradient(i) }
                case .momentum:
                    let mu = momentum
                    first.withUnsafeMutableBufferPointer { v in
                        for i in 0..<count {
                            v[i] = mu * v[i] + gradient(i)
                            w[i] -= rate * v[i]
                        }
                    }
                case .adam:
                    let b1 = beta1, b2 = beta2, eps = epsilon
                    let correction1 = 1 - Float(pow(Double(b1), Double(steps)))
                    let correction2 = 1 - Float(pow(Double(b2), Double(steps)))
                    let stepSize = rate * correction2.squareRoot() / correction1
                    first.withUnsafeMutableBufferPointer { m in
                        second.withUnsafeMutableBufferPointer { v in
                            for i in 0..<count {
                                let g = gradient(i)
                                m[i] = b1 * m[i] + (1 - b1) * g
                                v[i] = b2 * v[i] + (1 - b2) * g * g
                                w[i] -= stepSize * m[i] / (v[i].squareRoot() + eps)
                            }
                        }
                    }
                }
            }
        }
    }
}
