/// How a dense layer's weights are drawn before training. Biases always start at zero.
public enum Initialization: String, Sendable, CaseIterable, Codable {
    /// Normal with variance 2 / fan-in (He et al. 2015), for ReLU.
    case he
    /// Normal with variance 2 / (fan-in + fan-out) (Glorot & Bengio 2010), for sigmoid.
    case xavier

    /// The standard deviation of the weights of a layer with these fan-in and fan-out.
    public func standardDeviation(fanIn: Int, fanOut: Int) -> Float {
        switch self {
        case .he: (2 / Float(fanIn)).squareRoot()
        case .xavier: (2 / Float(fanIn + fanOut)).squareRoot()
        }
    }
}
