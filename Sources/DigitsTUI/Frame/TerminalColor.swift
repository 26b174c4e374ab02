/// A terminal colour: the terminal's own default, or an entry of the 256-colour palette
/// (0-7 are the eight ANSI colours every colour terminal has, 232-255 a ramp of greys).
public enum TerminalColor: Hashable, Sendable {
    case `default`
    case indexed(UInt8)

    public static let black = TerminalColor.indexed(0)
    public static let red = TerminalColor.indexed(1)
    public static let green = TerminalColor.indexed(2)
    public static let yellow = TerminalColor.indexed(3)
    public static let blue = TerminalColor.indexed(4)
    public static let magenta = TerminalColor.indexed(5)
    public static let cyan = TerminalColor.indexed(6)
    public static let white = TerminalColor.indexed(7)

    /// The palette index, or -1 for the default colour (what ncurses' `init_pair` expects).
    public var cursesNumber: Int32 {
        switch self {
        case .default: -1
        case .indexed(let index): Int32(index)
        }
    }
}
