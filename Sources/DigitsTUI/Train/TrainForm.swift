import DigitsCore
import Foundation

/// The settings form of the Train screen: one text value per field, the field under the
/// cursor, and the field being typed into. Settings the form does not show (schedule, weight
/// decay) come from `base`, the preset or command line the form started from.
public struct TrainForm: Sendable, Equatable {
    /// The configuration behind the fields, for what the form does not show.
    public private(set) var base: TrainingConfiguration
    public private(set) var values: [TrainField: String]
    public var selected: TrainField = .hiddenSizes
    /// The field being typed into and its text so far; nil when not editing.
    public private(set) var editing: (field: TrainField, text: String)?
    /// What is wrong with the field named, shown beside it.
    public private(set) var problem: (field: TrainField, message: String)?
    /// Where the run starts (the `m` key steps through them).
    public internal(set) var start: TrainStart = .newNetwork

    public init(configuration: TrainingConfiguration = TrainingPreset.fast.configuration,
                output: String = TrainingOutput.defaultPath) {
        base = configuration
        values = Self.values(for: configuration, output: output)
    }

    public static func == (lhs: TrainForm, rhs: TrainForm) -> Bool {
        lhs.base == rhs.base && lhs.values == rhs.values && lhs.selected == rhs.selected
            && lhs.editing?.field == rhs.editing?.field && lhs.editing?.text == rhs.editing?.text
            && lhs.problem?.field == rhs.problem?.field && lhs.problem?.message == rhs.problem?.message
            && lhs.start == rhs.start
    }

    static func values(for config: TrainingConfiguration, output: String) -> [TrainField: String] {
        [
            .hiddenSizes: config.hiddenSizes.map(String.init).joined(separator: ","),
            .activation: config.activation.rawValue,
            .optimizer: config.optimizer.rawValue,
            .learningRate: Self.format(config.learningRate),
            .batchSize: String(config.batchSize),
            .epochs: String(config.epochs),
            .seed: String(config.seed),
            .augmentation: config.augmentation == nil ? "off" : "on",
            .output: output,
        ]
    }

    /// "0.05" rather than Float's "0.05" with noise, for the usual learning rates.
    static func format(_ value: Float) -> String {
        var text = String(format: "%.6g", Double(value))
        if !text.contains(".") && !text.contains("e") { text += ".0" }
        return text
    }

    public subscript(field: TrainField) -> String { values[field] ?? "" }

    public var isEditing: Bool { editing != nil }

    /// The file the model is saved to.
    public var output: String { self[.output].trimmingCharacters(in: .whitespaces) }

    /// Replaces every field with `preset`'s recipe, keeping where to save; a recipe starts a
    /// new network.
    public mutating func apply(_ preset: TrainingPreset) {
        apply(preset.configuration)
    }

    /// Replaces the recipe's fields with `configuration`, keeping where to save and where
    /// training starts from.
    public mutating func apply(_ configuration: TrainingConfiguration, keepingStart: Bool = false) {
        base = configuration
        values = Self.values(for: base, output: self[.output])
        if !keepingStart { start = .newNetwork }
        editing = nil
        problem = nil
    }

    /// Shows `network`'s hidden sizes and activation: a run from that model keeps them.
    mutating func setArchitecture(of network: Network) {
        values[.hiddenSizes] = network.hiddenSizes.map(String.init).joined(separator: ",")
        values[.activation] = network.activation.rawValue
        if problem?.field == .hiddenSizes || problem?.field == .activation { problem = nil }
    }

    /// Whether the run continues from the Draw screen's model rather than a new network.
    public var startsFromDrawModel: Bool { start != .newNetwork }
    /// Whether the run also learns the user's labelled drawings.
    public var learnsDrawings: Bool { start == .drawModelAndDrawings }

    public mutating func moveSelection(by step: Int) {
        let all = TrainField.allCases
        let index = (selected.rawValue + step + all.count) % all.count
        selected = all[index]
    }

    /// Steps a choice field to its next (or previous) value.
    public mutating func cycle(_ field: TrainField, by step: Int = 1) {
        guard let choices = field.choices else { return }
        let index = choices.firstIndex(of: self[field]) ?? 0
        values[field] = choices[(index + step + choices.count) % choices.count]
        if problem?.field == field { problem = nil }
    }

    /// Starts typing into the selected field, beginning from its current text.
    public mutating func beginEditing() {
        guard !selected.isChoice else { return cycle(selected) }
        editing = (selected, self[selected])
    }

    public mutating func type(_ character: Character) {
        guard var edit = editing, edit.text.count < 200 else { return }
        edit.text.append(character)
        editing = edit
    }

    public mutating func deleteBackward() {
        guard var edit = editing, !edit.text.isEmpty else { return }
        edit.text.removeLast()
        editing = edit
    }

    /// Ends typing, keeping the old value.
    public mutating func cancelEditing() {
        if let edit = editing, problem?.field == edit.field { problem = nil }
        editing = nil
    }

    /// Ends typing if the text is valid; otherwise keeps editing and records why not. Returns
    /// whether the value was taken.
    @discardableResult
    public mutating func commitEditing() -> Bool {
        guard let edit = editing else { return true }
        if let message = edit.field.problem(with: edit.text) {
            problem = (edit.field, message)
            return false
        }
        values[edit.field] = edit.text.trimmingCharacters(in: .whitespaces)
        editing = nil
        problem = nil
        return true
    }

    /// The configuration the fields describe, or the first field at fault (also recorded in
    /// `problem` and selected, so the screen shows it at the field).
    public mutating func configuration() -> TrainingConfiguration? {
        for field in TrainField.allCases {
            if let message = field.problem(with: self[field]) {
                problem = (field, message)
                selected = field
                return nil
            }
        }
        var config = base
        config.hiddenSizes = self[.hiddenSizes].split(separator: ",").compactMap {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        config.activation = Activation(rawValue: self[.activation]) ?? config.activation
        config.optimizer = OptimizerKind(rawValue: self[.optimizer]) ?? config.optimizer
        config.learningRate = Float(self[.learningRate]) ?? config.learningRate
        config.batchSize = Int(self[.batchSize]) ?? config.batchSize
        config.epochs = Int(self[.epochs]) ?? config.epochs
        config.seed = UInt64(self[.seed]) ?? config.seed
        config.augmentation = self[.augmentation] == "on" ? (base.augmentation ?? .standard) : nil
        do {
            try config.validate()
        } catch {
            problem = (selected, error.description)
            return nil
        }
        problem = nil
        return config
    }

    /// Which preset the fields match exactly, if any (none when starting from a model).
    public var matchingPreset: TrainingPreset? {
        guard !startsFromDrawModel else { return nil }
        return TrainingPreset.allCases.first { preset in
            var copy = self
            return copy.configuration() == preset.configuration
        }
    }
}

/// Where a Train screen run starts.
public enum TrainStart: Sendable, Equatable, CaseIterable {
    /// A new network of the form's shape.
    case newNetwork
    /// The weights of the model the Draw screen reads with, trained further on MNIST.
    case drawModel
    /// Those weights taught the user's labelled drawings besides MNIST (fine-tuning).
    case drawModelAndDrawings
}
