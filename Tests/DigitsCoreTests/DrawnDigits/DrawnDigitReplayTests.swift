import Testing
@testable import DigitsCore

@Suite("Drawn digits: replay")
struct DrawnDigitReplayTests {
    typealias F = DrawnDigitsFixture

    /// Sum of ink per row and per column of a 28x28 image.
    func profiles(_ image: [Float]) -> (rows: [Float], columns: [Float]) {
        var rows = [Float](repeating: 0, count: 28), columns = [Float](repeating: 0, count: 28)
        for y in 0..<28 {
            for x in 0..<28 {
                rows[y] += image[y * 28 + x]
                columns[x] += image[y * 28 + x]
            }
        }
        return (rows, columns)
    }

    func centreOfMass(_ image: [Float]) -> (x: Float, y: Float) {
        var mass: Float = 0, x: Float = 0, y: Float = 0
        for row in 0..<28 {
            for column in 0..<28 {
                let value = image[row * 28 + column]
                mass += value
                x += Float(column) * value
                y += Float(row) * value
            }
        }
        return (x / mass, y / mass)
    }

    @Test func geometryFollowsTheDrawScreen() {
        // 80x24: a 28x20-cell canvas of 28x40 screen pixels, 4 internal pixels each.
        let small = CanvasGeometry(cells: CellSize(columns: 28, rows: 20))
        #expect(small.pixelScale == 4)
        #expect(CanvasGeometry(cells: CellSize(columns: 28, rows: 32)).pixelScale == 4)
        #expect(CanvasGeometry(cells: CellSize(columns: 28, rows: 33)).pixelScale == 2)
        let canvas = small.blankCanvas()
        #expect(canvas.width == 112 && canvas.height == 160)
        // Cell (3, 5) is screen pixel centre (3.5, 11), internal (14, 44).
        #expect(small.canvasPoint(small.screenPoint(of: CellPoint(column: 3, row: 5))) == CanvasPoint(x: 14, y: 44))
        #expect(DrawnDigitReplay.brushRadius(in: small, percent: 100)
                == Canvas.suggestedBrushRadius(width: 112, height: 160))
        let wide = DrawnDigitReplay.brushRadius(in: CanvasGeometry(cells: CellSize(columns: 57, rows: 36)), percent: 150)
        #expect(abs(wide - Canvas.suggestedBrushRadius(width: 114, height: 144) * 1.5) < 1e-5)
    }

    @Test func replayPaintsADotThenSegmentsWithTheSuggestedBrush() throws {
        let drawing = F.drawing([[(5, 4), (9, 4), (9, 4), (12, 15)], [(20, 10)]])
        var expected = Canvas(width: 112, height: 160)
        let radius = expected.suggestedBrushRadius
        let p = { (c: Float, r: Float) in CanvasPoint(x: (c + 0.5) * 4, y: (r * 2 + 1) * 4) }
        expected.dot(at: p(5, 4), radius: radius)
        expected.stroke(from: p(5, 4), to: p(9, 4), radius: radius)
        expected.stroke(from: p(9, 4), to: p(12, 15), radius: radius)
        expected.dot(at: p(20, 10), radius: radius)
        // Compared as a Bool: a failure should not print two canvases of 17,920 pixels.
        let same = DrawnDigitReplay.canvas(for: drawing) == expected
        #expect(same, "the replay painted another canvas")
    }

    @Test func aVerticalBarBecomesACentredOne() throws {
        let drawing = F.drawing([F.line((14, 3), (14, 16))])
        let image = try #require(DrawnDigitReplay.image(for: drawing))
        let (rows, columns) = profiles(image)
        // The longer side fills MNIST's 20-pixel box, centred on row 14.
        let inkedRows = rows.indices.filter { rows[$0] > 0.01 }
        #expect(inkedRows.count == 20, "\(F.art(image))")
        #expect(inkedRows.first == 4 && inkedRows.last == 23, "\(F.art(image))")
        // Narrow: the brush's width only, about MNIST's stroke width, a few pixels.
        let inkedColumns = columns.indices.filter { columns[$0] > 0.01 }
        #expect((2...6).contains(inkedColumns.count), "\(F.art(image))")
        let centre = centreOfMass(image)
        #expect(abs(centre.x - 14) <= 0.5 && abs(centre.y - 14) <= 0.5, "\(centre)")
        // Left and right halves mirror each other.
        #expect(abs(columns[13] - columns[14]) < columns[14] * 0.5 || abs(columns[12] - columns[15]) < 1)
    }

    @Test func aHorizontalBarStaysFlat() throws {
        let image = try #require(DrawnDigitReplay.image(for: F.drawing([F.line((4, 10), (23, 10))])))
        let (rows, columns) = profiles(image)
        #expect(columns.indices.filter { columns[$0] > 0.01 }.count == 20)
        #expect(rows.indices.filter { rows[$0] > 0.01 }.count <= 6, "\(F.art(image))")
    }

    @Test func repeatedReportsOfOneCellChangeNothing() {
        let once = F.drawing([[(5, 4), (9, 4), (12, 15)]])
        let repeated = F.drawing([[(5, 4), (5, 4), (9, 4), (9, 4), (9, 4), (12, 15), (12, 15)]])
        let same = DrawnDigitReplay.canvas(for: once) == DrawnDigitReplay.canvas(for: repeated)
        #expect(same)
    }

    @Test func theSameShapeOnABiggerCanvasGivesNearlyTheSameImage() throws {
        // A 7 on the 80x24 canvas, and twice as large on a 57x36 canvas (2 pixels per screen pixel).
        let small = F.drawing([F.line((6, 4), (20, 4)) + F.line((20, 4), (11, 17)).dropFirst()])
        let big = F.drawing([F.line((12, 8), (40, 8)) + F.line((40, 8), (22, 34)).dropFirst()],
                            canvas: CellSize(columns: 57, rows: 36))
        let a = try #require(DrawnDigitReplay.image(for: small))
        let b = try #require(DrawnDigitReplay.image(for: big))
        let difference = zip(a, b).map { abs($0 - $1) }.reduce(0, +) / a.reduce(0, +)
        #expect(difference < 0.35, "\(F.art(a))\n\n\(F.art(b))")
    }

    @Test func aBiggerBrushGivesMoreInk() throws {
        let thin = try #require(DrawnDigitReplay.image(for: F.drawing([F.line((14, 3), (14, 16))], brushPercent: 65)))
        let thick = try #require(DrawnDigitReplay.image(for: F.drawing([F.line((14, 3), (14, 16))], brushPercent: 150)))
        #expect(thick.reduce(0, +) > thin.reduce(0, +) * 1.5)
    }
}
