import DigitsCore
import Testing
@testable import DigitsTUI

/// Numbers on the Draw screen: digits side by side are read apart, the bars and the network
/// view follow the digit under the pointer, a single digit reads as it always did, and
/// labelling takes one digit at a time.
@Suite("Draw screen: numbers")
struct DrawNumberTests {
    func makeApp(drawingsPath: String? = nil) throws -> App {
        App.digits(model: try ScreenStates.numberModel(), size: ScreenStates.standard, capabilities: .full,
                   drawingsPath: drawingsPath)
    }

    @Test func digitsSideBySideAreReadApartLeftToRight() throws {
        var app = try makeApp()
        // The 2 first, then the 4 to its left: the reading still goes left to right.
        app.send(ScreenStates.two.flatMap { $0 })
        app.send(ScreenStates.four.flatMap { $0 })
        let screen = try app.draw
        #expect(screen.digits.count == 2)
        #expect(screen.reading == "42")
        #expect(screen.readings.map(\.prediction) == [4, 2])
        // The pointer is on the 4, drawn last: the bars and the network view are its.
        #expect(screen.shownDigit == 0)
        #expect(screen.networkInput == screen.digits[0].image)
        #expect(screen.probabilities == screen.readings[0].probabilities)
        #expect(screen.prediction == 4)
        let text = app.render().text
        #expect(text.contains("Reads 42"))
        #expect(text.contains("Digit 1 of 2"))
    }

    @Test func theKeyboardCursorPicksTheDigitShown() throws {
        var app = try makeApp()
        app.send(ScreenStates.fortyTwo)
        #expect(try app.draw.shownDigit == 1)
        // Four steps of four pixels left: from the 2's last point onto the 4.
        app.type("HHHH")
        #expect(try app.draw.shownDigit == 0)
        #expect(try app.draw.networkInput == app.draw.digits[0].image)
        #expect(try app.draw.prediction == 4)
        app.type("LLLL")
        #expect(try app.draw.shownDigit == 1)
        #expect(try app.draw.prediction == 2)
    }

    @Test func aSingleDigitReadsExactlyAsBefore() throws {
        var app = try makeApp()
        app.send(ScreenStates.four.flatMap { $0 })
        let screen = try app.draw
        #expect(screen.digits.count == 1)
        let strokes = screen.history.visibleStrokes.map { stroke in
            CanvasStroke(points: stroke.points.map(screen.layout.geometry.canvasPoint),
                         radius: screen.layout.geometry.canvasRadius(stroke.radius), erasing: stroke.erasing)
        }
        let input = try #require(screen.canvas.mnistImage(strokes: strokes))
        #expect(screen.networkInput == input)
        #expect(screen.probabilities == screen.model?.network.probabilities(for: input))
        let text = app.render().text
        #expect(text.contains("Prediction") && text.contains("Probabilities") && text.contains("What the network sees"))
        #expect(!text.contains("of 1"))
    }

    @Test func undoingTheSecondDigitLeavesOne() throws {
        var app = try makeApp()
        app.send(ScreenStates.fortyTwo)
        app.type("u")
        #expect(try app.draw.digits.count == 1)
        #expect(try app.draw.shownDigit == 0)
        #expect(try app.draw.reading == "4")
        app.type("r")
        #expect(try app.draw.reading == "42")
    }

    @Test func severalDigitsAreNotLabelledAsOne() throws {
        var app = try makeApp(drawingsPath: "/data/my-drawings.json")
        app.send([.drawingsLoaded(path: "/data/my-drawings.json", .success(nil))])
        app.send(ScreenStates.fortyTwo)
        #expect(app.update(.key(.character("s"))) == [])
        #expect(try !app.draw.labelling)
        #expect(try app.draw.note == "Several digits: label one at a time (c clears).")
        // Enter would save it as the shown digit's reading: refused the same way.
        #expect(app.update(.key(.enter)) == [])
        #expect(try app.draw.unsaved.isEmpty)
        // With the 2 undone, the 4 alone can be labelled.
        app.type("u")
        #expect(app.update(.key(.character("s"))) == [])
        let effects = app.update(.key(.character("4")))
        guard case .saveDrawings(_, let drawings)? = effects.first else {
            Issue.record("expected a save, got \(effects)"); return
        }
        #expect(drawings.map(\.label) == [4])
    }

    @Test func theInsideViewExplainsTheShownDigit() throws {
        var app = try makeApp()
        app.send(ScreenStates.fortyTwo)
        app.type("i")
        let screen = try app.draw
        #expect(screen.explanation?.trace.input == screen.digits[1].image)
        #expect(screen.explanation?.prediction == 2)
        #expect(app.render().text.contains("Digit 2 of 2"))
    }
}

/// `digits bench`'s number case really is three digits, each read on every move.
@Suite("Draw latency: the number case")
struct DrawLatencyNumberTests {
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 200, height: 60)])
    func theBenchmarkDrawsThreeDigits(size: Size) throws {
        var (app, point) = DrawLatency.prepared(model: try randomModel(), size: size, inside: false, number: true)
        #expect(try app.draw.digits.count == 2)
        let start = point(0)
        app.send([.mouse(MouseEvent(.press, .left, x: start.0, y: start.1))])
        for i in 1...60 { app.send([.mouse(MouseEvent(.drag, .left, x: point(i).0, y: point(i).1))]) }
        #expect(try app.draw.digits.count == 3)
        #expect(try app.draw.readings.count == 3)
        #expect(try app.draw.shownDigit == 2)
    }
}

/// The number widget picks the largest font that fits and never draws outside its area.
@Suite("Number reading view")
struct NumberReadingViewTests {
    func render(_ values: [Int], area: Rect, maxScale: Int = 3, capabilities: Capabilities = .full) -> Frame {
        var frame = Frame(size: Size(width: area.maxX + 2, height: area.maxY + 2))
        let view = NumberReadingView(digits: values.map { NumberReadingView.Digit(value: $0, confidence: 0.9) },
                                     shown: values.count - 1)
        view.render(into: &frame, area: area, maxScale: maxScale, theme: Theme(capabilities))
        return frame
    }

    /// Whether every cell outside `area` is still blank.
    func untouchedOutside(_ frame: Frame, _ area: Rect) -> Bool {
        (0..<frame.size.height).allSatisfy { row in
            (0..<frame.size.width).allSatisfy { column in
                area.contains(column: column, row: row) || frame[column, row].character == " "
            }
        }
    }

    @Test func fontsFromBigToText() {
        let view = { (count: Int) in
            NumberReadingView(digits: Array(repeating: NumberReadingView.Digit(value: 4, confidence: 1), count: count), shown: 0)
        }
        let glyphs = Theme(.full).glyphs
        // The 80x24 prediction panel: 16x8 inside.
        #expect(view(2).font(for: Rect(x: 0, y: 0, width: 16, height: 8), maxScale: 1, glyphs: glyphs) == .compact)
        #expect(view(5).font(for: Rect(x: 0, y: 0, width: 16, height: 8), maxScale: 1, glyphs: glyphs) == .text)
        // 160x48: 31x22 inside, scale 2 at most.
        #expect(view(2).font(for: Rect(x: 0, y: 0, width: 31, height: 22), maxScale: 2, glyphs: glyphs) == .big(scale: 1))
        #expect(view(3).font(for: Rect(x: 0, y: 0, width: 31, height: 22), maxScale: 2, glyphs: glyphs) == .compact)
        // No half blocks without Unicode: text.
        #expect(view(2).font(for: Rect(x: 0, y: 0, width: 16, height: 8), maxScale: 1, glyphs: Theme(.ascii).glyphs) == .text)
    }

    @Test(arguments: [[4, 2], [1, 2, 3], [1, 2, 3, 4, 5, 6], Array(repeating: 7, count: 12)])
    func staysInsideItsArea(_ values: [Int]) {
        for (area, capabilities) in [(Rect(x: 1, y: 1, width: 16, height: 8), Capabilities.full),
                                     (Rect(x: 1, y: 1, width: 31, height: 22), .full),
                                     (Rect(x: 1, y: 1, width: 16, height: 8), .ascii),
                                     (Rect(x: 1, y: 1, width: 3, height: 1), .full)] {
            let frame = render(values, area: area, capabilities: capabilities)
            #expect(untouchedOutside(frame, area), "\(values) in \(area): \(frame.text)")
        }
        // Too many for glyphs: the number as text, whole.
        let text = render(values, area: Rect(x: 1, y: 1, width: 16, height: 8), capabilities: .ascii).text
        #expect(text.contains(values.map(String.init).joined()) || values.count > 16)
    }
}
