/// Why the terminal UI could not start.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is a pipe or a file.
    case notATerminal
    /// The terminal type (TERM) has no terminfo entry.
    case unknownTerminal(String)
    /// ncurses refused to start.
    case cannotInitialize(String)

    public var description: String {
        switch self {
        case .notATerminal:
            "the interactive screens need a terminal: standard input and output must both be a terminal (try `digits --help` for the headless commands)"
        case .unknownTerminal(let name):
            "unknown terminal type '\(name)' (set TERM to one your system knows, e.g. xterm-256color)"
        case .cannotInitialize(let why):
            "cannot start the terminal UI: \(why)"
        }
    }
}
