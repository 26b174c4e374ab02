import Testing
@testable import DigitsCore

/// The grouping rule on pieces and strokes made by hand: overlap, gaps, the tolerance, specks
/// and order.
@Suite("Digit grouping")
struct DigitGroupingTests {
    /// A piece from `left` to `right`, `top` to `bottom`.
    func piece(_ left: Float, _ right: Float, _ top: Float = 0, _ bottom: Float = 100) -> InkPiece {
        InkPiece(left: left, right: right, top: top, bottom: bottom)
    }

    @Test("no pieces, no groups; one piece, one group")
    func emptyAndOne() {
        #expect(DigitGrouping.groups([]).isEmpty)
        let groups = DigitGrouping.groups([piece(10, 20)])
        #expect(groups.map(\.pieces) == [[0]])
        #expect(groups.first.map { [$0.left, $0.right, $0.top, $0.bottom] } == [10, 20, 0, 100])
    }

    @Test("overlapping pieces are one digit, however they chain")
    func overlap() {
        // The second overlaps the first, the third only the second: one chain.
        let groups = DigitGrouping.groups([piece(0, 30), piece(25, 50), piece(48, 70)])
        #expect(groups.map(\.pieces) == [[0, 1, 2]])
    }

    @Test("a gap wider than the tolerance splits; one within it joins")
    func tolerance() {
        // Height 100: the tolerance is 10.
        let tolerance = DigitGrouping.gapTolerance * 100
        #expect(DigitGrouping.groups([piece(0, 40), piece(40 + tolerance, 80)]).count == 1)
        #expect(DigitGrouping.groups([piece(0, 40), piece(40 + tolerance * 0.9, 80)]).count == 1)
        #expect(DigitGrouping.groups([piece(0, 40), piece(40 + tolerance * 1.1, 80)]).count == 2)
        // The tolerance follows the drawing's height: the same gap joins a taller drawing.
        #expect(DigitGrouping.groups([piece(0, 40, 0, 200), piece(40 + tolerance * 1.1, 80, 0, 200)]).count == 1)
    }

    @Test("groups come left to right whatever order the strokes were drawn in")
    func order() {
        // Drawn: the right digit first, then the left one, then the middle one's two strokes.
        let pieces = [piece(200, 260), piece(0, 60), piece(100, 130), piece(115, 160)]
        let groups = DigitGrouping.groups(pieces)
        #expect(groups.map(\.pieces) == [[1], [2, 3], [0]])
        #expect(groups.map(\.left) == [0, 100, 200])
        let cuts = DigitGrouping.boundaries(groups)
        #expect(cuts == [80, 180])
        #expect(DigitGrouping.territories(of: groups, width: 300) == [0..<80, 80..<180, 180..<300])
    }

    @Test("above and below is one digit: only horizontal gaps split")
    func vertical() {
        // Two strokes one above the other with a big vertical gap (an 8 in two loops, a 5's cap).
        #expect(DigitGrouping.groups([piece(0, 50, 0, 40), piece(10, 60, 70, 100)]).count == 1)
    }

    @Test("a speck joins the nearer digit instead of being one")
    func specks() {
        // Two digits 100 high, a dot 5x5 nearer the first.
        // Its gaps (20 and 25) are beyond the tolerance (10): only the speck rule joins it.
        let pieces = [piece(0, 50), piece(70, 75, 90, 95), piece(100, 150)]
        let groups = DigitGrouping.groups(pieces)
        #expect(groups.map(\.pieces) == [[0, 1], [2]])
        #expect(groups.first?.right == 75)
        // Nearer the second: it goes there.
        #expect(DigitGrouping.groups([piece(0, 50), piece(80, 85, 90, 95), piece(100, 150)]).map(\.pieces)
                == [[0], [1, 2]])
        // A horizontal bar is as wide as a speck is not: it stays a group (a minus sign, a 1 lying down).
        #expect(DigitGrouping.groups([piece(0, 50), piece(80, 120, 50, 55)]).count == 2)
        // Only specks: they end as one group, never as none.
        #expect(DigitGrouping.groups([piece(0, 2, 0, 2), piece(50, 52, 98, 100)]).count == 1)
    }

    @Test("non-finite extents are left out, not trusted")
    func nonFinite() {
        let groups = DigitGrouping.groups([piece(.nan, 10), piece(0, 10), piece(-.infinity, .infinity)])
        #expect(groups.map(\.pieces) == [[1]])
        #expect(InkPiece(CanvasStroke(points: [CanvasPoint(x: .nan, y: 1)], radius: 2)) == nil)
        #expect(InkPiece(CanvasStroke(points: [], radius: 2)) == nil)
        #expect(InkPiece(CanvasStroke(points: [CanvasPoint(x: 1, y: 1)], radius: 2, erasing: true)) == nil)
    }

    @Test("a stroke's ink is its points widened by the brush")
    func strokePiece() {
        let stroke = CanvasStroke(points: [CanvasPoint(x: 10, y: 20), CanvasPoint(x: 30, y: 5)], radius: 3)
        #expect(InkPiece(stroke) == InkPiece(left: 7, right: 33, top: 2, bottom: 23))
    }

    /// A vertical stroke at `x` from `top` to `bottom` (canvas pixels), radius 4.
    func bar(_ x: Float, _ top: Float = 20, _ bottom: Float = 140) -> CanvasStroke {
        CanvasStroke(points: [CanvasPoint(x: x, y: top), CanvasPoint(x: x, y: bottom)], radius: 4)
    }

    func painted(_ strokes: [CanvasStroke], width: Int = 400) -> Canvas {
        var canvas = Canvas(width: width, height: 160)
        for stroke in strokes { canvas.paint(stroke) }
        return canvas
    }

    @Test("a single digit's image is exactly the one it always had")
    func singleUnchanged() throws {
        // A 4 of two strokes, the second crossing the first's bar.
        let four = [CanvasStroke(points: [CanvasPoint(x: 60, y: 20), CanvasPoint(x: 40, y: 100), CanvasPoint(x: 110, y: 100)],
                                 radius: 4),
                    bar(90, 50, 150)]
        let canvas = painted(four)
        let digits = canvas.digitImages(strokes: four)
        #expect(digits.count == 1)
        #expect(digits.first?.image == canvas.mnistImage(strokes: four))
        #expect(digits.first?.group.pieces == [0, 1])
        #expect(painted([]).digitImages(strokes: []).isEmpty)
    }

    @Test("digits side by side are read apart, each normalised alone, left to right")
    func sideBySide() throws {
        // A 1 at x 300 drawn first, then a 1 at x 50: two groups, the left one first.
        let strokes = [bar(300), bar(50)]
        let canvas = painted(strokes)
        let digits = canvas.digitImages(strokes: strokes)
        try #require(digits.count == 2)
        #expect(digits.map(\.group.pieces) == [[1], [0]])
        #expect(digits[0].columns == 0..<175 && digits[1].columns == 175..<400)
        // Each is the image of that stroke drawn alone.
        #expect(digits[0].image == painted([bar(50)]).mnistImage(strokes: [bar(50)]))
        #expect(digits[1].image == painted([bar(300)]).mnistImage(strokes: [bar(300)]))
    }

    @Test("an eraser counts on the digit it erased; a digit erased away is gone")
    func erasing() throws {
        let eraser = CanvasStroke(points: [CanvasPoint(x: 300, y: 0), CanvasPoint(x: 300, y: 160)], radius: 10, erasing: true)
        let strokes = [bar(50), bar(300), eraser]
        let digits = painted(strokes).digitImages(strokes: strokes)
        #expect(digits.count == 1)
        #expect(digits.first?.group.pieces == [0])
        // Half of the second bar erased: it stays a digit, made of what is left.
        let half = CanvasStroke(points: [CanvasPoint(x: 280, y: 80), CanvasPoint(x: 320, y: 80), CanvasPoint(x: 320, y: 160),
                                         CanvasPoint(x: 280, y: 160)], radius: 40, erasing: true)
        let cut = [bar(50), bar(300), half]
        let left = painted(cut).digitImages(strokes: cut)
        try #require(left.count == 2)
        var alone = Canvas(width: 400, height: 160)
        alone.paint(bar(300)); alone.paint(half)
        #expect(left[1].image == alone.mnistImage(strokes: [bar(300), half]))
    }

    @Test("touching digits are one group, and nothing traps on odd canvases")
    func touchingAndOdd() {
        // Two bars joined by a stroke along the bottom: one group.
        let joined = [bar(50), bar(150), CanvasStroke(points: [CanvasPoint(x: 50, y: 140), CanvasPoint(x: 150, y: 140)], radius: 4)]
        #expect(painted(joined).digitImages(strokes: joined).count == 1)
        // Absurd coordinates, and a canvas with no pixels.
        let absurd = [bar(-1e30), bar(3e38), bar(.infinity)]
        #expect(painted(absurd).digitImages(strokes: absurd).count <= 2)
        #expect(Canvas(width: 0, height: 0).digitImages(strokes: []).isEmpty)
    }

    @Test("images: runs of inked columns are the pieces, boxes in image pixels")
    func imageRuns() throws {
        // 40x20: a block at columns 2..<8, rows 3..<17 and one at 20..<30, rows 5..<15, with a
        // faint speck at (35, 1) that joins the nearer block.
        var pixels = [Float](repeating: 0, count: 40 * 20)
        for y in 3..<17 { for x in 2..<8 { pixels[y * 40 + x] = 1 } }
        for y in 5..<15 { for x in 20..<30 { pixels[y * 40 + x] = 0.8 } }
        pixels[1 * 40 + 35] = 0.3
        let digits = MNISTFormat.digitImages(pixels: pixels, width: 40, height: 20)
        try #require(digits.count == 2)
        #expect(digits.map(\.pixelBox) == [PixelBox(x: 2, y: 3, width: 6, height: 14),
                                           PixelBox(x: 20, y: 1, width: 16, height: 14)])
        #expect(digits.map(\.columns) == [0..<14, 14..<40])
        var left = pixels
        for y in 0..<20 { for x in 14..<40 { left[y * 40 + x] = 0 } }
        #expect(digits[0].image == MNISTFormat.normalize(pixels: left, width: 40, height: 20))
        // Bad input gives nothing rather than trapping.
        #expect(MNISTFormat.digitImages(pixels: pixels, width: 41, height: 20).isEmpty)
        #expect(MNISTFormat.digitImages(pixels: [], width: 0, height: 0).isEmpty)
        #expect(MNISTFormat.digitImages(pixels: [Float](repeating: .nan, count: 4), width: 2, height: 2).isEmpty)
        // One digit: the whole image, as `normalize` reads it.
        let one = MNISTFormat.digitImages(pixels: left, width: 40, height: 20)
        #expect(one.map(\.image) == [MNISTFormat.normalize(pixels: left, width: 40, height: 20)].compactMap { $0 })
        #expect(one.first?.columns == 0..<40)
    }
}
