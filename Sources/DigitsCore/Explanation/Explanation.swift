/// Why a network reads an input the way it does, for one digit: what every hidden layer did,
/// how the digit's logit is made of the last hidden layer's units, and which pixels argue for
/// and against it. Draw, Browse and `digits explain` all show this one value.
public struct Explanation: Sendable, Equatable {
    /// The forward pass explained.
    public let trace: NetworkTrace
    /// Softmax of the logits, as `Network.probabilities(for:)` gives them.
    public let probabilities: [Float]
    /// The digit with the highest probability.
    public let prediction: Int
    /// The digit explained: the prediction unless another was asked about.
    public let digit: Int
    /// One summary per hidden layer, from the input.
    public let layers: [LayerActivity]
    /// `digit`'s logit as bias plus one contribution per unit of the last hidden layer.
    public let decomposition: LogitDecomposition
    /// Gradient x input of `digit`'s logit, one value per input pixel.
    public let evidence: [Float]

    /// Explains `input` for `digit`, or for the predicted digit when `digit` is nil.
    public init(network: Network, input: [Float], digit: Int? = nil) {
        trace = NetworkTrace(network: network, input: input)
        // Softmax of the traced logits: the same layer code and softmax as
        // `Network.probabilities(for:)`, so the same numbers, from one forward pass.
        var probabilities = [Float](repeating: 0, count: trace.logits.count)
        trace.logits.withUnsafeBufferPointer { logits in
            probabilities.withUnsafeMutableBufferPointer { out in
                SoftmaxCrossEntropy.softmax(logits: logits.baseAddress!, probabilities: out.baseAddress!,
                                            batch: 1, classes: logits.count)
            }
        }
        self.probabilities = probabilities
        prediction = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
        let explained = digit ?? prediction
        self.digit = explained
        layers = trace.hiddenActivations.enumerated().map {
            LayerActivity(index: $0.offset, activations: $0.element, activation: network.activation)
        }
        decomposition = LogitDecomposition(network: network, trace: trace, digit: explained)
        evidence = PixelEvidence.map(network: network, trace: trace, digit: explained)
    }

    /// Whether the units in `decomposition` belong to the first hidden layer, so that each has
    /// a picture: its incoming weights over the 28x28 input.
    public var unitsHaveInputPictures: Bool { layers.count == 1 }
}

/// What one hidden layer did with the input.
public struct LayerActivity: Sendable, Equatable {
    /// 0 for the first hidden layer.
    public let index: Int
    /// Each unit's output, after the non-linearity.
    public let activations: [Float]
    /// How many units are "on": above zero for ReLU, above one half for sigmoid (the point
    /// where a sigmoid unit says more yes than no).
    public let activeCount: Int

    public init(index: Int, activations: [Float], activation: Activation) {
        self.index = index
        self.activations = activations
        let threshold: Float = activation == .relu ? 0 : 0.5
        activeCount = activations.count { $0 > threshold }
    }

    /// Number of units.
    public var size: Int { activations.count }
    /// `activeCount` as a share of `size`, 0...1.
    public var activeFraction: Double { size == 0 ? 0 : Double(activeCount) / Double(size) }
    /// "hidden 1 · 512 units · 31% active".
    public var summary: String {
        "hidden \(index + 1) · \(size) units · \(Int((activeFraction * 100).rounded()))% active"
    }
}
