import DigitsCore
import Testing
@testable import DigitsTUI

@Suite("Draw screen: update")
struct DrawUpdateTests {
    let size = Size(width: 80, height: 24)

    func makeApp(_ model: DrawModel? = nil) throws -> App {
        App.digits(model: try model ?? randomModel(), size: size, capabilities: .full)
    }

    /// Total ink on the canvas.
    func ink(_ screen: DrawScreen) -> Float { screen.canvas.pixels.reduce(0, +) }

    @Test func aMouseDragIsOneContinuousStroke() throws {
        var app = try makeApp()
        let layout = try app.draw.layout
        #expect(layout.canvas == Rect(x: 1, y: 2, width: 28, height: 20))
        // Jumps of several cells between reports must still leave no gap.
        app.send(drag([(10, 4), (10, 9), (10, 14), (10, 19)]))
        let screen = try app.draw
        #expect(screen.history.operations.count == 1)
        #expect(screen.activeStroke == nil)
        guard case .stroke(let stroke) = screen.history.operations.first else {
            Issue.record("expected a stroke"); return
        }
        #expect(stroke.points.count == 4)
        #expect(!stroke.erasing)
        // Every screen pixel along the path is inked.
        let pixels = screen.screenPixels
        for y in 5...35 {
            #expect(pixels[9, y] > 0.9, "gap at screen pixel row \(y)")
        }
        #expect(screen.networkInput?.count == 784)
        #expect(screen.probabilities?.count == 10)
        #expect(screen.prediction != nil)
    }

    @Test func barsFollowEveryMouseMoveNotOnlyTheRelease() throws {
        var app = try makeApp()
        app.send([.mouse(MouseEvent(.press, .left, x: 8, y: 4))])
        let atPress = try app.draw.probabilities
        #expect(atPress != nil)
        app.send([.mouse(MouseEvent(.drag, .unknown, x: 20, y: 12))])
        let midStroke = try app.draw
        #expect(midStroke.activeStroke != nil)
        #expect(midStroke.probabilities != atPress)
        app.send([.mouse(MouseEvent(.drag, .unknown, x: 8, y: 19))])
        #expect(try app.draw.probabilities != midStroke.probabilities)
    }

    @Test func rightButtonAndControlDragErase() throws {
        var app = try makeApp()
        app.send(drag(verticalLine(x: 10, from: 4, to: 18)))
        let before = ink(try app.draw)
        app.send(drag([(4, 11), (25, 11)], button: .right))
        let afterRight = ink(try app.draw)
        #expect(afterRight < before)
        app.send(drag([(4, 7), (25, 7)], modifiers: .control))
        #expect(ink(try app.draw) < afterRight)
        let strokes = try app.draw.history.visibleStrokes
        #expect(strokes.map(\.erasing) == [false, true, true])
    }

    @Test func undoAndRedoGoStrokeByStroke() throws {
        var app = try makeApp()
        app.send(drag(verticalLine(x: 10, from: 4, to: 18)))
        let one = try app.draw.canvas
        app.send(drag([(5, 10), (20, 10)]))
        let two = try app.draw.canvas
        #expect(one != two)
        app.type("u")
        #expect(try app.draw.canvas == one)
        app.type("u")
        #expect(try app.draw.canvas.isEmpty)
        #expect(try app.draw.probabilities == nil)
        app.type("u")
        #expect(try app.draw.note == "Nothing to undo.")
        app.type("r")
        #expect(try app.draw.canvas == one)
        app.send([.key(.control("r"))])
        #expect(try app.draw.canvas == two)
        app.type("r")
        #expect(try app.draw.note == "Nothing to redo.")
        // A new stroke after an undo drops what could have been redone.
        app.type("u")
        app.send(drag([(3, 3), (6, 6)]))
        #expect(!(try app.draw.history.canRedo))
    }

    @Test func clearIsUndoable() throws {
        var app = try makeApp()
        app.send(drag(verticalLine(x: 10, from: 4, to: 18)))
        let drawn = try app.draw.canvas
        app.type("c")
        #expect(try app.draw.canvas.isEmpty)
        #expect(try app.draw.networkInput == nil)
        app.type("c")
        #expect(try app.draw.note == "The canvas is already clear.")
        app.type("u")
        #expect(try app.draw.canvas == drawn)
    }

    @Test func cursorMovesWithArrowsAndHjklAndStaysOnTheCanvas() throws {
        var app = try makeApp()
        let start = try app.draw.cursor
        #expect(start == CursorPosition(x: 14, y: 20))
        #expect(!(try app.draw.showsCursor))
        app.type("l")
        app.send([.key(.right), .key(.down)])
        app.type("jk")
        app.send([.key(.up), .key(.left)])
        app.type("h")
        #expect(try app.draw.cursor == start)
        #expect(try app.draw.showsCursor)
        app.type("ll")
        #expect(try app.draw.cursor.x == 16)
        app.type("L")
        #expect(try app.draw.cursor.x == 20)
        app.send([.key(.shiftDown)])
        #expect(try app.draw.cursor.y == 24)
        app.type(String(repeating: "H", count: 20))
        app.type(String(repeating: "K", count: 20))
        #expect(try app.draw.cursor == CursorPosition(x: 0, y: 0))
        app.type(String(repeating: "L", count: 20))
        app.type(String(repeating: "J", count: 20))
        #expect(try app.draw.cursor == CursorPosition(x: 27, y: 39))
        // Moving with the pen up leaves no ink.
        #expect(try app.draw.canvas.isEmpty)
    }

    @Test func spacePaintsAndXErasesADot() throws {
        var app = try makeApp()
        app.type(" ")
        let screen = try app.draw
        #expect(screen.history.operations.count == 1)
        #expect(screen.screenPixels[14, 20] > 0.9)
        #expect(screen.probabilities != nil)
        app.type("x")
        #expect(try app.draw.screenPixels[14, 20] < 0.1)
        #expect(try app.draw.history.operations.count == 2)
    }

    @Test func penDownDrawsLinesAsOneStroke() throws {
        var app = try makeApp()
        app.type("p")
        #expect(try app.draw.pen == .drawing)
        app.type("jjjjjjjjjj")
        #expect(try app.draw.activeStroke != nil)
        app.type("p")
        let screen = try app.draw
        #expect(screen.pen == .up)
        #expect(screen.history.operations.count == 1)
        for y in 20...30 { #expect(screen.screenPixels[14, y] > 0.9) }
        // With the pen up, moving draws nothing more.
        app.type("llll")
        #expect(try app.draw.canvas == screen.canvas)
        // The eraser pen takes ink away along its path: from (14, 26) down to (14, 30).
        app.type("hhhhkkkk")
        app.type("e")
        app.type("jjjj")
        app.send([.key(.escape)])
        let erased = try app.draw
        #expect(erased.pen == .up)
        #expect(erased.history.visibleStrokes.last?.erasing == true)
        #expect(erased.screenPixels[14, 28] < 0.1)
        #expect(erased.screenPixels[14, 22] > 0.9)
    }

    @Test func brushSizeChangesWithinLimits() throws {
        var app = try makeApp()
        let level = try app.draw.brushLevel
        let radius = try app.draw.brushRadius
        app.type("]")
        #expect(try app.draw.brushLevel == level + 1)
        #expect(try app.draw.brushRadius > radius)
        app.type("[-")
        #expect(try app.draw.brushLevel == level - 1)
        app.type(String(repeating: "[", count: 10))
        #expect(try app.draw.brushLevel == 0)
        #expect(try app.draw.note == "Smallest brush.")
        app.type(String(repeating: "+", count: 10))
        #expect(try app.draw.brushLevel == BrushSize.factors.count - 1)
        app.send([.mouse(MouseEvent(.press, .wheelDown, x: 10, y: 10))])
        #expect(try app.draw.brushLevel == BrushSize.factors.count - 2)
        // A thicker brush lays down more ink for the same path.
        var thin = try makeApp(), thick = try makeApp()
        thin.type("[[")
        thick.type("]]")
        thin.send(drag(verticalLine(x: 10, from: 4, to: 18)))
        thick.send(drag(verticalLine(x: 10, from: 4, to: 18)))
        #expect(ink(try thick.draw) > 1.5 * ink(try thin.draw))
    }

    @Test func pressesOutsideTheCanvasDoNotDraw() throws {
        var app = try makeApp()
        app.send(drag([(50, 10), (52, 12)]))
        #expect(try app.draw.history.operations.isEmpty)
        // A stroke that leaves the canvas carries on (clipped) until released.
        app.send(drag([(20, 10), (45, 10), (46, 10)]))
        #expect(try app.draw.history.operations.count == 1)
    }

    @Test func resizeKeepsTheDrawingScaledToTheNewCanvas() throws {
        var app = try makeApp()
        app.send(drag(verticalLine(x: 10, from: 4, to: 18)))
        let before = try app.draw
        let inputBefore = try #require(before.networkInput)
        app.send([.resize(Size(width: 160, height: 48))])
        let after = try app.draw
        #expect(after.layout.canvas.height > before.layout.canvas.height)
        #expect(after.canvas.width == after.layout.geometry.canvasPixelWidth)
        #expect(after.note == "Rescaled to the new size.")
        // The network sees nearly the same image: preprocessing normalises size and position.
        let inputAfter = try #require(after.networkInput)
        let difference = zip(inputBefore, inputAfter).map { abs($0 - $1) }.reduce(0, +) / 784
        #expect(difference < 0.05)
        // Passing through a too-small size and back does not shrink the drawing.
        app.send([.resize(Size(width: 40, height: 10)), .resize(Size(width: 160, height: 48))])
        #expect(try app.draw.canvas == after.canvas)
    }

    @Test func worksWithoutAModel() throws {
        var app = App.digits(model: nil, modelProblem: "no model file", size: size, capabilities: .full)
        app.send(drag(verticalLine(x: 10, from: 4, to: 18)))
        let screen = try app.draw
        #expect(screen.networkInput != nil)
        #expect(screen.probabilities == nil)
        let text = app.render().text
        #expect(text.contains("No model loaded."))
        #expect(text.contains("no model file"))
    }
}

/// The inside view's keys: `i` shows it and explains the reading, `,` and `.` ask about other
/// digits, and its probabilities are the bars'.
@Suite("Draw screen: inside view")
struct DrawInsideTests {
    @Test func insideFollowsTheDrawingAndTheAskedDigit() throws {
        var app = App.digits(model: try randomModel(), size: Size(width: 80, height: 24), capabilities: .full)
        app.type("i")
        #expect(try app.draw.showsInside)
        #expect(try app.draw.explanation == nil, "nothing drawn, nothing to explain")
        app.send(ScreenStates.stroke)
        let shown = try #require(try app.draw.explanation)
        #expect(shown.digit == shown.prediction)
        #expect(shown.probabilities == (try app.draw.probabilities))
        #expect(shown.layers.map(\.size) == [32])

        app.type(".")
        #expect(try app.draw.explanation?.digit == (shown.prediction + 1) % 10)
        app.type(",,")
        #expect(try app.draw.explanation?.digit == (shown.prediction + 9) % 10)
        // A new stroke keeps the question; clearing starts over with the prediction.
        app.send(drag([(8, 8), (20, 8)]))
        #expect(try app.draw.explanation?.digit == (shown.prediction + 9) % 10)
        #expect(try app.draw.explanation?.evidence != shown.evidence)
        app.type("c")
        #expect(try app.draw.askedDigit == nil)

        app.type("i")
        #expect(try app.draw.explanation == nil && !app.draw.showsInside)
        app.type(".")
        #expect(try app.draw.note?.contains("Press i") == true)
    }
}

/// Labelling: `s` then a digit, or Enter, asks the runtime to save the drawing, clears the
/// canvas, and keeps the drawing until the runtime says it is written.
@Suite("Draw screen: labelling drawings")
struct DrawLabelTests {
    func makeApp() throws -> App {
        App.digits(model: try randomModel(), size: Size(width: 80, height: 24), capabilities: .full,
                   drawingsPath: "/data/my-drawings.json")
    }

    @Test func startReadsTheFileAndSThenADigitSavesIt() throws {
        var app = try makeApp()
        #expect(app.start().first == .loadDrawings(path: "/data/my-drawings.json"))
        app.send([.drawingsLoaded(path: "/data/my-drawings.json", .success(nil))])
        app.send(ScreenStates.stroke)
        #expect(app.update(.key(.character("s"))) == [])
        #expect(try app.draw.capturesKeyboard, "the digit must not switch screens")
        let effects = app.update(.key(.character("2")))
        guard case .saveDrawings(let path, let drawings)? = effects.first else {
            Issue.record("expected a save, got \(effects)"); return
        }
        #expect(path == "/data/my-drawings.json" && drawings.map(\.label) == [2])
        #expect(drawings[0].canvas == CellSize(columns: 28, rows: 20))
        #expect(drawings[0].strokes.first?.first == CellPoint(column: 13, row: 2))
        #expect(try app.draw.canvas.isEmpty)
        #expect(app.activeIndex == 0)
        #expect(try app.draw.unsaved.count == 1)
        // Undo brings the drawing back to the canvas, as any clear.
        app.type("u")
        #expect(try !app.draw.canvas.isEmpty)

        // A second drawing while the first is being written waits its turn.
        app.type("c")
        app.send(ScreenStates.stroke)
        #expect(app.update(.key(.enter)).isEmpty)
        #expect(try app.draw.unsaved.count == 2)
        let set = DrawnDigitSet(writers: [DrawingCollection.writer], drawings: drawings)
        let next = app.update(.drawingsSaved(path: path, set, count: 1))
        #expect(next.count == 1)
        #expect(try app.draw.unsaved.count == 1)
        #expect(try app.draw.drawingsSummary?.0.hasPrefix("my drawings: 2,") == true)
    }

    @Test func aFailedSaveKeepsTheDrawingAndSaysWhy() throws {
        var app = try makeApp()
        app.send(ScreenStates.stroke)
        _ = app.update(.key(.character("s")))
        _ = app.update(.key(.character("5")))
        let problem = DrawingCollectionError.cannotWrite(FileWriteError(path: "/data/my-drawings.json",
                                                                        problem: .cannotWrite(reason: "read-only")))
        app.send([.drawingsSaveFailed(path: "/data/my-drawings.json", problem)])
        #expect(try app.draw.unsaved.count == 1)
        #expect(try app.draw.note?.contains("read-only") == true)
        #expect(try app.draw.drawingsSummary?.1 == true)
    }

    @Test func aFileThatCannotBeUsedGivesWayToTheFallback() throws {
        var app = App.digits(model: try randomModel(), size: Size(width: 80, height: 24), capabilities: .full,
                             drawingsPath: "/data/my-drawings.json", fallbackDrawingsPath: "/data/recovered.json")
        app.send(ScreenStates.stroke)
        _ = app.update(.key(.character("s")))
        _ = app.update(.key(.character("4")))
        let problem = DrawingCollectionError.cannotWrite(FileWriteError(path: "/data/my-drawings.json",
                                                                        problem: .cannotWrite(reason: "disk full")))
        let retry = app.update(.drawingsSaveFailed(path: "/data/my-drawings.json", problem))
        guard case .saveDrawings(let path, let drawings)? = retry.first else {
            Issue.record("expected a retry at the fallback, got \(retry)"); return
        }
        #expect(path == "/data/recovered.json" && drawings.count == 1)
        #expect(try app.draw.isRescuing, "a signal now waits for the write")
        app.send([.drawingsSaved(path: path, DrawnDigitSet(writers: [DrawingCollection.writer], drawings: drawings), count: 1)])
        #expect(try app.draw.exitNotes == ["Labelled drawings were saved to /data/recovered.json: \(problem.description)"])
        #expect(try !app.draw.isRescuing)
    }

    @Test func savedDrawingsStayOnTheCanvasAndKeepThePenStroke() throws {
        var app = try makeApp()
        // A drag that runs off the canvas, over the border and the status line.
        app.send(drag([(14, 4), (14, 12), (14, 23), (40, 23)]))
        _ = app.update(.key(.character("s")))
        guard case .saveDrawings(_, let drawings)? = app.update(.key(.character("1"))).first else {
            Issue.record("expected a save"); return
        }
        let canvas = drawings[0].canvas
        #expect(drawings[0].strokes.joined().allSatisfy(canvas.contains))
        #expect(throws: Never.self) {
            _ = try DrawnDigitSet.decode(DrawnDigitSet(writers: [DrawingCollection.writer],
                                                       drawings: drawings.map { var d = $0; d.id = "x"; return d }).encoded(),
                                         path: "check.json")
        }

        // The keyboard pen's stroke, still being drawn, is part of the drawing.
        var pen = try makeApp()
        pen.type("pjjjjjjjj")
        _ = pen.update(.key(.character("s")))
        guard case .saveDrawings(_, let penDrawings)? = pen.update(.key(.character("1"))).first else {
            Issue.record("expected the pen's stroke to be saved"); return
        }
        #expect(penDrawings[0].strokes.count == 1 && penDrawings[0].strokes[0].count > 1)
        #expect(try pen.draw.pen == .up)
    }

    @Test func erasedDrawingsAreNotSaved() throws {
        var app = try makeApp()
        app.send(ScreenStates.stroke)
        app.send(drag([(14, 8), (14, 12)], button: .right))
        _ = app.update(.key(.character("s")))
        #expect(try app.draw.note?.contains("Erased") == true && !app.draw.labelling)
    }

    @Test func escapeOrAnotherKeyCancels() throws {
        var app = try makeApp()
        app.send(ScreenStates.stroke)
        _ = app.update(.key(.character("s")))
        #expect(app.update(.key(.escape)).isEmpty)
        #expect(try !app.draw.labelling && !app.draw.canvas.isEmpty)
    }
}
