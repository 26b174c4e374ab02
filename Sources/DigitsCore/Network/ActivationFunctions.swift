import Foundation

/// Hidden-layer non-linearities, applied in place. Their backward passes need only the
/// activation's output, so the pre-activation values are never kept.
extension Activation {
    /// Applies the activation to `count` values in place.
    public func forward(_ values: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .relu:
            for i in 0..<count { values[i] = max(values[i], 0) }
        case .sigmoid:
            for i in 0..<count { values[i] = 1 / (1 + exp(-values[i])) }
        }
    }

    /// Turns dL/doutput into dL/dinput in place, given the forward pass's outputs.
    public func backward(
        output: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, count: Int
    ) {
        switch self {
        case .relu:
            // A select rather than a conditional store, so the loop vectorises.
            for i in 0..<count { gradient[i] = output[i] > 0 ? gradient[i] : 0 }
        case .sigmoid:
            for i in 0..<count { gradient[i] *= output[i] * (1 - output[i]) }
        }
    }
}
