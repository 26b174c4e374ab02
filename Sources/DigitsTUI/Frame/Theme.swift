import DigitsCore

/// The styles and glyphs every screen draws with, chosen from the terminal's capabilities: greys
/// from the 256-colour ramp when there is one, the eight ANSI colours otherwise.
public struct Theme: Hashable, Sendable {
    public let capabilities: Capabilities
    public let glyphs: Glyphs

    public init(_ capabilities: Capabilities) {
        self.capabilities = capabilities
        glyphs = capabilities.unicode ? .unicode : .ascii
    }

    /// Whether images can be drawn in grey levels (the 24 greys of the 256-colour palette).
    public var hasGreys: Bool { capabilities.colors >= 256 }
    public var hasColors: Bool { capabilities.colors >= 8 }

    /// The palette colour nearest to a grey `level` in 0 (black) ... 1 (white).
    ///
    /// With 256 colours this uses black (16), the ramp 232...255 and white (231): 26 levels.
    /// With fewer colours it is black or white, split at one half.
    public func grey(_ level: Float) -> TerminalColor {
        let clamped = min(max(level, 0), 1)
        guard hasGreys else { return clamped >= 0.5 ? .white : .black }
        let step = Int((clamped * 25).rounded())
        switch step {
        case 0: return .indexed(16)
        case 25: return .indexed(231)
        default: return .indexed(UInt8(231 + step))
        }
    }

    private func color(_ rich: UInt8, _ basic: TerminalColor) -> TerminalColor {
        guard hasColors else { return .default }
        return hasGreys ? .indexed(rich) : basic
    }

    /// Ordinary text.
    public var text: Style { .plain }
    /// Secondary text: labels, hints.
    public var dim: Style { Style(foreground: color(245, .default)) }
    /// Box borders.
    public var border: Style { Style(foreground: color(240, .default)) }
    /// Box titles.
    public var title: Style { Style(foreground: color(252, .default), bold: true) }
    /// The thing to look at: the top prediction, the active tab.
    public var accent: Style { Style(foreground: color(114, .green), bold: true) }
    /// Warnings and messages about the state of things.
    public var warning: Style { Style(foreground: color(215, .yellow), bold: true) }
    /// The header and status bars.
    public var bar: Style {
        hasGreys ? Style(foreground: .indexed(252), background: .indexed(236))
                 : Style(reverse: true)
    }
    /// Key names inside the status bar.
    public var barKey: Style {
        hasGreys ? Style(foreground: .indexed(255), background: .indexed(236), bold: true)
                 : Style(bold: true, reverse: true)
    }
    /// The active tab inside the header bar.
    public var barActive: Style {
        hasGreys ? Style(foreground: .indexed(16), background: .indexed(114), bold: true)
                 : Style(bold: true)
    }
    /// The empty part of a bar.
    public var barTrack: Style {
        hasGreys ? Style(foreground: .indexed(238), background: .indexed(235)) : dim
    }
    /// A filled bar.
    public var barFill: Style { Style(foreground: color(250, .default)) }
    /// A pixel's or a weight's colour in the inside view: blue for the digit, orange against
    /// (a pair colour-blind readers tell apart), brighter where stronger; nil where nothing
    /// argues either way (blank or neutral, drawn as the image's background or a dim grey).
    public func evidence(_ level: EvidenceLevel) -> TerminalColor {
        guard hasColors else { return .default }
        switch level {
        case .stronglySupporting: return hasGreys ? .indexed(39) : .cyan
        case .supporting: return hasGreys ? .indexed(25) : .blue
        case .neutral: return hasGreys ? .indexed(242) : .white
        case .against: return hasGreys ? .indexed(130) : .yellow
        case .stronglyAgainst: return hasGreys ? .indexed(208) : .red
        }
    }
    /// The keyboard cursor on the canvas.
    public var cursor: TerminalColor { hasColors ? (hasGreys ? .indexed(203) : .red) : .default }
}
