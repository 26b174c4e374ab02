import DigitsCore
import Foundation
import Testing

/// Runs the real `digits` binary as a user or a script would: output, exit codes, and one-line
/// messages for bad input. Separate stdout and stderr, stdin closed, not a terminal.
struct CommandRun {
    let status: Int32
    let stdout: String
    let stderr: String

    /// Runs `digits` with `arguments`; `interruptAfter` sends SIGINT once stderr contains that text.
    static func digits(_ arguments: [String], environment extra: [String: String] = [:],
                       interruptAfter marker: String? = nil) throws -> CommandRun {
        let binary = try #require(DigitsBinary.path, "no digits binary found: run `swift build` first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("digits-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Files rather than pipes: nothing can fill up and block the child.
        let out = directory.appendingPathComponent("out"), err = directory.appendingPathComponent("err")
        try Data().write(to: out)
        try Data().write(to: err)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if let marker {
            let deadline = Date().addingTimeInterval(120)
            while process.isRunning, Date() < deadline {
                if let text = try? String(contentsOf: err, encoding: .utf8), text.contains(marker) {
                    kill(process.processIdentifier, SIGINT)
                    break
                }
                usleep(20_000)
            }
        }
        process.waitUntilExit()
        return CommandRun(status: process.terminationStatus,
                          stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                          stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Non-empty stderr lines.
    var errorLines: [String] { stderr.split(separator: "\n").map(String.init).filter { !$0.isEmpty } }
}

let mnistDirectory = ProcessInfo.processInfo.environment["DIGITS_DATA"]
func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("digits-cli-\(UUID().uuidString)-\(name)").path
}

@Suite("Command line: bad input gets one line and a non-zero exit")
struct CommandLineErrorTests {
    @Test func missingDataSaysWhereItLookedAndHowToGetIt() throws {
        let run = try CommandRun.digits(["eval", "--data", "/nonexistent/mnist"])
        #expect(run.status == 1)
        #expect(run.errorLines.count == 1, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("digits: ") && run.stderr.contains("/nonexistent/mnist"))
        #expect(run.stderr.contains("digits download"))
    }

    @Test func corruptModelIsNamed() throws {
        let path = temporaryPath("corrupt.safetensors")
        try Data([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try CommandRun.digits(["predict", "--model", path, "/dev/null"])
        #expect(run.status == 1)
        #expect(run.errorLines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains(path))
    }

    @Test func nonsenseOptionsAreRefusedBeforeAnyWork() throws {
        for arguments in [["train", "--lr", "-1"], ["train", "--hidden", "12,x"], ["train", "--epochs", "0"],
                          ["train", "--optimizer", "magic"], ["train", "--output", "/nonexistent/dir/m.safetensors"],
                          ["misclassified", "--true", "12"], ["tune", "--folds", "1"]] {
            let run = try CommandRun.digits(arguments)
            #expect(run.status == 64, "\(arguments): \(run.status) \(run.stderr)")
            #expect(run.stderr.contains("Error:") || run.stderr.contains("digits:"), "\(arguments)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func unwritableOutputLeavesNoFile() throws {
        let directory = temporaryPath("readonly")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A directory where the file should go cannot be replaced by a file.
        try FileManager.default.createDirectory(atPath: directory + "/m.safetensors", withIntermediateDirectories: true)
        let run = try CommandRun.digits(["train", "--output", directory + "/m.safetensors"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("is a directory"))
    }

    @Test func theDrawScreenNeedsATerminal() throws {
        let run = try CommandRun.digits([])
        #expect(run.status != 0)
        #expect(run.errorLines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("terminal"))
    }
}

@Suite("Command line on MNIST", .enabled(if: mnistDirectory != nil, "DIGITS_DATA not set: point it at the MNIST files to run this"),
       .serialized)
struct CommandLineMNISTTests {
    @Test func evalOfTheShippedModelPasses98Percent() throws {
        let run = try CommandRun.digits(["eval", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let accuracy = try #require(object?["accuracy"] as? Double, "no accuracy in \(run.stdout)")
        #expect(accuracy >= 0.98)
    }

    @Test func trainWritesJSONLinesAndALoadableModel() throws {
        let output = temporaryPath("model.safetensors")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let run = try CommandRun.digits(["train", "--hidden", "16", "--epochs", "2", "--json", "--output", output])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for (index, line) in lines.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["epoch"] as? Int == index + 1)
            for key in ["loss", "train_accuracy", "test_accuracy", "seconds"] {
                #expect(object[key] is Double, "\(key) missing in \(line)")
            }
        }
        let model = try ModelFile.load(path: output)
        #expect(model.network.architecture == "784-16-10")
        #expect(model.metadata["epochs"] == "2")
        #expect((Double(model.metadata["test_accuracy"] ?? "") ?? 0) > 0.85)
        #expect(!run.stderr.contains("\u{1B}["), "no terminal codes when stderr is not a terminal")
    }

    @Test func tuneReportsMeanAndSpreadPerHiddenSize() throws {
        let run = try CommandRun.digits(["tune", "--hidden", "8,16", "--folds", "3", "--epochs", "2",
                                         "--limit", "6000", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let objects = try run.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.compactMap { $0["hidden"] as? [Int] } == [[8], [16]])
        for object in objects {
            let folds = try #require(object["folds"] as? [Double])
            #expect(folds.count == 3 && folds.allSatisfy { $0 > 0.7 && $0 <= 1 })
            #expect((object["std"] as? Double ?? -1) >= 0)
        }
    }

    @Test func ctrlCStopsAfterTheBatchAndSavesTheWeightsSoFar() throws {
        let output = temporaryPath("interrupted.safetensors")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let run = try CommandRun.digits(["train", "--hidden", "32", "--epochs", "50", "--output", output],
                                        interruptAfter: "epoch 1/50")
        #expect(run.status == 130, "\(run.stderr)")
        #expect(run.stderr.contains("stopped after"))
        let model = try ModelFile.load(path: output)
        #expect(model.network.parameters.allSatisfy { $0.isFinite })
        #expect(Int(model.metadata["epochs"] ?? "") ?? 0 >= 1)
    }
}

@Suite("Command line: eval --drawn")
struct DrawnEvaluationCommandTests {
    static let fixture = DigitsBinary.packageRoot.appendingPathComponent("Tests/Fixtures/drawn-digits/drawn-digits.json").path

    /// The JSON report gives the numbers the test harness computes in-process for the same
    /// set and model: the replay is the Draw screen's, not a second one.
    @Test func jsonMatchesTheHarness() throws {
        let model = try #require(DigitsBinary.shippedModel, "the shipped model is missing")
        let run = try CommandRun.digits(["eval", "--drawn", Self.fixture, "--model", model, "--json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let expected = try DrawnDigitsEvaluation.evaluate(try DrawnDigitSet.load(path: Self.fixture),
                                                          with: try ModelFile.load(path: model).network)
        let accuracy = try #require(object["accuracy"] as? Double)
        #expect(abs(accuracy - (expected.tally().accuracy ?? -1)) < 1e-12)
        let digits = try #require(object["per_digit"] as? [[String: Any]])
        #expect(digits.count == 10)
        for row in digits {
            let digit = try #require(row["digit"] as? Int)
            #expect(row["correct"] as? Int == expected.tally(digit: digit).correct)
            #expect(row["count"] as? Int == expected.tally(digit: digit).total)
        }
        let writers = try #require(object["per_writer"] as? [[String: Any]])
        #expect(writers.count == expected.writers.count)
        #expect(run.stdout.split(separator: "\n").count == 1, "one line of JSON")
    }

    @Test func textReportAndBadSets() throws {
        let model = try #require(DigitsBinary.shippedModel, "the shipped model is missing")
        let text = try CommandRun.digits(["eval", "--drawn", Self.fixture, "--model", model])
        #expect(text.status == 0)
        #expect(text.stdout.contains("By digit:"))
        #expect(text.stdout.contains("By writer:"))
        let truncated = temporaryPath("truncated.json")
        defer { try? FileManager.default.removeItem(atPath: truncated) }
        let bytes = try #require(FileManager.default.contents(atPath: Self.fixture))
        #expect(FileManager.default.createFile(atPath: truncated, contents: bytes.prefix(300)))
        for path in [truncated, "/nonexistent/set.json"] {
            let bad = try CommandRun.digits(["eval", "--drawn", path, "--model", model])
            #expect(bad.status == 1)
            #expect(bad.errorLines.count == 1, "\(bad.stderr)")
            #expect(bad.errorLines.first?.hasPrefix("digits: \(path): ") == true, "\(bad.stderr)")
            #expect(bad.stdout.isEmpty)
        }
    }
}
