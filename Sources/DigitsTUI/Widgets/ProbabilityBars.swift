import DigitsCore

/// Ten horizontal bars, one per digit: the digit, a bar as long as its probability (in eighths
/// of a cell where block characters exist) and the percentage. The most likely digit is
/// highlighted.
public enum ProbabilityBars {
    /// "97.3%" (tenths) when there is room, "97%" otherwise; "–" without probabilities.
    public static func percentage(_ probability: Float?, tenths: Bool) -> String {
        guard let probability, probability.isFinite else { return "-" }
        let clamped = min(max(probability, 0), 1)
        if tenths {
            let value = Int((clamped * 1000).rounded())
            return "\(value / 10).\(value % 10)%"
        }
        return "\(Int((clamped * 100).rounded()))%"
    }

    /// Draws the bars in `rect`: one row per digit, with a blank row between them when the
    /// rectangle has at least 19 rows. `unsure` (the input may not be a digit, `RejectionRule`)
    /// keeps the bars but dims the most likely one instead of highlighting it, and, when there
    /// is a free row at the bottom, says "not sure this is a digit" there.
    public static func render(into frame: inout Frame, rect area: Rect, probabilities: [Float]?, theme: Theme,
                              unsure: Bool = false) {
        // One column of air on each side, away from the box's border.
        let rect = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height)
        let spacing = rect.height >= 19 ? 2 : 1
        let tenths = rect.width >= 20
        let percentWidth = tenths ? 6 : 4
        let barWidth = max(1, rect.width - 2 - 1 - percentWidth)
        let top = probabilities.flatMap { values in values.indices.max { values[$0] < values[$1] } }
        for digit in 0..<10 {
            let row = rect.y + digit * spacing
            guard row < rect.maxY else { break }
            let probability = probabilities.flatMap { digit < $0.count ? $0[digit] : nil }
            let highlighted = digit == top && !unsure
            let labelStyle = highlighted ? (theme.hasColors ? theme.accent : theme.text.reversed()) : theme.text
            frame.put("\(digit)", x: rect.x, y: row, style: labelStyle)
            drawBar(into: &frame, x: rect.x + 2, y: row, width: barWidth,
                    value: probability ?? 0, highlighted: highlighted, theme: theme)
            let text = TextFit.padLeft(percentage(probability, tenths: tenths), to: percentWidth)
            frame.put(text, x: rect.x + 2 + barWidth + 1, y: row,
                      style: highlighted ? theme.accent : theme.dim)
        }
        let noteRow = rect.y + 10 * spacing - (spacing - 1)
        if unsure && probabilities != nil && noteRow < rect.maxY {
            frame.put(TextFit.truncate(RejectionRule.message, to: rect.width, glyphs: theme.glyphs),
                      x: rect.x, y: noteRow, style: theme.warning)
        }
    }

    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    static func drawBar(into frame: inout Frame, x: Int, y: Int, width: Int, value: Float,
                        highlighted: Bool, theme: Theme) {
        let fillStyle = highlighted ? Style(foreground: theme.accent.foreground) : theme.barFill
        let track = theme.barTrack
        if theme.glyphs.hasBlocks {
            let units = Int((min(max(value, 0), 1) * Float(width * 8)).rounded())
            for column in 0..<width {
                let filled = units - column * 8
                if filled >= 8 {
                    frame[x + column, y] = Cell("█", style: Style(foreground: fillStyle.foreground, background: track.background))
                } else if filled > 0 {
                    frame[x + column, y] = Cell(eighths[filled - 1], style: Style(foreground: fillStyle.foreground, background: track.background))
                } else {
                    frame[x + column, y] = Cell(theme.hasGreys ? " " : "·", style: track)
                }
            }
        } else {
            let filled = Int((min(max(value, 0), 1) * Float(width)).rounded())
            for column in 0..<width {
                frame[x + column, y] = column < filled ? Cell("#", style: fillStyle) : Cell(".", style: track)
            }
        }
    }
}
