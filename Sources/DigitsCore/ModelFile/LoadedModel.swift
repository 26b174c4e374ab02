/// A network read from a model file, with everything its `__metadata__` said.
public struct LoadedModel: Sendable, Equatable {
    /// The file it came from, for messages.
    public let path: String
    /// The network, ready to predict.
    public var network: Network
    /// The whole `__metadata__` map as written, including keys this program does not know.
    public var metadata: [String: String]

    public init(path: String, network: Network, metadata: [String: String]) {
        self.path = path
        self.network = network
        self.metadata = metadata
    }

    /// When to say "not sure this is a digit" with this model: its calibrated threshold, or the
    /// fallback for a file without one.
    public var rejection: RejectionRule { RejectionRule(metadata: metadata) }

    /// The training facts from `metadata`, typed.
    public var typedMetadata: ModelMetadata { ModelMetadata(entries: metadata) }

    /// Checks that the network takes `input` values and gives `output` classes (784 and 10
    /// for MNIST): the file format allows any sizes, a program using the model does not.
    public func checkSizes(input: Int, output: Int) throws(ModelFileError) {
        guard network.inputSize == input, network.outputSize == output else {
            throw ModelFileError(path: path, problem: .wrongSizes(
                expected: "\(input) inputs and \(output) outputs", found: network.architecture))
        }
    }
}
