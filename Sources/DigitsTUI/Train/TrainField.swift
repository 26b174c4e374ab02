import DigitsCore

/// One row of the Train screen's settings form.
public enum TrainField: Int, CaseIterable, Sendable {
    case hiddenSizes, activation, optimizer, learningRate, batchSize, epochs, seed, augmentation, output

    /// The label at the left of the row.
    public var label: String {
        switch self {
        case .hiddenSizes: "Hidden sizes"
        case .activation: "Activation"
        case .optimizer: "Optimizer"
        case .learningRate: "Learn rate"
        case .batchSize: "Batch size"
        case .epochs: "Epochs"
        case .seed: "Seed"
        case .augmentation: "Augment"
        case .output: "Save to"
        }
    }

    /// The values a choice field cycles through; nil for fields typed as text.
    public var choices: [String]? {
        switch self {
        case .activation: Activation.allCases.map(\.rawValue)
        case .optimizer: OptimizerKind.allCases.map(\.rawValue)
        case .augmentation: ["off", "on"]
        default: nil
        }
    }

    public var isChoice: Bool { choices != nil }

    /// Why `text` is not a valid value for this field, or nil when it is. The ranges are those
    /// of `TrainingConfiguration.validate()`, so a form that passes here trains.
    public func problem(with text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch self {
        case .hiddenSizes:
            let parts = trimmed.split(separator: ",", omittingEmptySubsequences: false)
            let sizes = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !trimmed.isEmpty, sizes.count == parts.count, sizes.allSatisfy({ (1...65536).contains($0) }) else {
                return "hidden sizes: whole numbers 1-65536, comma-separated (e.g. 512,128)"
            }
        case .learningRate:
            guard let rate = Float(trimmed), rate.isFinite, rate > 0, rate <= 100 else {
                return "learning rate: a number above 0, at most 100 (e.g. 0.05)"
            }
        case .batchSize:
            guard let size = Int(trimmed), (1...1_000_000).contains(size) else {
                return "batch size: a whole number 1-1000000"
            }
        case .epochs:
            guard let epochs = Int(trimmed), (1...100_000).contains(epochs) else {
                return "epochs: a whole number 1-100000"
            }
        case .seed:
            guard UInt64(trimmed) != nil else { return "seed: a whole number 0 or more" }
        case .output:
            guard !trimmed.isEmpty, !trimmed.hasSuffix("/") else {
                return "save to: a file name, e.g. digits-model.safetensors"
            }
        case .activation, .optimizer, .augmentation:
            guard choices?.contains(trimmed) == true else {
                return "\(label.lowercased()): one of \(choices?.joined(separator: ", ") ?? "")"
            }
        }
        return nil
    }
}
