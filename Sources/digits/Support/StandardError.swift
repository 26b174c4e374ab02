import Foundation

/// Messages and progress go to stderr so stdout stays clean for pipes.
enum StandardError {
    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `digits: <message>` on one line.
    static func fail(_ message: String) {
        write("digits: \(message)\n")
    }
}
