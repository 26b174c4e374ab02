import Testing
@testable import DigitsTUI

@Suite("Frame")
struct FrameTests {
    @Test func writesClipsAndReadsBackText() {
        var frame = Frame(size: Size(width: 8, height: 2))
        let end = frame.put("hello world", x: 2, y: 0)
        #expect(end == 8)
        frame.put("x", x: -1, y: 1)
        frame.put("y", x: 3, y: 5)
        #expect(frame.lines() == ["  hello", ""])
        #expect(frame[100, 100] == .blank)
    }

    @Test func putRespectsMaxWidth() {
        var frame = Frame(size: Size(width: 10, height: 1))
        frame.put("abcdef", x: 1, y: 0, maxWidth: 3)
        #expect(frame.text == " abc")
    }

    @Test func drawsBoxesWithTitles() {
        var frame = Frame(size: Size(width: 12, height: 4))
        frame.drawBox(frame.bounds, style: .plain, glyphs: .unicode, title: "Box")
        #expect(frame.lines() == ["┌ Box ─────┐", "│          │", "│          │", "└──────────┘"])
        var ascii = Frame(size: Size(width: 5, height: 3))
        ascii.drawBox(ascii.bounds, style: .plain, glyphs: .ascii)
        #expect(ascii.lines() == ["+---+", "|   |", "+---+"])
    }

    @Test func fillsARectangle() {
        var frame = Frame(size: Size(width: 4, height: 2))
        frame.fill(Rect(x: 1, y: 0, width: 2, height: 2), with: Cell("#"))
        frame.put("ab", x: 2, y: 1)
        #expect(frame.lines() == [" ##", " #ab"])
    }

    @Test func greysUseTheRampOnlyWith256Colours() {
        let rich = Theme(.full), poor = Theme(.eightColors)
        #expect(rich.grey(0) == .indexed(16))
        #expect(rich.grey(1) == .indexed(231))
        #expect(rich.grey(0.5) == .indexed(244))
        #expect(poor.grey(0.2) == .black)
        #expect(poor.grey(0.8) == .white)
    }

    @Test func truncatesWithAnEllipsis() {
        #expect(TextFit.truncate("model.safetensors", to: 8, glyphs: .unicode) == "model.s…")
        #expect(TextFit.truncate("short", to: 8, glyphs: .unicode) == "short")
    }
}
