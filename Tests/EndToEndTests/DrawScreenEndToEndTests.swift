import DigitsCore
import Foundation
import Testing

/// The real `digits` binary in tmux: mouse drawing with SGR reports, keyboard drawing, resize,
/// the too-small message, help, and a working shell after quitting by key or by signal.
@Suite("Draw screen in tmux", .enabled(if: TmuxSession.isAvailable, "tmux is not installed"),
       .serialized)
struct DrawScreenEndToEndTests {
    /// Starts `digits draw` in a shell inside a new tmux session and waits for the screen.
    func start(width: Int = 100, height: Int = 30, model: String? = nil) throws -> TmuxSession {
        let binary = try #require(DigitsBinary.path, "no digits binary found: run `swift build` first")
        let session = try TmuxSession(width: width, height: height)
        var command = DigitsBinary.quoted(binary) + " draw"
        if let model { command += " --model " + DigitsBinary.quoted(model) }
        try session.run(command + "; echo \"exit-status-$?\"")
        let screen = try session.waitFor { $0.contains("Probabilities") }
        #expect(screen.contains("Probabilities"), "the Draw screen did not appear:\n\(screen)")
        return session
    }

    /// The canvas cells of a "1": a vertical stroke, in 1-based columns and rows.
    let verticalStroke = (5...22).map { (14, $0) }

    @Test func mouseDrawingUpdatesBarsAndPrediction() throws {
        let model = try DigitsBinary.writeRandomModel()
        let session = try start(model: model)
        defer { session.close() }
        let empty = try session.capture()
        #expect(ScreenReading.probabilities(in: empty) == nil)
        #expect(empty.contains("random.safetensors"))
        // While running, the pane has button-event mouse tracking in SGR format.
        #expect(try session.display("#{mouse_button_flag}#{mouse_sgr_flag}#{alternate_on}") == "111")

        try session.drag(through: verticalStroke)
        let first = try session.waitForStable { $0.contains("% sure") && ScreenReading.probabilities(in: $0) != nil }
        let firstBars = try #require(ScreenReading.probabilities(in: first), "no bars after drawing:\n\(first)")
        let total = firstBars.values.reduce(0, +)
        #expect(abs(total - 100) <= 5, "percentages add up to \(total)")
        #expect(first.contains("█"), "no ink on the canvas:\n\(first)")

        // A second stroke changes what the network sees, so the bars move.
        try session.drag(through: (6...30).map { ($0, 12) })
        // Throws, showing the screen, if the bars stay as they were.
        try session.waitForStable { ScreenReading.probabilities(in: $0) != firstBars }

        // Undo brings the first reading back.
        try session.send(keys: "u")
        try session.waitFor { ScreenReading.probabilities(in: $0) == firstBars }
        try session.send(keys: "q")
    }

    @Test("a model not sure of the drawing says so in the prediction panel, the bars still there")
    func notSureThisIsADigit() throws {
        // reject_below 1: no answer of a random network reaches it.
        let session = try start(model: try DigitsBinary.writeRandomModel(rejectBelow: 1))
        defer { session.close() }
        try session.drag(through: verticalStroke)
        let screen = try session.waitForStable { $0.contains("not sure this") }
        #expect(screen.contains("best guess"), "\(screen)")
        #expect(!screen.contains("% sure"))
        #expect(ScreenReading.probabilities(in: screen) != nil, "the bars stay:\n\(screen)")
        try session.send(keys: "q")
    }

    @Test func barsMoveDuringADragBeforeRelease() throws {
        let session = try start(model: try DigitsBinary.writeRandomModel())
        defer { session.close() }
        try session.send(literal: "\u{1b}[<0;14;5M")
        let pressed = try session.waitFor { ScreenReading.probabilities(in: $0) != nil }
        let atPress = try #require(ScreenReading.probabilities(in: pressed))
        for row in 6...20 { try session.send(literal: "\u{1b}[<32;14;\(row)M") }
        // Throws if the bars wait for the release.
        try session.waitFor { ScreenReading.probabilities(in: $0) != atPress }
        try session.send(literal: "\u{1b}[<0;14;20m")
        try session.send(keys: "q")
    }

    @Test func keyboardDrawingWithThePen() throws {
        let session = try start(model: try DigitsBinary.writeRandomModel())
        defer { session.close() }
        try session.send(keys: "p")
        let penDown = try session.waitFor { $0.contains("pen down") }
        #expect(penDown.contains("p lift pen"), "status line should follow the pen:\n\(penDown)")
        for _ in 0..<12 { try session.send(keys: "j") }
        try session.send(keys: "Right", "Right", "Right", "Right")
        try session.send(keys: "p")
        let drawn = try session.waitFor { $0.contains("% sure") && !$0.contains("pen down") }
        #expect(ScreenReading.probabilities(in: drawn) != nil, "no bars after keyboard drawing:\n\(drawn)")
        #expect(drawn.contains("█"))
        try session.send(keys: "c")
        let cleared = try session.waitForStable { ScreenReading.probabilities(in: $0) == nil && $0.contains("draw a digit") }
        #expect(cleared.contains("draw a digit"))
        try session.send(keys: "q")
    }

    @Test func resizeRelaysOutAndTooSmallShowsAMessage() throws {
        let session = try start(model: try DigitsBinary.writeRandomModel())
        defer { session.close() }
        try session.drag(through: verticalStroke)
        try session.waitFor { $0.contains("% sure") }

        try session.resize(width: 160, height: 48)
        let large = try session.waitFor { $0.split(separator: "\n").first.map { $0.count > 140 } ?? false }
        let lines = large.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 48)
        #expect(lines.first.map { $0.count > 140 } == true, "header not stretched:\n\(large)")
        // The drawing survives, rescaled, and the bars stay.
        #expect(ScreenReading.probabilities(in: large) != nil)
        #expect(large.contains("Rescaled to the new size."))

        try session.resize(width: 60, height: 20)
        let small = try session.waitFor { $0.contains("Terminal too small") }
        #expect(small.contains("Terminal too small: need 80x24, have 60x20"))

        try session.resize(width: 100, height: 30)
        let back = try session.waitFor { $0.contains("Probabilities") }
        #expect(ScreenReading.probabilities(in: back) != nil)
        try session.send(keys: "q")
    }

    @Test func helpOverlayAndScreenSwitching() throws {
        let session = try start(model: try DigitsBinary.writeRandomModel())
        defer { session.close() }
        try session.send(keys: "?")
        let help = try session.waitFor { $0.contains("undo the last stroke") }
        #expect(help.contains("Keys"))
        #expect(help.contains("right drag, ctrl-drag"))
        try session.send(keys: "?")
        try session.waitFor { !$0.contains("undo the last stroke") }
        try session.send(keys: "2")
        let train = try session.waitFor { $0.contains("Settings: fast recipe") }
        #expect(train.contains("Settings: fast recipe"), "the Train screen did not appear:\n\(train)")
        try session.send(keys: "Tab")
        let browse = try session.waitFor { $0.contains("┌ Browse") || $0.contains("Mistakes") || $0.contains("Evaluating") }
        #expect(browse.contains("Browse") || browse.contains("Mistakes"), "the Browse screen did not appear:\n\(browse)")
        try session.send(keys: "1")
        let draw = try session.waitFor { $0.contains("Probabilities") }
        #expect(draw.contains("Canvas"))
        try session.send(keys: "q")
    }

    @Test func quittingLeavesAWorkingShell() throws {
        let session = try start(model: try DigitsBinary.writeRandomModel())
        defer { session.close() }
        try session.send(keys: "q")
        let after = try session.waitFor { $0.contains(/exit-status-[0-9]/) }
        #expect(after.contains("exit-status-0"))
        // Back on the normal screen, mouse tracking off, and the shell echoes and runs commands.
        #expect(try session.display("#{alternate_on}#{mouse_any_flag}#{mouse_button_flag}#{mouse_sgr_flag}") == "0000")
        try session.run("echo ok-$((6*7))")
        let shell = try session.waitFor { $0.contains("ok-42") }
        #expect(shell.contains("echo ok-$((6*7))"), "typed command not echoed:\n\(shell)")
        #expect(shell.contains("\nok-42"))
    }

    @Test func controlCQuitsCleanly() throws {
        let session = try start(model: try DigitsBinary.writeRandomModel())
        defer { session.close() }
        try session.send(keys: "C-c")
        let after = try session.waitFor { $0.contains(/exit-status-[0-9]/) }
        #expect(after.contains("exit-status-0"))
        #expect(try session.display("#{alternate_on}#{mouse_button_flag}") == "00")
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let session = try start(model: try DigitsBinary.writeRandomModel())
        defer { session.close() }
        let shell = try session.display("#{pane_pid}")
        let children = try TmuxSession.execute(["pgrep", "-P", shell, "digits"])
        let pid = try #require(Int32(children.output.split(separator: "\n").first ?? ""), "no digits process")
        kill(pid, SIGTERM)
        let after = try session.waitFor { $0.contains(/exit-status-[0-9]/) }
        #expect(after.contains("exit-status-143"))
        #expect(try session.display("#{alternate_on}#{mouse_button_flag}#{mouse_sgr_flag}") == "000")
        try session.run("echo ok-$((6*7))")
        try session.waitFor { $0.contains("\nok-42") }
    }

    @Test func refusesToRunWithoutATerminal() throws {
        let binary = try #require(DigitsBinary.path, "no digits binary found: run `swift build` first")
        let result = try TmuxSession.execute([binary, "draw"])
        #expect(result.status == 1)
        #expect(result.output.hasPrefix("digits: "))
        #expect(result.output.split(separator: "\n").count == 1)
    }

    // MARK: With the shipped model

    @Test(.enabled(if: DigitsBinary.shippedModel != nil, "Assets/default-model.safetensors not trained yet"))
    func shippedModelReadsAOne() throws {
        let session = try start()
        defer { session.close() }
        try session.drag(through: verticalStroke)
        let screen = try session.waitForStable { $0.contains("% sure") }
        #expect(ScreenReading.prediction(in: screen) == 1, "a vertical stroke should read as 1:\n\(screen)")
        try session.send(keys: "q")
    }

    @Test(.enabled(if: DigitsBinary.shippedModel != nil, "Assets/default-model.safetensors not trained yet"))
    func shippedModelReadsAZero() throws {
        let session = try start()
        defer { session.close() }
        // An ellipse about 14 cells wide and 18 rows high, centred on the canvas.
        let points = stride(from: 0.0, through: 2 * Double.pi + 0.3, by: 0.2).map { angle in
            (Int((14 + 7 * sin(angle)).rounded()), Int((14 - 9 * cos(angle)).rounded()))
        }
        try session.drag(through: points)
        let screen = try session.waitForStable { $0.contains("% sure") }
        #expect(ScreenReading.prediction(in: screen) == 0, "an ellipse should read as 0:\n\(screen)")
        try session.send(keys: "q")
    }

    @Test(.enabled(if: DigitsBinary.shippedModel != nil, "Assets/default-model.safetensors not trained yet"))
    func shippedModelReadsASmallSevenOnABigCanvas() throws {
        // A 7 a quarter of the canvas high, in its corner, at 160x50: the default brush makes it
        // a blob on screen, and the network reads it painted again with MNIST's stroke width.
        let session = try start(width: 160, height: 50)
        defer { session.close() }
        let bar = (12...20).map { ($0, 8) }
        let stem = (1...12).map { (20 - $0 / 2, 8 + $0) }
        try session.drag(through: bar + stem)
        let screen = try session.waitForStable { $0.contains("% sure") }
        #expect(ScreenReading.prediction(in: screen) == 7, "a small 7 should read as 7:\n\(screen)")
        try session.send(keys: "q")
    }
}

/// The inside view in the real binary with the shipped model: its layer sizes show, and the
/// view follows the drawing.
extension DrawScreenEndToEndTests {
    @Test func pressingIShowsTheLayersAndFollowsTheDrawing() throws {
        let model = try #require(DigitsBinary.shippedModel, "the shipped model is missing")
        let loaded = try ModelFile.load(path: model)
        let session = try start(width: 100, height: 40, model: model)
        defer { session.close() }
        try session.drag(through: (5...22).map { (14, $0) })
        try session.waitForStable { $0.contains("% sure") }
        try session.send(keys: "i")
        let first = try session.waitForStable { $0.contains("Evidence for") && $0.contains("logit of") }
        for (index, size) in loaded.network.hiddenSizes.enumerated() {
            #expect(first.contains("hidden \(index + 1) · \(size) units"), "layer \(index + 1) missing:\n\(first)")
        }
        try session.drag(through: (6...26).map { ($0, 12) })
        try session.waitForStable { $0 != first && $0.contains("logit of") }
        try session.send(keys: ".")
        try session.waitFor { $0.contains("(reads ") }
        try session.send(keys: "q")
    }
}

extension DrawScreenEndToEndTests {
    /// `s` then a digit writes the drawing to the --drawn file, which `digits eval --drawn` reads;
    /// a file that is not a set is left as it was.
    @Test func labelledDrawingsGoToTheFileAndANonSetIsLeftAlone() throws {
        let binary = try #require(DigitsBinary.path, "no digits binary found: run `swift build` first")
        let file = temporaryPath("my-drawings.json")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let session = try TmuxSession(width: 80, height: 24)
        defer { session.close() }
        try session.run(DigitsBinary.quoted(binary) + " draw --drawn " + DigitsBinary.quoted(file))
        try session.waitFor { $0.contains("s, digit: save it labelled") }
        try session.drag(through: verticalStroke)
        try session.waitForStable { $0.contains("% sure") }
        try session.send(keys: "s")
        try session.waitFor { $0.contains("0-9 label the drawing") }
        try session.send(keys: "1")
        try session.waitFor { $0.contains("my drawings: 1,") }
        let set = try DigitsCore.DrawnDigitSet.load(path: file)
        #expect(set.drawings.map(\.label) == [1])
        try session.send(keys: "q")

        // A file that is not a set: the drawing goes to a new file in the data directory, and
        // the exit note says where.
        try Data("not a set".utf8).write(to: URL(fileURLWithPath: file))
        let data = temporaryPath("xdg")
        defer { try? FileManager.default.removeItem(atPath: data) }
        try session.run("clear; XDG_DATA_HOME=" + DigitsBinary.quoted(data) + " " + DigitsBinary.quoted(binary)
                        + " draw --drawn " + DigitsBinary.quoted(file))
        try session.waitFor { $0.contains("Probabilities") }
        try session.drag(through: verticalStroke)
        try session.waitForStable { $0.contains("% sure") }
        try session.send(keys: "s", "1")
        try session.waitFor { $0.contains("my drawings: 1,") }
        try session.send(keys: "q")
        try session.waitFor { $0.contains("Labelled drawings were saved to") }
        let recovered = try FileManager.default.contentsOfDirectory(atPath: data + "/digits")
        #expect(recovered.count == 1 && recovered[0].hasPrefix("recovered-drawings-"))
        #expect(try DigitsCore.DrawnDigitSet.load(path: data + "/digits/" + recovered[0]).drawings.count == 1)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "not a set")
    }
}

/// Numbers: two digits drawn side by side with the mouse are read apart, and the keyboard
/// cursor picks the digit the bars show.
@Suite("Draw screen in tmux: numbers", .enabled(if: TmuxSession.isAvailable, "tmux is not installed"), .serialized)
struct DrawNumberEndToEndTests {
    @Test(.enabled(if: DigitsBinary.shippedModel != nil, "Assets/default-model.safetensors not trained yet"))
    func twoDigitsSideBySideReadAsTheNumber() throws {
        let binary = try #require(DigitsBinary.path, "no digits binary found: run `swift build` first")
        let session = try TmuxSession(width: 100, height: 30)
        defer { session.close() }
        try session.run(DigitsBinary.quoted(binary) + " draw; echo \"exit-status-$?\"")
        try session.waitFor { $0.contains("Probabilities") }
        // A 1 on the left, then a 7 on the right (its bar, then its stem), a wide gap between.
        try session.drag(through: (5...22).map { (8, $0) })
        // As a person would, the second digit starts once the first shows as read.
        try session.waitForStable { $0.contains("% sure") }
        try session.drag(through: (22...34).map { ($0, 5) } + (1...17).map { (34 - $0 / 2, 5 + $0) })
        let screen = try session.waitForStable { $0.contains("Reads ") }
        #expect(screen.contains("Reads 17"), "a 1 and a 7 side by side should read as 17:\n\(screen)")
        // The bars are the last digit drawn, the one under the pointer.
        #expect(screen.contains("Digit 2 of 2"), "\(screen)")
        #expect(ScreenReading.prediction(in: screen) == 7, "\(screen)")
        // The keyboard cursor moved onto the 1 shows the 1's bars.
        try session.send(keys: "H", "H", "H", "H")
        let first = try session.waitForStable { $0.contains("Digit 1 of 2") }
        #expect(ScreenReading.prediction(in: first) == 1, "\(first)")
        #expect(first.contains("Reads 17"))
        try session.send(keys: "q")
        try session.waitFor { $0.contains("exit-status-0") }
    }
}
