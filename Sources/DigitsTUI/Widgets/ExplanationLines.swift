import DigitsCore

/// The lines both Draw's inside view and Browse's explained image write about a logit: how it
/// adds up, and the units that add most for and against it, in the evidence colours.
enum ExplanationLines {
    /// "logit of 3: 16.39 = bias -0.08 + 128 units of hidden 2", shortened to fit `width`.
    static func logitSum(_ explanation: Explanation, width: Int) -> String {
        let parts = explanation.decomposition
        let sum = "logit of \(explanation.digit): \(number(parts.logit)) = bias \(number(parts.bias)) + "
        let feeding = explanation.layers.last.map { "\($0.size) units of hidden \($0.index + 1)" } ?? "the pixels"
        let short = explanation.layers.last.map { "\($0.size) units" } ?? "pixels"
        return sum.count + feeding.count <= width ? sum + feeding : sum + short
    }

    /// "for 3:   #74 +2.08  #66 +1.41 …" at (`x`, `y`), as many units as fit in `width`.
    static func units(_ label: String, _ units: [UnitContribution], x: Int, y: Int, width: Int,
                      into frame: inout Frame, theme: Theme) {
        var column = frame.put(TextFit.padRight(label, to: 9), x: x, y: y, style: theme.dim)
        if units.isEmpty { frame.put("none", x: column, y: y, style: theme.dim); return }
        for unit in units {
            let text = "#\(unit.unit) \(number(unit.value, signed: true))"
            guard column + text.count <= x + width else { break }
            column = frame.put(text, x: column, y: y, style: style(of: unit, theme: theme)) + 2
        }
    }

    /// A unit's colour: the evidence colour of its sign.
    static func style(of unit: UnitContribution, theme: Theme) -> Style {
        guard theme.hasColors else { return theme.text }
        return Style(foreground: theme.evidence(unit.value > 0 ? .stronglySupporting : .stronglyAgainst))
    }

    /// "2.08", "-0.24"; with `signed`, "+2.08".
    static func number(_ value: Double, signed: Bool = false) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return value.isNaN ? "nan" : (value < 0 ? "-big" : "big") }
        let hundredths = Int((abs(value) * 100).rounded())
        let sign = value < 0 && hundredths > 0 ? "-" : (signed ? "+" : "")
        let fraction = hundredths % 100
        return "\(sign)\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
