/// The training facts a model file records in its `__metadata__`, typed.
///
/// The network's own facts (format, architecture, activation) are written by `ModelFile`
/// from the network itself, so they cannot disagree with the tensors.
public struct ModelMetadata: Sendable, Equatable {
    /// The data set trained on, e.g. "mnist".
    public var dataset: String?
    /// Passes over the training set.
    public var epochs: Int?
    /// Accuracy on the test set, as a fraction in 0...1.
    public var testAccuracy: Double?
    /// The seed that made the model.
    public var seed: UInt64?
    /// The optimiser, e.g. "adam" or "sgd".
    public var optimizer: String?
    /// The calibrated threshold of `RejectionRule`: inputs whose largest probability is below
    /// it are "not sure this is a digit". Nil for models trained without negatives.
    public var rejectBelow: Float?
    /// Anything else worth recording: learning rate, batch size, the command line...
    public var extras: [String: String]

    public init(dataset: String? = nil, epochs: Int? = nil, testAccuracy: Double? = nil,
                seed: UInt64? = nil, optimizer: String? = nil, rejectBelow: Float? = nil,
                extras: [String: String] = [:]) {
        self.dataset = dataset
        self.epochs = epochs
        self.testAccuracy = testAccuracy
        self.seed = seed
        self.optimizer = optimizer
        self.rejectBelow = rejectBelow
        self.extras = extras
    }

    /// `__metadata__` keys, the same words PyTorch users would reach for.
    public enum Key {
        public static let format = "format"
        public static let architecture = "architecture"
        public static let activation = "activation"
        public static let dataset = "dataset"
        public static let epochs = "epochs"
        public static let testAccuracy = "test_accuracy"
        public static let seed = "seed"
        public static let optimizer = "optimizer"
        /// `RejectionRule`'s threshold for this model.
        public static let rejectBelow = "reject_below"
        /// Keys that describe the network rather than its training.
        static let structural: Set<String> = [format, architecture, activation]
    }

    /// Reads the facts back from a file's `__metadata__`. A value that does not parse as its
    /// type (another program's file may write "98%") stays in `extras` under its key; the
    /// network's own keys are left out.
    public init(entries: [String: String]) {
        var extras = entries.filter { !Key.structural.contains($0.key) }
        func take<T>(_ key: String, _ parse: (String) -> T?) -> T? {
            guard let text = extras[key], let value = parse(text) else { return nil }
            extras[key] = nil
            return value
        }
        self.init(dataset: take(Key.dataset) { $0 },
                  epochs: take(Key.epochs) { Int($0) },
                  testAccuracy: take(Key.testAccuracy) { Double($0) },
                  seed: take(Key.seed) { UInt64($0) },
                  optimizer: take(Key.optimizer) { $0 },
                  rejectBelow: take(Key.rejectBelow) { Float($0) },
                  extras: [:])
        self.extras = extras
    }

    /// These facts as `__metadata__` entries: the extras, overridden by the typed fields.
    public var entries: [String: String] {
        var entries = extras
        entries[Key.dataset] = dataset
        entries[Key.epochs] = epochs.map(String.init)
        entries[Key.testAccuracy] = testAccuracy.map { String($0) }
        entries[Key.seed] = seed.map(String.init)
        entries[Key.optimizer] = optimizer
        entries[Key.rejectBelow] = rejectBelow.map { String($0) }
        return entries
    }
}
