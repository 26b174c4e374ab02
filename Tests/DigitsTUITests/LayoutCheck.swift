import Testing
@testable import DigitsTUI

/// A box a screen's layout places, by name, with the title it should show whole.
struct PlacedBox {
    let name: String
    let rect: Rect
    var title: String?
}

/// Checks that a rendered screen is laid out cleanly, from its layout's rectangles and the
/// frame itself: the boxes lie inside the screen's area and do not intersect; each box's four
/// corners and both sides are drawn (another box or a line of text running into it would
/// replace them); its top and bottom edges hold only border and one caption written whole
/// (` title `, with the spaces on both sides that show nothing was cut off); and given labels
/// appear whole inside their box.
struct LayoutCheck {
    let frame: Frame
    let glyphs: Glyphs
    private(set) var problems: [String] = []

    init(_ frame: Frame, glyphs: Glyphs) {
        self.frame = frame
        self.glyphs = glyphs
    }

    /// Row `y`'s characters in columns `from..<to`.
    func text(row y: Int, from: Int, to: Int) -> String {
        String((from..<max(from, to)).map { frame[$0, y].character })
    }

    mutating func boxes(_ boxes: [PlacedBox], inside area: Rect) {
        for (index, box) in boxes.enumerated() {
            let r = box.rect
            if r.width < 2 || r.height < 2 { problems.append("\(box.name) is too small to draw: \(r)"); continue }
            if r.x < area.x || r.y < area.y || r.maxX > area.maxX || r.maxY > area.maxY {
                problems.append("\(box.name) \(r) leaves the area \(area)")
            }
            for other in boxes[(index + 1)...] where Self.intersect(r, other.rect) {
                problems.append("\(box.name) \(r) overlaps \(other.name) \(other.rect)")
            }
            edges(of: box)
        }
    }

    private mutating func edges(of box: PlacedBox) {
        let r = box.rect, right = r.maxX - 1, bottom = r.maxY - 1
        let corners = [(r.x, r.y, glyphs.topLeft), (right, r.y, glyphs.topRight),
                       (r.x, bottom, glyphs.bottomLeft), (right, bottom, glyphs.bottomRight)]
        for (x, y, corner) in corners where frame[x, y].character != corner {
            problems.append("\(box.name): corner (\(x), \(y)) is '\(frame[x, y].character)', not '\(corner)'")
        }
        for y in (r.y + 1)..<bottom {
            for x in [r.x, right] where frame[x, y].character != glyphs.vertical {
                problems.append("\(box.name): side (\(x), \(y)) is '\(frame[x, y].character)'")
            }
        }
        for y in [r.y, bottom] {
            let edge = text(row: y, from: r.x + 1, to: right)
            let caption = edge.drop { $0 == glyphs.horizontal }.reversed().drop { $0 == glyphs.horizontal }
            let middle = String(caption.reversed())
            if !middle.isEmpty && !(middle.count >= 3 && middle.first == " " && middle.last == " ") {
                problems.append("\(box.name): edge on row \(y) has a caption cut or overwritten: |\(edge)|")
            }
        }
        if let title = box.title, !text(row: r.y, from: r.x + 1, to: right).hasPrefix(" \(title) ") {
            problems.append("\(box.name): title '\(title)' is not whole: |\(text(row: r.y, from: r.x, to: r.maxX))|")
        }
    }

    /// Each label appears whole on one row inside `box`'s border.
    mutating func labels(_ labels: [String], in box: PlacedBox) {
        let r = box.rect
        let rows = ((r.y + 1)..<(r.maxY - 1)).map { text(row: $0, from: r.x + 1, to: r.maxX - 1) }
        for label in labels where !rows.contains(where: { $0.contains(label) }) {
            problems.append("\(box.name): no whole '\(label)'")
        }
    }

    /// Each label appears whole on row `y` of the screen (the header and status lines).
    mutating func labels(_ labels: [String], row y: Int) {
        let line = text(row: y, from: 0, to: frame.width)
        for label in labels where !line.contains(label) {
            problems.append("row \(y): no whole '\(label)' in |\(line)|")
        }
    }

    static func intersect(_ a: Rect, _ b: Rect) -> Bool {
        a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY
    }

    /// Records the problems found, with the screen, as one issue.
    func expectClean(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard !problems.isEmpty else { return }
        let shown = problems.prefix(12).joined(separator: "\n")
        let more = problems.count > 12 ? "\n... and \(problems.count - 12) more" : ""
        Issue.record(Comment(rawValue: "\(what):\n\(shown)\(more)\n\(frame.text)"), sourceLocation: sourceLocation)
    }
}

/// The sizes a layout test sweeps: every width from 80 to 200 at a few heights and every
/// height from 24 to 60 at a few widths, so each side of every layout threshold is seen
/// (120 columns and 42 rows for Train, 140x36 for Draw, 30 rows and 88 or 108 columns for
/// Browse). Every one of the 121x37 sizes would take minutes in a debug build.
func sweptSizes(heights: [Int] = [24, 42, 60], widths: [Int] = [80, 100, 120, 140, 200]) -> [Size] {
    var sizes: [Size] = []
    for height in heights { sizes += (80...200).map { Size(width: $0, height: height) } }
    for width in widths { sizes += (24...60).map { Size(width: width, height: $0) } }
    return sizes
}
