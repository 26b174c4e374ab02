import Foundation

/// Runs the NumPy and PyTorch versions of a seed set-up (`Tools/reference_epoch_numpy.py`,
/// `Tools/reference_epoch_torch.py`) on the same data, so `digits bench --compare` can put their
/// epoch times beside ours from the same run of the same machine.
///
/// Nothing here is needed to build or test digits: without Python, NumPy or PyTorch, `missing`
/// says which, and the comparison is left out.
public struct PeerComparison: Sendable {
    /// One of the two peers.
    public enum Peer: String, Sendable, CaseIterable {
        case numpy, pytorch

        /// "NumPy", as people write it.
        public var name: String { self == .numpy ? "NumPy" : "PyTorch" }
        /// The Python module the script needs.
        var module: String { self == .numpy ? "numpy" : "torch" }
        /// The script in Tools/.
        var script: String { self == .numpy ? "reference_epoch_numpy.py" : "reference_epoch_torch.py" }
    }

    /// A peer's epochs of one set-up.
    public struct Timing: Sendable, Equatable {
        /// "NumPy 2.4.6", as the script reports itself.
        public let framework: String
        public let seconds: [Double]
        public let median: Double

        /// The epochs of several runs of one peer on one set-up as one timing: every epoch,
        /// and their median. Nil for no runs.
        public static func pooled(_ timings: [Timing]) -> Timing? {
            guard let first = timings.first else { return nil }
            let seconds = timings.flatMap(\.seconds)
            return Timing(framework: first.framework, seconds: seconds, median: Benchmarks.median(seconds))
        }
    }

    /// Why a peer could not be run or measured.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// No Python interpreter where we looked.
        case noPython(looked: String)
        /// The interpreter cannot import the peer's module.
        case moduleMissing(Peer, python: String, why: String)
        /// The Tools/ scripts are not where we looked.
        case noScripts(looked: [String])
        /// The script ran but failed or printed something else than its JSON line.
        case scriptFailed(Peer, status: Int32, output: String)

        public var description: String {
            switch self {
            case .noPython(let looked):
                "no Python: \(looked) is not an executable (install python3, or pass --python PATH)"
            case .moduleMissing(let peer, let python, let why):
                "\(peer.name) is not installed for \(python) (\(why)); pip install \(peer.module)"
            case .noScripts(let looked):
                "cannot find Tools/\(Peer.numpy.script); looked in \(looked.joined(separator: ", ")) (pass --tools DIR)"
            case .scriptFailed(let peer, let status, let output):
                "the \(peer.name) script failed (status \(status)): \(output)"
            }
        }
    }

    /// The interpreter, as given or found on PATH.
    public let python: String
    /// The directory holding the scripts.
    public let tools: String
    /// Where the MNIST files are, handed to the scripts as `DIGITS_DATA`.
    public let dataDirectory: String

    /// A comparison through `python` (a path, or a name looked up on `PATH`) with the scripts
    /// in `tools`, or found from the executable or this source file when nil.
    public static func make(
        python: String?, tools: String?, dataDirectory: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(Failure) -> PeerComparison {
        let interpreter = python ?? "python3"
        guard let resolved = Self.executable(interpreter, path: environment["PATH"] ?? "") else {
            throw .noPython(looked: interpreter.contains("/") ? interpreter : "\(interpreter) on PATH")
        }
        let candidates = tools.map { [$0] } ?? Self.toolCandidates()
        guard let found = candidates.first(where: {
            FileManager.default.isReadableFile(atPath: $0 + "/" + Peer.numpy.script)
                && FileManager.default.isReadableFile(atPath: $0 + "/" + Peer.pytorch.script)
        }) else { throw .noScripts(looked: candidates) }
        return PeerComparison(python: resolved, tools: found, dataDirectory: dataDirectory)
    }

    /// Checks that `peer`'s module imports, without running anything else.
    public func check(_ peer: Peer) throws(Failure) {
        let result = run([python, "-c", "import \(peer.module)"])
        guard result.status == 0 else {
            let why = result.output.split(separator: "\n").last.map(String.init) ?? "import failed"
            throw .moduleMissing(peer, python: python, why: why)
        }
    }

    /// `peer`'s epochs of `setup`, `epochs` of them.
    public func time(_ peer: Peer, _ setup: SeedSetup, epochs: Int) throws(Failure) -> Timing {
        let result = run([python, tools + "/" + peer.script, String(epochs)] + setup.peerArguments + ["--json"])
        guard result.status == 0,
              let line = result.output.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let framework = object["framework"] as? String, let seconds = object["seconds"] as? [Double],
              let median = object["median"] as? Double, median.isFinite, median > 0
        else {
            let tail = result.output.split(separator: "\n").suffix(3).joined(separator: " / ")
            throw .scriptFailed(peer, status: result.status, output: tail.isEmpty ? "no output" : tail)
        }
        return Timing(framework: framework, seconds: seconds, median: median)
    }

    /// Runs `arguments` with the data directory in `DIGITS_DATA`; the exit status and what it
    /// printed on stdout and stderr together.
    private func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        var environment = ProcessInfo.processInfo.environment
        environment[DataLocation.environmentVariable] = dataDirectory
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// `name` if it is a path to an executable, else the first executable of that name on `path`.
    static func executable(_ name: String, path: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Tools/ above the running executable (which lives in `<repo>/.build/<config>/`), then
    /// the repository's as it was at build time.
    static func toolCandidates() -> [String] {
        var result: [String] = []
        if let executable = ModelLocator.executablePath() {
            var directory = URL(fileURLWithPath: executable).deletingLastPathComponent().standardizedFileURL
            while directory.path != "/" {
                result.append(directory.appendingPathComponent("Tools").path)
                directory = directory.deletingLastPathComponent()
            }
        }
        // #filePath is <repo>/Sources/DigitsCore/Benchmark/PeerComparison.swift.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        result.append(repository.appendingPathComponent("Tools").path)
        return result
    }
}
