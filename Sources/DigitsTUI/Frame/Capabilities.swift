/// What the terminal can show, found once at start-up by the backend and kept in the app state
/// so that rendering stays a pure function of the state.
public struct Capabilities: Hashable, Sendable {
    /// Colours available: 256, 16, 8, or 0 for a monochrome terminal.
    public var colors: Int
    /// Whether the locale is UTF-8, so box drawing and block characters can be written.
    public var unicode: Bool

    public init(colors: Int, unicode: Bool) {
        self.colors = colors
        self.unicode = unicode
    }

    /// A 256-colour UTF-8 terminal (xterm-256color, tmux, most modern terminals).
    public static let full = Capabilities(colors: 256, unicode: true)
    /// An 8-colour UTF-8 terminal.
    public static let eightColors = Capabilities(colors: 8, unicode: true)
    /// An 8-colour terminal whose locale is not UTF-8.
    public static let ascii = Capabilities(colors: 8, unicode: false)
}
