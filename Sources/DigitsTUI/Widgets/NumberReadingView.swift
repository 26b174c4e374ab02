import DigitsCore

/// A number of several digits as the network reads it, for the Draw screen's prediction panel:
/// the digits as large as the panel allows (the big font, else a compact half-block one, else
/// plain text), each with how sure the network is of it underneath, and the digit the bars show
/// picked out in the accent colour.
///
/// Each digit is one `Digit` value, so a fact about a single digit (how sure, or later whether
/// it looks like a digit at all) is one field to add and one place to draw it.
public struct NumberReadingView {
    /// One digit of the number.
    public struct Digit: Hashable, Sendable {
        public var value: Int
        /// The probability of `value`, 0...1.
        public var confidence: Float

        public init(value: Int, confidence: Float) {
            self.value = value
            self.confidence = confidence
        }
    }

    public var digits: [Digit]
    /// Index of the digit the bars show.
    public var shown: Int

    public init(digits: [Digit], shown: Int) {
        self.digits = digits
        self.shown = shown
    }

    /// The number, "42".
    public var text: String { digits.map { String($0.value) }.joined() }

    /// How the digits are drawn, largest first.
    enum Font: Equatable {
        /// `BigDigit` at a scale: each font pixel 2x`scale` cells wide, `scale` high.
        case big(scale: Int)
        /// The same 5x7 font, one cell per font pixel across and half a cell down (half blocks).
        case compact
        /// Digits as characters.
        case text

        /// A glyph's width and height in cells, and the space between glyphs.
        var glyph: (width: Int, height: Int, spacing: Int) {
            switch self {
            case .big(let scale): (BigDigit.glyphWidth * 2 * scale, BigDigit.glyphHeight * scale, 2 * scale)
            case .compact: (BigDigit.glyphWidth, (BigDigit.glyphHeight + 1) / 2, 1)
            case .text: (1, 1, 0)
            }
        }
    }

    /// The largest font at most `maxScale` whose glyphs, with a line for the confidences, fit
    /// `area`.
    func font(for area: Rect, maxScale: Int, glyphs: Glyphs) -> Font {
        var candidates = stride(from: maxScale, through: 1, by: -1).map { Font.big(scale: $0) }
        if glyphs.hasBlocks { candidates.append(.compact) }
        let count = digits.count
        return candidates.first { font in
            let glyph = font.glyph
            return count * glyph.width + (count - 1) * glyph.spacing <= area.width && glyph.height + 1 <= area.height
                // A confidence, at least "97%", fits under each glyph.
                && glyph.width + glyph.spacing >= 4
        } ?? .text
    }

    /// Draws the number centred in `area`, big digits at most `maxScale`.
    public func render(into frame: inout Frame, area: Rect, maxScale: Int, theme: Theme) {
        guard !digits.isEmpty, area.width > 0, area.height > 0 else { return }
        let font = font(for: area, maxScale: maxScale, glyphs: theme.glyphs)
        guard font != .text else { return renderText(into: &frame, area: area, theme: theme) }
        let glyph = font.glyph
        let total = digits.count * glyph.width + (digits.count - 1) * glyph.spacing
        let left = area.x + (area.width - total) / 2
        let top = area.y + max(0, (area.height - glyph.height - 1) / 2)
        for (index, digit) in digits.enumerated() {
            let x = left + index * (glyph.width + glyph.spacing)
            let style = index == shown ? theme.accent : theme.text
            switch font {
            case .big(let scale):
                BigDigit.render(digit.value, into: &frame, x: x, y: top, scale: scale, style: style, glyphs: theme.glyphs)
            case .compact:
                Self.renderCompact(digit.value, into: &frame, x: x, y: top, style: style)
            case .text:
                break
            }
            // The confidence centred under its glyph, tenths when there is room.
            let room = glyph.width + glyph.spacing
            let tenths = ProbabilityBars.percentage(digit.confidence, tenths: true)
            let sure = tenths.count <= room - 1 ? tenths : ProbabilityBars.percentage(digit.confidence, tenths: false)
            frame.put(sure, x: x + (glyph.width - sure.count + 1) / 2, y: top + glyph.height,
                      style: index == shown ? theme.accent : theme.dim)
        }
    }

    /// Too many digits for glyphs: the number on one line, then each digit with how sure, the
    /// shown one marked.
    private func renderText(into frame: inout Frame, area: Rect, theme: Theme) {
        let entries = digits.enumerated().map { index, digit in
            (index == shown ? ">" : " ") + "\(digit.value) " + ProbabilityBars.percentage(digit.confidence, tenths: false)
        }
        // As many entries to a line as fit, seven cells each, the whole centred top to bottom.
        let perLine = max(1, (area.width + 1) / 8)
        let lines = 1 + (entries.count + perLine - 1) / perLine
        let top = area.y + max(0, (area.height - lines) / 2)
        frame.putCentered(text, in: area, y: top, style: theme.accent)
        for (line, start) in stride(from: 0, to: entries.count, by: perLine).enumerated() {
            let y = top + 1 + line
            guard y < area.maxY else { break }
            var x = area.x
            for index in start..<min(start + perLine, entries.count) {
                x = frame.put(TextFit.padRight(entries[index], to: 7), x: x, y: y,
                              style: index == shown ? theme.accent : theme.dim, maxWidth: area.maxX - x) + 1
            }
        }
    }

    /// `BigDigit`'s glyph with two font rows to a cell, in upper and lower half blocks.
    static func renderCompact(_ digit: Int, into frame: inout Frame, x: Int, y: Int, style: Style) {
        let glyph = BigDigit.font[(0...9).contains(digit) ? digit : 10].map { Array($0) }
        for row in stride(from: 0, to: glyph.count, by: 2) {
            for column in 0..<BigDigit.glyphWidth {
                let upper = glyph[row][column] == "#"
                let lower = row + 1 < glyph.count && glyph[row + 1][column] == "#"
                let character: Character? = upper && lower ? "█" : upper ? "▀" : lower ? "▄" : nil
                if let character { frame[x + column, y + row / 2] = Cell(character, style: Style(foreground: style.foreground)) }
            }
        }
    }
}
