import Testing
@testable import DigitsCore

@Suite("Canvas preview")
struct CanvasPreviewTests {
    /// The exact area average, computed the slow way: every grid cell against every pixel.
    func bruteForce(_ canvas: Canvas, columns: Int, rows: Int) -> [Float] {
        let cellWidth = Double(canvas.width) / Double(columns), cellHeight = Double(canvas.height) / Double(rows)
        var grid = [Float](repeating: 0, count: columns * rows)
        for row in 0..<rows {
            for column in 0..<columns {
                let left = Double(column) * cellWidth, top = Double(row) * cellHeight
                var sum = 0.0
                for y in Int(top)..<min(Int((top + cellHeight).rounded(.up)), canvas.height) {
                    let overlapY = min(top + cellHeight, Double(y + 1)) - max(top, Double(y))
                    guard overlapY > 0 else { continue }
                    for x in Int(left)..<min(Int((left + cellWidth).rounded(.up)), canvas.width) {
                        let overlapX = min(left + cellWidth, Double(x + 1)) - max(left, Double(x))
                        guard overlapX > 0 else { continue }
                        sum += overlapX * overlapY * Double(canvas[x: x, y: y])
                    }
                }
                grid[row * columns + column] = Float(sum / (cellWidth * cellHeight))
            }
        }
        return grid
    }

    @Test("a band across the top half fills the top half of the preview")
    func band() {
        var canvas = Canvas(width: 40, height: 20)
        canvas.stroke(from: CanvasPoint(x: -100, y: 5), to: CanvasPoint(x: 140, y: 5), radius: 5)
        let expected: [Float] = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]
        for (value, wanted) in zip(canvas.preview(columns: 4, rows: 4), expected) {
            #expect(abs(value - wanted) < 1e-5)
        }
    }

    @Test("the preview is the exact area average, at sizes that do not divide the canvas")
    func matchesBruteForce() {
        var canvas = Canvas(width: 97, height: 61)
        canvas.stroke(from: CanvasPoint(x: 20.3, y: 10.2), to: CanvasPoint(x: 70.9, y: 50.5), radius: 4.2)
        canvas.stroke(from: CanvasPoint(x: 70.9, y: 50.5), to: CanvasPoint(x: 88, y: 12), radius: 2.1)
        canvas.dot(at: CanvasPoint(x: 50, y: 30), radius: 6, erasing: true)
        for (columns, rows) in [(40, 23), (13, 7), (97, 61), (150, 90)] {
            let preview = canvas.preview(columns: columns, rows: rows)
            let expected = bruteForce(canvas, columns: columns, rows: rows)
            #expect(preview.count == columns * rows)
            let worst = zip(preview, expected).map { abs($0 - $1) }.max() ?? 0
            #expect(worst < 1e-4, "\(columns)x\(rows): worst difference \(worst)")
        }
    }

    @Test("blank canvases and empty grids")
    func blank() {
        let canvas = Canvas(width: 30, height: 30)
        #expect(canvas.preview(columns: 3, rows: 2) == [0, 0, 0, 0, 0, 0])
        #expect(canvas.preview(columns: 0, rows: 5).isEmpty)
        #expect(Canvas(width: 0, height: 0).preview(columns: 2, rows: 1) == [0, 0])
    }
}
