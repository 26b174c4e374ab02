/// A pixel's evidence in five steps, for drawing the evidence map with a few colours or plain
/// characters: the strength is relative to the strongest pixel of the map, so the picture reads
/// the same whatever the logit's scale.
public enum EvidenceLevel: Sendable, Equatable, CaseIterable {
    case stronglyAgainst, against, neutral, supporting, stronglySupporting

    /// Pixels within this share of the strongest count as neutral ink.
    static let neutralShare: Float = 0.1
    /// From this share of the strongest, a pixel's evidence is strong.
    static let strongShare: Float = 0.5

    /// The level of `value` in a map whose largest magnitude is `scale`; nil for a blank
    /// pixel (no ink, so no evidence either way).
    public init?(_ value: Float, scale: Float, inked: Bool) {
        guard inked else { return nil }
        let share = scale > 0 ? value / scale : 0
        switch share {
        case ..<(-Self.strongShare): self = .stronglyAgainst
        case ..<(-Self.neutralShare): self = .against
        case ...Self.neutralShare: self = .neutral
        case ...Self.strongShare: self = .supporting
        default: self = .stronglySupporting
        }
    }

    /// The plain-text mark: `#` and `+` for the digit, `=` and `-` against, `.` for ink that
    /// says little.
    public var character: Character {
        switch self {
        case .stronglyAgainst: "="
        case .against: "-"
        case .neutral: "."
        case .supporting: "+"
        case .stronglySupporting: "#"
        }
    }

    /// "# + for the digit, = - against, . little either way".
    public static let legend = "# + for the digit   = - against   . ink that says little"

    /// The largest magnitude in `map`, the scale for `init(_:scale:inked:)`.
    public static func scale(of map: [Float]) -> Float {
        map.reduce(0) { max($0, abs($1)) }
    }
}
