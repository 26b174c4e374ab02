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

    /// Why `text` is not a valid value for this field, or nil when it is. The ranges are read
    /// from `TrainingLimits`, which `TrainingConfiguration.validate()` checks too, so a form
    /// that passes here trains.
    public func problem(with text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch self {
        case .hiddenSizes:
            let size = TrainingLimits.hiddenSize
            let parts = trimmed.split(separator: ",", omittingEmptySubsequences: false)
            let sizes = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !trimmed.isEmpty, sizes.count == parts.count, TrainingLimits.hiddenLayers.contains(sizes.count),
                  sizes.allSatisfy(size.contains) else {
                return "\(size.name): whole numbers \(size.allowed), comma-separated (e.g. 512,128)"
            }
        case .learningRate:
            let rate = TrainingLimits.learningRate
            guard let value = Float(trimmed), rate.contains(value) else {
                return "\(rate.name): a number \(rate.allowed) (e.g. 0.05)"
            }
        case .batchSize:
            return Self.wholeNumberProblem(trimmed, TrainingLimits.batchSize)
        case .epochs:
            return Self.wholeNumberProblem(trimmed, TrainingLimits.epochs)
        case .seed:
            guard UInt64(trimmed) != nil else { return "seed: a whole number 0 or more" }
        case .output:
            guard !trimmed.isEmpty, !trimmed.hasSuffix("/") else {
                return "save to: a file name, e.g. \(TrainingOutput.defaultPath)"
            }
        case .activation, .optimizer, .augmentation:
            guard choices?.contains(trimmed) == true else {
                return "\(label.lowercased()): one of \(choices?.joined(separator: ", ") ?? "")"
            }
        }
        return nil
    }

    private static func wholeNumberProblem(_ text: String, _ limit: OptionLimit<Int>) -> String? {
        guard let value = Int(text), limit.contains(value) else {
            return "\(limit.name): a whole number \(limit.allowed)"
        }
        return nil
    }
}
