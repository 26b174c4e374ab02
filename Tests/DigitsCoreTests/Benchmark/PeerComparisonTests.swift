import Foundation
import Testing
@testable import DigitsCore

/// `digits bench --compare`'s plumbing: finding Python and the scripts, saying what is missing,
/// handing the set-up and the data to the scripts and reading their answer. A stand-in Python
/// (a shell script) plays the peers, so this runs without NumPy or PyTorch; the end-to-end tests
/// run the real scripts when NumPy is installed.
@Suite("Peer comparison")
struct PeerComparisonTests {
    /// A directory with empty Tools/ scripts and a stand-in `python3` that imports numpy but not
    /// torch, and answers a script run with `answer` after logging its arguments and DIGITS_DATA.
    func fixture(answer: String = #"{"framework": "Stand-in 1.0", "seconds": [0.3, 0.1, 0.2], "median": 0.2}"#)
        throws -> (directory: String, python: String, log: String) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("digits-peers-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/Tools", withIntermediateDirectories: true)
        for script in ["reference_epoch_numpy.py", "reference_epoch_torch.py"] {
            _ = FileManager.default.createFile(atPath: directory + "/Tools/" + script, contents: Data())
        }
        let log = directory + "/arguments.log"
        let python = directory + "/python3"
        let body = """
            #!/bin/sh
            if [ "$1" = "-c" ]; then
              case "$2" in *torch*) echo "Traceback (most recent call last):" >&2; echo "ModuleNotFoundError: No module named 'torch'" >&2; exit 1;; esac
              exit 0
            fi
            echo "$@ DATA=$DIGITS_DATA" >> '\(log)'
            echo 'epoch 1: 0.1 s'
            echo '\(answer)'
            """
        _ = FileManager.default.createFile(atPath: python, contents: Data(body.utf8), attributes: [.posixPermissions: 0o755])
        return (directory, python, log)
    }

    @Test("no Python, given or on PATH, is named as missing")
    func noPython() {
        #expect(throws: PeerComparison.Failure.noPython(looked: "/nonexistent/python3")) {
            try PeerComparison.make(python: "/nonexistent/python3", tools: nil, dataDirectory: "/data")
        }
        #expect(throws: PeerComparison.Failure.noPython(looked: "python3 on PATH")) {
            try PeerComparison.make(python: nil, tools: nil, dataDirectory: "/data", environment: ["PATH": "/nonexistent"])
        }
        let message = PeerComparison.Failure.noPython(looked: "python3 on PATH").description
        #expect(message.contains("no Python") && message.contains("--python"))
    }

    @Test("missing scripts are named with where they were looked for")
    func noScripts() throws {
        let (directory, python, _) = try fixture()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: PeerComparison.Failure.noScripts(looked: [directory])) {
            try PeerComparison.make(python: python, tools: directory, dataDirectory: "/data")
        }
    }

    @Test("the repository's own Tools/ scripts are found without --tools")
    func findsTheRepositorysScripts() throws {
        let (directory, python, _) = try fixture()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let comparison = try PeerComparison.make(python: python, tools: nil, dataDirectory: "/data")
        #expect(FileManager.default.fileExists(atPath: comparison.tools + "/reference_epoch_numpy.py"))
    }

    @Test("a module that does not import is named, with Python's reason")
    func missingModule() throws {
        let (directory, python, _) = try fixture()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let comparison = try PeerComparison.make(python: python, tools: directory + "/Tools", dataDirectory: "/data")
        try comparison.check(.numpy)
        let failure = PeerComparison.Failure.moduleMissing(.pytorch, python: python,
                                                           why: "ModuleNotFoundError: No module named 'torch'")
        #expect(throws: failure) { try comparison.check(.pytorch) }
        #expect(failure.description.contains("PyTorch is not installed") && failure.description.contains("pip install torch"))
    }

    @Test("each set-up reaches the script as its options, with the data directory", arguments: SeedSetup.all)
    func handsTheSetUpOver(setup: SeedSetup) throws {
        let (directory, python, log) = try fixture()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let comparison = try PeerComparison.make(python: python, tools: directory + "/Tools", dataDirectory: "/the/data")
        let timing = try comparison.time(.numpy, setup, epochs: 2)
        #expect(timing == PeerComparison.Timing(framework: "Stand-in 1.0", seconds: [0.3, 0.1, 0.2], median: 0.2))
        let logged = try String(contentsOfFile: log, encoding: .utf8).trimmingCharacters(in: .newlines)
        let expected = ([directory + "/Tools/reference_epoch_numpy.py", "2"] + setup.peerArguments + ["--json"])
            .joined(separator: " ") + " DATA=/the/data"
        #expect(logged == expected)
    }

    @Test("the set-ups' options are the scripts' spelling of them")
    func peerArguments() {
        #expect(SeedSetup.others[0].peerArguments == ["--hidden", "10", "--lr", "0.1", "--batch", "64"])
        #expect(SeedSetup.others[1].peerArguments == ["--hidden", "128", "--lr", "0.5", "--full-batch"])
        #expect(SeedSetup.others[2].peerArguments == ["--hidden", "1024,128", "--lr", "0.05", "--batch", "64"])
        #expect(Set(SeedSetup.all.map(\.key)).count == SeedSetup.all.count)
    }

    @Test("rounds of one peer pool into every epoch and the median of them all")
    func poolsRounds() {
        let rounds = [PeerComparison.Timing(framework: "NumPy 2", seconds: [0.3, 0.1, 0.2], median: 0.2),
                      PeerComparison.Timing(framework: "NumPy 2", seconds: [0.9, 0.8, 0.7], median: 0.8)]
        #expect(PeerComparison.Timing.pooled(rounds)
                == PeerComparison.Timing(framework: "NumPy 2", seconds: [0.3, 0.1, 0.2, 0.9, 0.8, 0.7], median: 0.5))
        #expect(PeerComparison.Timing.pooled([]) == nil)
    }

    @Test("an answer that is not the JSON line, or a nonsense median, is a failure, not a figure",
          arguments: ["not json", #"{"framework": "x", "seconds": [], "median": 0}"#, #"{"median": 0.2}"#])
    func badAnswers(answer: String) throws {
        let (directory, python, _) = try fixture(answer: answer)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let comparison = try PeerComparison.make(python: python, tools: directory + "/Tools", dataDirectory: "/data")
        do {
            _ = try comparison.time(.numpy, SeedSetup.reference, epochs: 1)
            Issue.record("accepted \(answer)")
        } catch {
            guard case .scriptFailed(.numpy, let status, _) = error else { Issue.record("\(error)"); return }
            #expect(status == 0)
            #expect(error.description.contains("NumPy script failed"))
        }
    }
}
