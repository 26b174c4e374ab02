import DigitsCore

/// The network the Draw screen reads with, and how to name it to the user.
public struct DrawModel: Sendable, Equatable {
    public var network: Network
    /// Short name for the header: the file name.
    public var name: String
    /// One line on what it is: "784-128-10 relu".
    public var summary: String
    /// Accuracy on the MNIST test set as the file records it, 0...1.
    public var testAccuracy: Double?
    /// When to say "not sure this is a digit": the file's calibrated threshold, else the fallback.
    public var rejection: RejectionRule

    public init(network: Network, name: String, summary: String? = nil, testAccuracy: Double? = nil,
                rejection: RejectionRule = .fallback) {
        self.network = network
        self.name = name
        self.summary = summary ?? "\(network.architecture) \(network.activation.rawValue)"
        self.testAccuracy = testAccuracy
        self.rejection = rejection
    }

    /// "99.2% right on the MNIST test set", when the file says.
    public var accuracyText: String? {
        testAccuracy.map { accuracy in
            let tenths = Int((accuracy * 1000).rounded())
            return "\(tenths / 10).\(tenths % 10)% right on MNIST test"
        }
    }

    /// A model loaded from a file, named by the file's last path component.
    public init(loaded: LoadedModel) {
        let name = loaded.path.split(separator: "/").last.map(String.init) ?? loaded.path
        self.init(network: loaded.network, name: name, testAccuracy: loaded.typedMetadata.testAccuracy,
                  rejection: loaded.rejection)
    }
}
