import ArgumentParser
import DigitsCore
import Foundation

/// `digits download`: fills the data directory with the four MNIST files from public mirrors.
struct DownloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download MNIST into the data directory, verifying every file's SHA-256.",
        discussion: """
            The directory is --data, else $DIGITS_DATA, else the per-user cache \
            (\(DataLocation.cacheDirectory())). Each file is tried on every mirror in turn until \
            one delivers it whole with the pinned SHA-256 of its uncompressed content; files are \
            written atomically, so an interrupted download never leaves a partial file. Files \
            already present and verified are skipped unless --force is given. Default mirrors: \
            \(DownloadItem.defaultMirrors.map(\.absoluteString).joined(separator: " ")).
            """)

    @OptionGroup var data: DataOptions

    @Option(name: .customLong("mirror"),
            help: ArgumentHelp("Base URL holding the files; repeat to give several, tried in order (default: the public mirrors).",
                               valueName: "url"))
    var mirrors: [String] = []

    @Flag(help: "Download again even when verified files are present.")
    var force = false

    @Option(help: ArgumentHelp("Seconds without data before a mirror is given up.", valueName: "seconds"))
    var timeout: Double = 30

    func validate() throws {
        for mirror in mirrors where DownloadCommand.url(mirror) == nil {
            throw ValidationError("--mirror \(mirror): expected an http:// or https:// URL")
        }
        guard timeout > 0, timeout.isFinite else {
            throw ValidationError("--timeout must be a positive number of seconds")
        }
    }

    func run() throws {
        let location = data.location
        var downloader = Downloader(directory: location.directory, force: force)
        if !mirrors.isEmpty { downloader.mirrors = mirrors.compactMap(DownloadCommand.url) }
        downloader.timeout = timeout
        StandardError.write("MNIST into \(location.directory)\(DownloadCommand.describe(location.source))\n")
        let reporter = DownloadReporter(terminal: StandardError.isTerminal)
        do {
            try downloader.run(report: reporter.report)
        } catch {
            reporter.endLine()
            StandardError.fail(error.description)
            throw ExitCode.failure
        }
        StandardError.write("all \(downloader.files.count) files verified in \(location.directory)\n")
    }

    /// `text` as a mirror URL, or nil unless it is http(s) with a host.
    private static func url(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else { return nil }
        return url
    }

    private static func describe(_ source: DataLocation.Source) -> String {
        switch source {
        case .option: return ""
        case .environment: return " (from $\(DataLocation.environmentVariable))"
        case .cache: return " (the per-user cache; choose another with --data)"
        }
    }
}

/// Shows download progress on stderr: a bar redrawn in place on a terminal, plain lines
/// otherwise. Events arrive from URLSession's thread as well as the caller's, hence the lock.
private final class DownloadReporter: @unchecked Sendable {
    private let terminal: Bool
    private let lock = NSLock()
    private let bar = ProgressBar()
    private var lastDraw = Date.distantPast
    private var lineOpen = false

    init(terminal: Bool) {
        self.terminal = terminal
    }

    func report(_ event: DownloadEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .skipped(let file, let path):
            line("\(file): already present and verified (\(path))")
        case .started(let file, let url):
            if terminal {
                draw("\(file): connecting to \(url)")
            } else {
                line("\(file): fetching \(url)")
            }
        case .progress(let file, let received, let expected):
            // At most ten redraws a second; a bar that flickers faster helps nobody.
            guard terminal, Date().timeIntervalSince(lastDraw) > 0.1 || received == expected else { return }
            lastDraw = Date()
            if let expected, expected > 0 {
                draw("\(file) \(bar.bar(Double(received) / Double(expected))) \(megabytes(received))/\(megabytes(expected))")
            } else {
                draw("\(file) \(megabytes(received))")
            }
        case .verifying(let file):
            if terminal { draw("\(file): checking SHA-256") }
        case .failed(let file, let url, let reason):
            line("\(file): \(url): \(reason); trying the next mirror if any")
        case .finished(let file, _, let bytes):
            line("\(file): \(megabytes(bytes)), SHA-256 verified")
        }
    }

    /// Ends a bar left on screen, so that a message can follow on a line of its own.
    func endLine() {
        lock.lock()
        defer { lock.unlock() }
        if lineOpen { StandardError.write("\n") }
        lineOpen = false
    }

    private func draw(_ text: String) {
        StandardError.write("\r\u{1B}[K" + text)
        lineOpen = true
    }

    private func line(_ text: String) {
        StandardError.write((terminal ? "\r\u{1B}[K" : "") + text + "\n")
        lineOpen = false
    }

    private func megabytes(_ bytes: Int) -> String {
        bytes < 1_000_000 ? String(format: "%.1f kB", Double(bytes) / 1000) : String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
