import DigitsTUI

/// Runs an app in the real terminal and always gives the terminal back.
public enum TerminalSession {
    /// How a session ended.
    public enum Ending: Equatable, Sendable {
        /// The user quit.
        case quit
        /// SIGINT, SIGTERM or SIGHUP; by convention the program exits with 128 + the number.
        case signal(Int32)
    }

    /// How a session ended, and what the screens have to say about it once the terminal is
    /// back (where work rescued from a signal went).
    public struct Outcome: Equatable, Sendable {
        public var ending: Ending
        public var notes: [String]
    }

    /// Starts ncurses, builds the app for the terminal's size and capabilities, runs it until
    /// it quits, and restores the terminal (also on signals and crashes, see `SignalTrap`).
    @discardableResult
    public static func run(_ makeApp: (Size, Capabilities) -> App) throws(TerminalError) -> Outcome {
        let backend = try NcursesBackend()
        defer { backend.restore() }
        var app = makeApp(backend.size, backend.capabilities)
        EventLoop(backend: backend).run(&app)
        let signal = SignalTrap.lastSignal
        return Outcome(ending: signal == 0 ? .quit : .signal(signal), notes: app.exitNotes)
    }
}
