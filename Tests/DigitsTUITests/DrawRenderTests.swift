import DigitsCore
import Foundation
import Testing
@testable import DigitsTUI

/// Details of the Draw screen's rendering that its snapshots (DrawSnapshotTests) do not show:
/// colours, the cursor, the status line, speed. The model
/// answers the same probabilities whatever is drawn (`sampleProbabilities`, 62% for 3), so the
/// bars are fixed; the drawing is a vertical stroke from a mouse drag.
@Suite("Draw screen: render")
struct DrawRenderTests {
    let model: DrawModel

    init() throws { model = try sampleModel() }

    /// A stroke down column 14 from row 4 to row 19, in three mouse reports.
    let stroke = drag([(14, 4), (14, 10), (14, 19)])

    @Test func barsHighlightTheTopDigitInColour() {
        var app = App.digits(model: model, size: Size(width: 80, height: 24), capabilities: .full)
        app.send(stroke)
        let frame = app.render()
        let layout = DrawLayout(size: Size(width: 80, height: 24))
        let row3 = layout.barsBox.y + 1 + 3, row5 = layout.barsBox.y + 1 + 5
        let theme = Theme(.full)
        #expect(frame[layout.barsBox.x + 2, row3].style == theme.accent)
        #expect(frame[layout.barsBox.x + 2, row5].style == theme.text)
        // The big digit is drawn in the accent colour too.
        let inked = frame.cells.filter { $0.character == "█" && $0.style == theme.accent }
        #expect(!inked.isEmpty)
    }

    @Test("a model not sure of the drawing keeps the bars but highlights none, and the panel says so")
    func unsureOfTheDrawing() throws {
        var unsure = model
        unsure.rejection = RejectionRule(threshold: 0.9)
        var app = App.digits(model: unsure, size: Size(width: 80, height: 24), capabilities: .full)
        app.send(stroke)
        #expect(try app.draw.isNotADigit)
        let frame = app.render()
        let layout = DrawLayout(size: Size(width: 80, height: 24))
        let theme = Theme(.full)
        let row3 = layout.barsBox.y + 1 + 3
        #expect(frame[layout.barsBox.x + 2, row3].style == theme.text, "the top digit is not highlighted")
        #expect(frame[layout.barsBox.x + 4, row3].character == "█", "its bar is still drawn")
        let text = Snapshot.text(of: frame, styles: false)
        #expect(text.contains("not sure this") && text.contains("a digit") && text.contains("3? 62.0%"))
        #expect(!text.contains("62.0% sure"))
        // No accent-coloured big digit: it is dimmed.
        #expect(!frame.cells.contains { $0.character == "█" && $0.style == theme.accent })
        // The same model under its threshold reads the digit as before.
        unsure.rejection = RejectionRule(threshold: 0.5)
        var sure = App.digits(model: unsure, size: Size(width: 80, height: 24), capabilities: .full)
        sure.send(stroke)
        #expect(try !sure.draw.isNotADigit)
        #expect(Snapshot.text(of: sure.render(), styles: false).contains("62.0% sure"))
    }

    @Test func canvasAndNetworkViewUseGreyLevels() {
        var app = App.digits(model: model, size: Size(width: 80, height: 24), capabilities: .full)
        app.send(stroke)
        let frame = app.render()
        let layout = DrawLayout(size: Size(width: 80, height: 24))
        var greys = Set<TerminalColor>()
        for row in layout.network.y..<layout.network.maxY {
            for column in layout.network.x..<layout.network.maxX {
                greys.insert(frame[column, row].style.foreground)
                greys.insert(frame[column, row].style.background)
            }
        }
        // Anti-aliased edges: more than black and white.
        #expect(greys.count > 3)
        #expect(greys.allSatisfy { if case .indexed(let i) = $0 { i == 16 || i >= 231 } else { $0 == .default } })
    }

    @Test func keyboardCursorIsVisible() {
        var app = App.digits(model: model, size: Size(width: 80, height: 24), capabilities: .full)
        app.type("l")
        let frame = app.render()
        let layout = DrawLayout(size: Size(width: 80, height: 24))
        // Cursor at screen pixel (15, 20): column 1 + 15, row 2 + 10, upper half.
        let cell = frame[layout.canvas.x + 15, layout.canvas.y + 10]
        #expect(cell.character == "▀")
        #expect(cell.style.foreground == Theme(.full).cursor)
        #expect(!frame.text.contains("Draw a digit here"))
    }

    @Test func statusLineFollowsThePen() {
        var app = App.digits(model: model, size: Size(width: 80, height: 24), capabilities: .full)
        #expect(app.render().lines()[23].hasPrefix(" drag draw  right-drag erase"))
        app.type("p")
        let frame = app.render()
        #expect(frame.lines()[23].hasPrefix(" hjkl draw  p lift pen  u undo"))
        #expect(frame.lines()[22].contains("pen down · brush 4/7"))
    }

    /// A speed budget, which a sanitized build (several times slower, by design) says nothing
    /// about; `scripts/test --sanitize` sets DIGITS_SANITIZER.
    @Test(.disabled(if: ProcessInfo.processInfo.environment["DIGITS_SANITIZER"] != nil,
                    "a sanitized build is too slow for a speed budget"))
    func frameRendersFast() {
        var app = App.digits(model: model, size: Size(width: 160, height: 48), capabilities: .full)
        app.send(drag([(20, 5), (30, 20), (40, 40)]))
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<10 { _ = app.render() }
        let each = (clock.now - start) / 10
        // The budget is 2 ms in a release build; debug builds are several times slower, so this
        // only catches a gross regression.
        #expect(each < .milliseconds(50))
    }
}
