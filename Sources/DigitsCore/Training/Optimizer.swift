import Foundation

/// Applies optimiser steps to a network's flat parameter buffer, keeping the optimiser's state
/// (velocities, Adam moments) in buffers of the same layout.
///
/// A step is taken in two stages so that threads can share it: `nextStep(rate:)` settles what
/// the whole step needs (the learning rate, Adam's bias corrections), and the returned
/// `OptimizerStep` then updates any ranges of the parameters, each range by one thread. The
/// sparse training step lets each thread update the first-layer weights it has just computed
/// the gradients of, while they are still in that core's cache.
///
/// A class, so that it cannot be copied by accident: two copies would share the state buffers
/// and each count steps of its own, and stepping both would corrupt the moments.
public final class Optimizer {
    public let kind: OptimizerKind
    /// L2 weight decay, applied to weights only (biases are not decayed, as is usual).
    public let weightDecay: Float
    public let momentum: Float = 0.9
    public let beta1: Float = 0.9
    public let beta2: Float = 0.999
    /// Adam's epsilon, added to the root of each second moment: 1e-8, as in Kingma and Ba and
    /// PyTorch, unless a test asks for a larger one.
    public let epsilon: Float

    /// Velocities or moments, laid out like the parameters the steps are applied to.
    private let state: OptimizerState
    private var steps = 0
    /// The parameter ranges weight decay applies to: every weight matrix, no bias.
    private let decayRanges: [Range<Int>]

    /// An optimiser for `network`'s parameters.
    public init(_ kind: OptimizerKind, for network: Network, weightDecay: Float = 0, epsilon: Float = 1e-8) {
        self.kind = kind
        self.weightDecay = weightDecay
        self.epsilon = epsilon
        let count = network.parameters.count
        state = OptimizerState(first: kind == .sgd || kind == .gd ? 0 : count, second: kind == .adam ? count : 0)
        decayRanges = network.layers.map { $0.weightOffset..<($0.weightOffset + $0.weightCount) }
    }

    /// Begins the next step at learning rate `rate`; apply it to every parameter exactly once.
    public func nextStep(rate: Float) -> OptimizerStep {
        steps += 1
        var stepSize = rate
        if kind == .adam {
            let correction1 = 1 - Float(pow(Double(beta1), Double(steps)))
            let correction2 = 1 - Float(pow(Double(beta2), Double(steps)))
            stepSize = rate * correction2.squareRoot() / correction1
        }
        return OptimizerStep(kind: kind, stepSize: stepSize, weightDecay: weightDecay,
                             decayRanges: decayRanges, momentum: momentum, beta1: beta1, beta2: beta2,
                             epsilon: epsilon, state: state)
    }
}

/// The optimiser's per-parameter buffers, allocated once; threads write disjoint ranges.
final class OptimizerState: @unchecked Sendable {
    let first: UnsafeMutablePointer<Float>
    let second: UnsafeMutablePointer<Float>

    init(first: Int, second: Int) {
        self.first = .allocate(capacity: max(1, first))
        self.first.initialize(repeating: 0, count: max(1, first))
        self.second = .allocate(capacity: max(1, second))
        self.second.initialize(repeating: 0, count: max(1, second))
    }

    deinit {
        first.deallocate()
        second.deallocate()
    }
}
