import ArgumentParser
import Foundation
import DigitsTUI
import DigitsTerminal

/// Runs the interactive screens for a command and turns how they ended into the process's
/// ending: what the screens rescued is reported on stderr once the terminal is back, and a
/// signal exits with 128 + its number.
enum ScreenSession {
    /// Fails with the one-line message unless standard input and output are a terminal.
    static func requireTerminal() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            StandardError.fail(TerminalError.notATerminal.description)
            throw ExitCode.failure
        }
    }

    static func run(_ makeApp: (Size, Capabilities) -> App) throws {
        try requireTerminal()
        let outcome: TerminalSession.Outcome
        do {
            outcome = try TerminalSession.run(makeApp)
        } catch {
            StandardError.fail(error.description)
            throw ExitCode.failure
        }
        for note in outcome.notes { StandardError.fail(note) }
        if case .signal(let number) = outcome.ending { throw ExitCode(128 + number) }
    }
}
