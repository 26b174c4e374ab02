import DigitsTUI
import Foundation

/// Keeps the terminal usable whatever ends the program.
///
/// - SIGINT, SIGTERM, SIGHUP write their number to a pipe that the backend's `poll` watches, so
///   the loop wakes and quits through the normal path (endwin, mouse tracking off). A second
///   SIGINT or SIGTERM, if the loop did not respond, restores the terminal and exits at once.
/// - Crashes (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT; Swift's traps arrive as
///   SIGILL or SIGTRAP) restore the terminal from the handler with async-signal-safe calls only
///   (`write`, `tcsetattr`), then hand the signal to whatever handled it before (Swift's
///   backtracer, or the default action).
///
/// Handlers are installed before ncurses starts, so ncurses leaves SIGINT and SIGTERM to us.
enum SignalTrap {
    nonisolated(unsafe) private static var pipeDescriptors: [Int32] = [-1, -1]
    nonisolated(unsafe) private static var writeDescriptor: Int32 = -1
    nonisolated(unsafe) private static var termination = 0
    /// The last termination signal received, 0 if none: lets the program exit with 128 + it.
    nonisolated(unsafe) static var lastSignal: Int32 = 0
    nonisolated(unsafe) private static var savedTerminal = termios()
    nonisolated(unsafe) private static var hasSavedTerminal = false
    nonisolated(unsafe) private static var restoreBytes: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) private static var restoreCount = 0
    /// Indexed by signal number; a plain buffer so the crash handler reads it without Swift
    /// collection machinery.
    nonisolated(unsafe) private static var previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    nonisolated(unsafe) private static var hasPrevious = [Bool](repeating: false, count: 65)
    nonisolated(unsafe) private static var installed = false

    static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]

    /// Mouse tracking off (1002 button events, 1006 SGR, 1000 clicks), cursor shown, back to the
    /// normal screen: what a crash must undo.
    static let restoreSequence = "\u{1b}[?1002l\u{1b}[?1006l\u{1b}[?1000l\u{1b}[?25h\u{1b}[?1049l\u{1b}[0m\r\n"

    /// The read end of the termination pipe, for `poll`.
    static var readDescriptor: Int32 { pipeDescriptors[0] }

    /// Saves the terminal's settings and installs the handlers.
    static func install() {
        guard !installed else { return }
        installed = true
        if tcgetattr(STDIN_FILENO, &savedTerminal) == 0 { hasSavedTerminal = true }
        let bytes = Array(restoreSequence.utf8)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        restoreBytes = buffer
        restoreCount = bytes.count
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            }
            pipeDescriptors = descriptors
            writeDescriptor = descriptors[1]
        }
        // A parent may have started us with signals blocked (a blocked mask is inherited across
        // exec): then resizes (SIGWINCH) and SIGTERM would never arrive.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in terminationSignals + crashSignals + [SIGWINCH] { sigaddset(&unblocked, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        for signal in terminationSignals { setHandler(signal, terminationHandler) }
        for signal in crashSignals { setHandler(signal, crashHandler) }
    }

    /// Puts the previous handlers back.
    static func uninstall() {
        guard installed else { return }
        installed = false
        for signal in terminationSignals + crashSignals where hasPrevious[Int(signal)] {
            sigaction(signal, previousActions + Int(signal), nil)
            hasPrevious[Int(signal)] = false
        }
    }

    /// Whether a termination signal arrived since the last call; empties the pipe.
    static func takeTermination() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        var any = false
        while pipeDescriptors[0] >= 0, read(pipeDescriptors[0], &buffer, buffer.count) > 0 { any = true }
        // The count is not reset: after the first signal the app is ending (saving what it
        // must), and a second one means "now", even once the first has been read.
        return any
    }

    private static func setHandler(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        if sigaction(signal, &action, previousActions + Int(signal)) == 0 { hasPrevious[Int(signal)] = true }
    }

    /// Async-signal-safe: leaves the terminal as the shell expects it.
    fileprivate static func restoreFromHandler() {
        if let bytes = restoreBytes { _ = write(STDOUT_FILENO, bytes, restoreCount) }
        if hasSavedTerminal { _ = tcsetattr(STDIN_FILENO, TCSANOW, &savedTerminal) }
    }

    fileprivate static func noteTermination(_ signal: Int32) {
        // A closed terminal sends SIGHUP twice (the kernel, then the shell passing it on to its
        // jobs) and nobody is there to insist: only a repeated SIGINT or SIGTERM means "now",
        // so a second hang-up must not cut short the saving of a model.
        if signal == SIGHUP && termination > 0 { return }
        termination += 1
        lastSignal = signal
        if termination > 1 {
            restoreFromHandler()
            _exit(128 + signal)
        }
        var byte = UInt8(truncatingIfNeeded: signal)
        if writeDescriptor >= 0 { _ = write(writeDescriptor, &byte, 1) }
    }

    fileprivate static func handleCrash(_ signal: Int32) {
        restoreFromHandler()
        if (0..<65).contains(signal) {
            sigaction(signal, previousActions + Int(signal), nil)
        } else {
            Foundation.signal(signal, SIG_DFL)
        }
        raise(signal)
    }
}

private func terminationHandler(_ signal: Int32) {
    SignalTrap.noteTermination(signal)
}

private func crashHandler(_ signal: Int32) {
    SignalTrap.handleCrash(signal)
}
