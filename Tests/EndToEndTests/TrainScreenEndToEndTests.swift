import DigitsCore
import Foundation
import Testing

/// The Train screen of the real binary in tmux, training on the real MNIST files: the form,
/// live progress, pause, resume, stop, save, the saved model on Draw, and quitting mid-training.
@Suite("Train screen in tmux",
       .enabled(if: TmuxSession.isAvailable, "tmux is not installed"),
       // Needs the real MNIST files; CI sets DIGITS_DATA. Skipped here when it is unset.
       .enabled(if: ProcessInfo.processInfo.environment["DIGITS_DATA"] != nil,
                "DIGITS_DATA not set: the Train screen tests need the MNIST files"),
       .serialized)
struct TrainScreenEndToEndTests {
    let data = ProcessInfo.processInfo.environment["DIGITS_DATA"] ?? ""

    /// The "Batch n/N" number on the screen.
    static func batch(in screen: String) -> Int? {
        guard let match = screen.firstMatch(of: /Batch (\d+)\/\d+/) else { return nil }
        return Int(match.1)
    }

    /// The "Epoch n of N" number on the screen.
    static func epoch(in screen: String) -> Int? {
        guard let match = screen.firstMatch(of: /Epoch (\d+) of \d+/) else { return nil }
        return Int(match.1)
    }

    static func temporaryModelPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("train-e2e-\(UUID().uuidString.prefix(8)).safetensors").path
    }

    /// Sends `text` one key at a time, as a user types it into a field.
    func type(_ text: String, into session: TmuxSession) throws {
        try session.send(literal: text)
    }

    @Test func trainPauseResumeStopSaveAndUseOnDraw() throws {
        let binary = try #require(DigitsBinary.path, "no digits binary found: run `swift build` first")
        let output = Self.temporaryModelPath()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let session = try TmuxSession(width: 100, height: 30)
        defer { session.close() }
        try session.run("DIGITS_DATA=\(DigitsBinary.quoted(data)) \(DigitsBinary.quoted(binary)) draw --model "
                        + DigitsBinary.quoted(try DigitsBinary.writeRandomModel()) + "; echo \"exit-status-$?\"")
        try session.waitFor { $0.contains("Probabilities") }
        try session.send(keys: "2")
        let form = try session.waitFor { $0.contains("Settings: fast recipe") }
        #expect(form.contains("Press s to train"), "no intro:\n\(form)")
        #expect(form.contains("Draw uses: random.safetensors"))

        // Hidden sizes 32 (the first field), epochs 20 (the test stops it long before), and a file
        // of our own.
        try session.send(keys: "Enter", "BSpace", "BSpace", "BSpace")
        try type("32", into: session)
        try session.send(keys: "Enter")
        for _ in 0..<5 { try session.send(keys: "Down") }
        try session.send(keys: "Enter", "BSpace")
        try type("20", into: session)
        try session.send(keys: "Enter")
        for _ in 0..<3 { try session.send(keys: "Down") }
        try session.send(keys: "Enter")
        for _ in 0..<30 { try session.send(keys: "BSpace") }
        try type(output, into: session)
        try session.send(keys: "Enter")
        let filled = try session.waitForStable { $0.contains("Hidden sizes 32") && $0.contains("Epochs       20") }
        #expect(filled.contains("Settings: custom"), "form not filled:\n\(filled)")

        // Start; the batch counter advances.
        try session.send(keys: "s")
        let first = try session.waitFor { $0.contains("Epoch 1 of 20") && (Self.batch(in: $0) ?? 0) > 0 }
        let firstBatch = try #require(Self.batch(in: first), "no batch counter:\n\(first)")
        let later = try session.waitFor { Self.batch(in: $0) != firstBatch }
        #expect(Self.batch(in: later) != firstBatch, "batches do not advance:\n\(later)")
        #expect(later.contains("samples/s"))

        // Pause: the counters hold still; resume: they move again.
        try session.send(keys: "Space")
        let paused = try session.waitForStable { $0.contains("Paused: space resumes") }
        #expect(paused.contains("Paused: space resumes"), "not paused:\n\(paused)")
        Thread.sleep(forTimeInterval: 1)
        let stillPaused = try session.capture()
        #expect(Self.batch(in: stillPaused) == Self.batch(in: paused), "batches ran while paused:\n\(stillPaused)")
        #expect(Self.epoch(in: stillPaused) == Self.epoch(in: paused))
        try session.send(keys: "Space")
        let resumed = try session.waitFor { !$0.contains("Paused") && Self.batch(in: $0) != Self.batch(in: paused) }
        #expect(Self.batch(in: resumed) != Self.batch(in: paused), "did not resume:\n\(resumed)")

        // After the first epoch: the chart, test accuracy and the first layer's weights.
        // The weights' caption comes with the first epoch's summary; the counter moves on with
        // the next batch, a moment later.
        let epoch2 = try session.waitFor(timeout: .seconds(120)) {
            $0.contains(/after epoch \d+/) && (Self.epoch(in: $0) ?? 0) >= 2
        }
        #expect((Self.epoch(in: epoch2) ?? 0) >= 2, "the epoch counter did not advance:\n\(epoch2)")
        #expect(epoch2.contains("loss (train)"))
        #expect(epoch2.contains(/test \d+\.\d% \(ep \d+\)/), "no test accuracy:\n\(epoch2)")
        #expect(epoch2.contains("│███"), "no chart bars:\n\(epoch2)")

        // Stop keeps the weights; save writes them; Draw reads with the saved file.
        try session.send(keys: "x")
        let stopped = try session.waitFor(timeout: .seconds(60)) { $0.contains("Stopped after") || $0.contains("Done:") }
        #expect(stopped.contains("weights kept"), "did not stop:\n\(stopped)")
        #expect(stopped.contains("Not saved"))
        try session.send(keys: "w")
        let name = String(output.split(separator: "/").last ?? "")
        let saved = try session.waitFor { $0.contains("Saved") && $0.contains("Draw uses: \(name)") }
        #expect(saved.contains("Draw uses: \(name)"), "not saved:\n\(saved)")
        let loaded = try ModelFile.load(path: output)
        #expect(loaded.network.architecture == "784-32-10")
        #expect((loaded.typedMetadata.epochs ?? 0) >= 1)
        try session.send(keys: "1")
        let draw = try session.waitFor { $0.contains("Probabilities") }
        #expect(draw.contains("model: \(name)"), "Draw does not use the saved model:\n\(draw)")

        // Nothing unsaved: q quits at once.
        try session.send(keys: "q")
        let after = try session.waitFor { $0.contains(/exit-status-[0-9]/) }
        #expect(after.contains("exit-status-0"))
    }

    @Test func digitsTrainOpensTheScreenAndQuittingMidTrainingAsks() throws {
        let binary = try #require(DigitsBinary.path, "no digits binary found: run `swift build` first")
        let output = Self.temporaryModelPath()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let session = try TmuxSession(width: 80, height: 24)
        defer { session.close() }
        try session.run("\(DigitsBinary.quoted(binary)) train --data \(DigitsBinary.quoted(data)) --hidden 32 --epochs 50 -o "
                        + DigitsBinary.quoted(output) + "; echo \"exit-status-$?\"")
        let running = try session.waitFor { $0.contains("Epoch 1 of 50") && (Self.batch(in: $0) ?? 0) > 0 }
        #expect(running.contains("Training 784-32-10"), "training did not start:\n\(running)")
        #expect(running.contains("Hidden sizes 32"))

        // q asks; n stays; q then y quits without saving, and the shell works.
        try session.send(keys: "q")
        let asked = try session.waitFor { $0.contains("Quit?") }
        #expect(asked.contains("Training is still running"), "no question:\n\(asked)")
        try session.send(keys: "n")
        try session.waitFor { !$0.contains("Quit?") }
        try session.send(keys: "q")
        try session.waitFor { $0.contains("Quit?") }
        try session.send(keys: "y")
        let after = try session.waitFor { $0.contains(/exit-status-[0-9]/) }
        #expect(after.contains("exit-status-0"), "exit:\n\(after)")
        #expect(try session.display("#{alternate_on}#{mouse_any_flag}") == "00")
        #expect(!FileManager.default.fileExists(atPath: output), "quitting must not save")
        try session.run("echo ok-$((6*7))")
        let shell = try session.waitFor { $0.contains("\nok-42") }
        #expect(shell.contains("\nok-42"))
    }

    @Test func noTUIKeepsPlainProgressInATerminal() throws {
        let binary = try #require(DigitsBinary.path, "no digits binary found: run `swift build` first")
        let output = Self.temporaryModelPath()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let session = try TmuxSession(width: 100, height: 30)
        defer { session.close() }
        try session.run("\(DigitsBinary.quoted(binary)) train --no-tui --data \(DigitsBinary.quoted(data)) --hidden 8 --epochs 1 -o "
                        + DigitsBinary.quoted(output) + "; echo \"exit-status-$?\"")
        let after = try session.waitFor(timeout: .seconds(120)) { $0.contains(/exit-status-[0-9]/) }
        #expect(after.contains("exit-status-0"), "exit:\n\(after)")
        #expect(after.contains("saved"), "no plain summary:\n\(after)")
        #expect(!after.contains("Settings"))
        #expect(FileManager.default.fileExists(atPath: output))
    }

    /// The pid of the `digits` process the session's shell started.
    func digitsProcess(in session: TmuxSession) throws -> Int32 {
        let shell = try session.display("#{pane_pid}")
        let children = try TmuxSession.execute(["pgrep", "-P", shell, "digits"])
        return try #require(Int32(children.output.split(separator: "\n").first ?? ""), "no digits process")
    }

    /// SIGTERM and SIGINT mid-training: the weights so far are written to the chosen file, the
    /// message says where, the terminal is restored and the exit status says which signal.
    @Test(arguments: [(SIGTERM, 143), (SIGINT, 130)])
    func aSignalMidTrainingSavesTheModelAndRestoresTheTerminal(signal: Int32, status: Int) throws {
        let binary = try #require(DigitsBinary.path, "no digits binary found: run `swift build` first")
        let output = Self.temporaryModelPath()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let session = try TmuxSession(width: 80, height: 24)
        defer { session.close() }
        try session.run("\(DigitsBinary.quoted(binary)) train --data \(DigitsBinary.quoted(data)) --hidden 32 --epochs 50 -o "
                        + DigitsBinary.quoted(output) + "; echo \"exit-status-$?\"")
        try session.waitFor(timeout: .seconds(60)) { (Self.epoch(in: $0) ?? 0) >= 2 }
        kill(try digitsProcess(in: session), signal)
        let after = try session.waitFor(timeout: .seconds(30)) { $0.contains(/exit-status-[0-9]/) }
        #expect(after.contains("exit-status-\(status)"), "exit:\n\(after)")
        #expect(after.contains("is saved in"), "no message:\n\(after)")
        #expect(try session.display("#{alternate_on}#{mouse_any_flag}") == "00")
        let loaded = try ModelFile.load(path: output)
        #expect(loaded.network.architecture == "784-32-10")
        #expect((loaded.typedMetadata.epochs ?? 0) >= 1)
        try session.run("echo ok-$((6*7))")
        #expect(try session.waitFor { $0.contains("\nok-42") }.contains("\nok-42"))
    }

    /// Closing the terminal (SIGHUP) mid-training: the chosen file already exists, so it is
    /// left alone and the weights go to a recovery file in the user's data directory.
    @Test func closingTheTerminalMidTrainingKeepsTheModelWithoutReplacingAFile() throws {
        let binary = try #require(DigitsBinary.path, "no digits binary found: run `swift build` first")
        let output = Self.temporaryModelPath()
        let dataHome = FileManager.default.temporaryDirectory.appendingPathComponent("train-e2e-data-\(UUID().uuidString.prefix(8))").path
        let errors = dataHome + "-stderr.txt"
        defer {
            for path in [output, dataHome, errors] { try? FileManager.default.removeItem(atPath: path) }
        }
        #expect(FileManager.default.createFile(atPath: output, contents: Data("keep me".utf8)))
        let session = try TmuxSession(width: 80, height: 24)
        defer { session.close() }
        try session.run("XDG_DATA_HOME=\(DigitsBinary.quoted(dataHome)) \(DigitsBinary.quoted(binary)) train --data "
                        + "\(DigitsBinary.quoted(data)) --hidden 32 --epochs 50 -o \(DigitsBinary.quoted(output)) 2>"
                        + DigitsBinary.quoted(errors))
        try session.waitFor(timeout: .seconds(60)) { (Self.epoch(in: $0) ?? 0) >= 2 }
        let pid = try digitsProcess(in: session)
        try session.killPane()
        // The process outlives its terminal only as long as it takes to save.
        let deadline = ContinuousClock.now + .seconds(30)
        while kill(pid, 0) == 0, ContinuousClock.now < deadline { usleep(50_000) }
        #expect(kill(pid, 0) != 0, "digits still running after its terminal closed")
        #expect(FileManager.default.contents(atPath: output) == Data("keep me".utf8), "an existing file was replaced")
        let recovered = try FileManager.default.contentsOfDirectory(atPath: dataHome + "/digits")
            .filter { $0.hasPrefix("recovered-model-") && $0.hasSuffix(".safetensors") }
        #expect(recovered.count == 1, "recovery files: \(recovered)")
        let path = dataHome + "/digits/" + (recovered.first ?? "")
        #expect(try ModelFile.load(path: path).network.architecture == "784-32-10")
        let message = String(decoding: FileManager.default.contents(atPath: errors) ?? Data(), as: UTF8.self)
        #expect(message.contains("is saved in \(path)"), "stderr: \(message)")
    }
}
