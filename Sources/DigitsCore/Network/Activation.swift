/// The non-linearity applied after every hidden dense layer.
public enum Activation: String, Sendable, CaseIterable, Codable {
    case relu
    case sigmoid

    /// The initialisation that keeps activations' variance steady through this non-linearity:
    /// He for ReLU, Xavier (Glorot) for sigmoid.
    public var preferredInitialization: Initialization {
        switch self {
        case .relu: .he
        case .sigmoid: .xavier
        }
    }
}
