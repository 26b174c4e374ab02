import Foundation

/// A tmux server of its own (a unique `-L` socket, no user config) running one shell, for
/// driving the real `digits` binary: keys and literal mouse sequences in, screen text out.
/// `close()` kills the server; call it in a `defer`.
final class TmuxSession {
    static let isAvailable: Bool = {
        (try? TmuxSession.execute(["tmux", "-V"]))?.status == 0
    }()

    let socket: String
    private(set) var isClosed = false

    /// Starts a detached session of `width` x `height` running bash without start-up files.
    init(width: Int, height: Int) throws {
        socket = "digits-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        let result = try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)",
                               "env", "PS1=$ ", "TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
                               "bash", "--norc", "--noprofile"])
        guard result.status == 0 else { throw TmuxFailure(message: "new-session: \(result.output)") }
    }

    deinit { close() }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = try? tmux(["kill-server"])
        // tmux leaves the socket file behind after kill-server.
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(directory)/tmux-\(getuid())/\(socket)")
    }

    /// Types `text` followed by Enter into the shell.
    func run(_ commandLine: String) throws {
        try tmux(["send-keys", "-t", "0", "-l", commandLine])
        try tmux(["send-keys", "-t", "0", "Enter"])
    }

    /// Closes the pane as closing a terminal window does: its processes get SIGHUP.
    func killPane() throws {
        try tmux(["kill-pane", "-t", "0"])
    }

    /// Sends key names as tmux understands them ("q", "Enter", "C-c", "Up").
    func send(keys: String...) throws {
        try tmux(["send-keys", "-t", "0"] + keys)
    }

    /// Sends text byte for byte, e.g. an SGR mouse report "\u{1b}[<0;10;5M".
    func send(literal text: String) throws {
        try tmux(["send-keys", "-t", "0", "-l", text])
    }

    /// A left-button drag through 1-based cells, as SGR reports: press, drags, release.
    func drag(through cells: [(Int, Int)], button: Int = 0) throws {
        for (index, cell) in cells.enumerated() {
            let code = index == 0 ? button : (index == cells.count - 1 ? button : button + 32)
            let final = index == cells.count - 1 ? "m" : "M"
            try send(literal: "\u{1b}[<\(code);\(cell.0);\(cell.1)\(final)")
        }
    }

    func resize(width: Int, height: Int) throws {
        let result = try tmux(["resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"])
        guard result.status == 0 else { throw TmuxFailure(message: "resize-window: \(result.output)") }
    }

    /// The pane's text now.
    func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", "0"]).output
    }

    /// A tmux format value for the pane, e.g. "#{alternate_on}".
    func display(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "0", format]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `condition` holds on two identical captures in a row and returns
    /// that screen. One capture can catch a frame half written (ncurses flushes a big frame in
    /// pieces), so a single match could be half old screen, half new. On timeout it throws a
    /// `TmuxTimeout` holding the last screen: a test that goes on with a screen its condition
    /// rejected only fails later, further from the cause.
    @discardableResult
    func waitFor(timeout: Duration = .seconds(15), _ condition: (String) -> Bool) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var previous: String?
        var screen = try capture()
        while ContinuousClock.now < deadline {
            if condition(screen) {
                if screen == previous { return screen }
                previous = screen
            } else {
                previous = nil
            }
            Thread.sleep(forTimeInterval: 0.05)
            screen = try capture()
        }
        throw TmuxTimeout(waited: timeout, what: "the awaited screen", lastScreen: screen)
    }

    /// Waits until `condition` holds and the screen has stopped changing (the program has
    /// caught up with all input sent), then returns it. A capture can catch a frame half
    /// drawn, and a busy machine can pause the program, so "stopped" means the same screen
    /// three times over 0.4 s. Throws `TmuxTimeout` when that does not happen in `timeout`.
    @discardableResult
    func waitForStable(timeout: Duration = .seconds(15), _ condition: (String) -> Bool = { _ in true }) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var previous = try waitFor(timeout: timeout, condition)
        var sameCount = 1
        while ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            let screen = try capture()
            sameCount = screen == previous && condition(screen) ? sameCount + 1 : 1
            if sameCount >= 3 { return screen }
            previous = screen
        }
        throw TmuxTimeout(waited: timeout, what: "a settled screen", lastScreen: previous)
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try Self.execute(["tmux", "-L", socket] + arguments)
    }

    /// Runs a program (looked up on PATH) to completion and returns its status and combined
    /// output. Uses posix_spawn and waitpid rather than Foundation's Process, whose
    /// `waitUntilExit` can miss a child's exit on Linux and hang. Output goes to a file, not a
    /// pipe: `new-session` starts a server that inherits the descriptors and keeps them open.
    static func execute(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("digits-e2e-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The test runner's threads may block signals, and a blocked mask is inherited by the
        // tmux server and everything it runs: start children with none blocked.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw TmuxFailure(message: "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let data = FileManager.default.contents(atPath: outputPath) ?? Data()
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitStatus, String(decoding: data, as: UTF8.self))
    }
}

/// A wait for the screen that ran out of time, with the screen as it was last seen, which the
/// test's failure then shows.
struct TmuxTimeout: Error, CustomStringConvertible {
    let waited: Duration
    let what: String
    let lastScreen: String
    var description: String { "timed out after \(waited) waiting for \(what); the screen was:\n\(lastScreen)" }
}

struct TmuxFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
