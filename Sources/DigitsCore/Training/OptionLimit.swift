/// The values one training option may take, and the value it has when nobody says: one
/// statement of a limit, which the configuration's validation, the Train form and the command
/// line all read, so they cannot drift apart.
public struct OptionLimit<Value: Comparable & Sendable & LosslessStringConvertible>: Sendable {
    /// The option in words, as messages name it: "learning rate".
    public let name: String
    /// The bounds. Whether each bound is itself allowed is said separately, since a learning
    /// rate must be above 0 while a weight decay may be 0.
    public let range: ClosedRange<Value>
    /// Whether `range.lowerBound` itself is refused.
    public let excludesLowerBound: Bool
    /// Whether `range.upperBound` itself is refused.
    public let excludesUpperBound: Bool
    /// The value when none is given.
    public let defaultValue: Value

    public init(name: String, range: ClosedRange<Value>, excludesLowerBound: Bool = false,
                excludesUpperBound: Bool = false, defaultValue: Value) {
        self.name = name
        self.range = range
        self.excludesLowerBound = excludesLowerBound
        self.excludesUpperBound = excludesUpperBound
        self.defaultValue = defaultValue
    }

    /// Whether `value` is allowed. NaN never is: it compares false with both bounds.
    public func contains(_ value: Value) -> Bool {
        range.contains(value)
            && !(excludesLowerBound && value == range.lowerBound)
            && !(excludesUpperBound && value == range.upperBound)
    }

    /// The allowed values in words: "1-100000" when both bounds are allowed, else
    /// "above 0 and at most 100" and the like.
    public var allowed: String {
        let low = Self.text(range.lowerBound), high = Self.text(range.upperBound)
        if !excludesLowerBound && !excludesUpperBound { return "\(low)-\(high)" }
        return (excludesLowerBound ? "above \(low)" : "at least \(low)") + " and "
            + (excludesUpperBound ? "below \(high)" : "at most \(high)")
    }

    /// The error for a value outside the limit; `shown` is how to print it when not `value`
    /// itself (a list of hidden sizes, say).
    public func refusal(_ value: Value, shown: String? = nil) -> TrainingError {
        .outOfRange(option: name, value: shown ?? String(value), allowed: allowed)
    }

    /// "100" rather than Float's "100.0", so bounds read as a person writes them.
    private static func text(_ value: Value) -> String {
        let text = String(value)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
