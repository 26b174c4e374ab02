/// A multilayer perceptron: dense layers with a hidden activation between them and softmax at
/// the end, e.g. sizes [784, 128, 10]. A value: copying a network copies its parameters lazily.
///
/// All parameters live in one flat buffer, weights then bias for each layer in order, so an
/// optimiser is a single loop over it and a snapshot is a single copy.
public struct Network: Sendable, Equatable {
    /// Widths from input to output: `[784, 128, 10]` is 784-128-10.
    public let sizes: [Int]
    /// The non-linearity after every hidden layer.
    public let activation: Activation
    /// The dense layers, each naming its slice of `parameters`.
    public let layers: [DenseLayer]
    /// Every weight and bias, in layer order.
    public var parameters: [Float]

    /// Widths of the input and output vectors.
    public var inputSize: Int { sizes[0] }
    public var outputSize: Int { sizes[sizes.count - 1] }
    /// The hidden widths, e.g. `[128]` for 784-128-10.
    public var hiddenSizes: [Int] { Array(sizes.dropFirst().dropLast()) }
    /// "784-128-10".
    public var architecture: String { sizes.map(String.init).joined(separator: "-") }

    /// A network with the given sizes and zero parameters.
    public init(sizes: [Int], activation: Activation) throws(NetworkError) {
        guard sizes.count >= 2 else { throw .tooFewLayers(sizes.count) }
        if let bad = sizes.first(where: { !(1...(1 << 20)).contains($0) }) { throw .badWidth(bad) }
        self.sizes = sizes
        self.activation = activation
        var layers: [DenseLayer] = []
        var offset = 0
        for (inputs, outputs) in zip(sizes, sizes.dropFirst()) {
            layers.append(DenseLayer(inputs: inputs, outputs: outputs,
                                     weightOffset: offset, biasOffset: offset + inputs * outputs))
            offset += inputs * outputs + outputs
        }
        guard offset <= 1 << 30 else { throw .tooManyParameters(offset) }
        self.layers = layers
        self.parameters = [Float](repeating: 0, count: offset)
    }

    /// A network with freshly initialised weights (He or Xavier, by default the one that
    /// suits the activation) and zero biases. The same seed gives the same network.
    public init(sizes: [Int], activation: Activation, initialization: Initialization? = nil,
                seed: UInt64) throws(NetworkError) {
        try self.init(sizes: sizes, activation: activation)
        let scheme = initialization ?? activation.preferredInitialization
        var generator = SeededGenerator(seed: seed)
        for layer in layers {
            let deviation = scheme.standardDeviation(fanIn: layer.inputs, fanOut: layer.outputs)
            for i in layer.weightOffset..<(layer.weightOffset + layer.weightCount) {
                parameters[i] = generator.nextNormal() * deviation
            }
        }
    }

    /// The weights of dense layer `index`, [outputs, inputs] row-major.
    public func weights(ofLayer index: Int) -> ArraySlice<Float> {
        let layer = layers[index]
        return parameters[layer.weightOffset..<(layer.weightOffset + layer.weightCount)]
    }

    /// The bias of dense layer `index`.
    public func bias(ofLayer index: Int) -> ArraySlice<Float> {
        let layer = layers[index]
        return parameters[layer.biasOffset..<(layer.biasOffset + layer.outputs)]
    }

    /// Class probabilities for one input vector of `inputSize` values (pixels in 0...1).
    public func probabilities(for input: [Float]) -> [Float] {
        precondition(input.count == inputSize, "input has \(input.count) values, network takes \(inputSize)")
        return input.withUnsafeBufferPointer { probabilities(batch: $0.baseAddress!, count: 1) }
    }
}

/// Why a network cannot be built.
public enum NetworkError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewLayers(Int)
    case badWidth(Int)
    case tooManyParameters(Int)

    public var description: String {
        switch self {
        case .tooFewLayers(let n): "a network needs an input and an output size, got \(n) sizes"
        case .badWidth(let w): "layer width \(w) is out of range (1...1048576)"
        case .tooManyParameters(let n): "\(n) parameters is more than this program will allocate"
        }
    }
}
