import Testing
@testable import DigitsCore

@Suite("Canvas")
struct CanvasTests {
    /// Pixel values compared with this tolerance: Float arithmetic on coverage ramps.
    let tolerance: Float = 1e-5

    @Test("a dot is solid inside, falls off linearly over one pixel at its edge, and is empty beyond")
    func dotSoftEdge() {
        var canvas = Canvas(width: 21, height: 21)
        canvas.dot(at: CanvasPoint(x: 10.5, y: 10.5), radius: 3)
        #expect(canvas[x: 10, y: 10] == 1)
        #expect(canvas[x: 12, y: 10] == 1)                          // distance 2
        #expect(abs(canvas[x: 13, y: 10] - 0.5) < tolerance)        // distance 3: on the edge
        #expect(canvas[x: 14, y: 10] == 0)                          // distance 4
        let diagonal = Float(2 * 2 + 2 * 2).squareRoot()            // pixel (12, 12)
        #expect(abs(canvas[x: 12, y: 12] - (3.5 - diagonal)) < tolerance)
        // Symmetric about the centre.
        for offset in 0...5 {
            #expect(canvas[x: 10 + offset, y: 10] == canvas[x: 10 - offset, y: 10])
            #expect(canvas[x: 10, y: 10 + offset] == canvas[x: 10, y: 10 - offset])
        }
        #expect(canvas.pixels.allSatisfy { (0...1).contains($0) })
    }

    @Test("a stroke covers every pixel within the radius of the segment, with soft sides and round caps")
    func strokeProfile() {
        var canvas = Canvas(width: 30, height: 21)
        canvas.stroke(from: CanvasPoint(x: 5.5, y: 10.5), to: CanvasPoint(x: 20.5, y: 10.5), radius: 2)
        for x in 5...20 {
            #expect(canvas[x: x, y: 10] == 1)
            #expect(canvas[x: x, y: 11] == 1)
            #expect(abs(canvas[x: x, y: 12] - 0.5) < tolerance)
            #expect(abs(canvas[x: x, y: 8] - 0.5) < tolerance)
            #expect(canvas[x: x, y: 13] == 0)
        }
        // Round caps: beyond the end points only the cap's disc is painted.
        #expect(abs(canvas[x: 22, y: 10] - 0.5) < tolerance)
        #expect(canvas[x: 23, y: 10] == 0)
        #expect(canvas[x: 22, y: 12] == 0)                          // distance 2.83 from the end
        #expect(canvas.pixels.reduce(0, +) > 0)
    }

    @Test("fractional radii and positions give fractional coverage")
    func fractionalCoverage() {
        var canvas = Canvas(width: 10, height: 10)
        canvas.dot(at: CanvasPoint(x: 5.0, y: 5.5), radius: 1.25)
        // Pixel 4's and 5's centres are 0.5 from the dot; pixel 6's is 1.5: 1.75 - 1.5.
        #expect(canvas[x: 4, y: 5] == 1)
        #expect(canvas[x: 5, y: 5] == 1)
        #expect(abs(canvas[x: 6, y: 5] - 0.25) < tolerance)
        #expect(abs(canvas[x: 3, y: 5] - 0.25) < tolerance)
    }

    @Test("ink accumulates as a maximum: overlapping strokes are no darker than either")
    func maximumAccumulation() {
        let a = (CanvasPoint(x: 3, y: 4), CanvasPoint(x: 30, y: 25))
        let b = (CanvasPoint(x: 30, y: 3.7), CanvasPoint(x: 4.2, y: 27))
        var first = Canvas(width: 36, height: 32)
        first.stroke(from: a.0, to: a.1, radius: 2.6)
        var second = Canvas(width: 36, height: 32)
        second.stroke(from: b.0, to: b.1, radius: 1.7)
        var both = Canvas(width: 36, height: 32)
        both.stroke(from: a.0, to: a.1, radius: 2.6)
        both.stroke(from: b.0, to: b.1, radius: 1.7)
        #expect(both.pixels == zip(first.pixels, second.pixels).map { max($0, $1) })

        var twice = first
        twice.stroke(from: a.0, to: a.1, radius: 2.6)
        #expect(twice == first)
        // Backwards the arithmetic rounds differently, so only nearly the same values.
        twice.stroke(from: a.1, to: a.0, radius: 2.6)
        for (x, y) in zip(twice.pixels, first.pixels) { #expect(x >= y && x - y < 1e-5) }
    }

    @Test("a segment split into pieces paints exactly what the whole segment paints")
    func polylineEqualsSegment() {
        let start = CanvasPoint(x: 2.3, y: 5.1), end = CanvasPoint(x: 41.7, y: 28.9)
        var whole = Canvas(width: 45, height: 33)
        whole.stroke(from: start, to: end, radius: 3)
        var pieces = Canvas(width: 45, height: 33)
        var previous = start
        for step in 1...7 {
            let t = Float(step) / 7
            let next = CanvasPoint(x: start.x + t * (end.x - start.x), y: start.y + t * (end.y - start.y))
            pieces.stroke(from: previous, to: next, radius: 3)
            previous = next
        }
        for (x, y) in zip(whole.pixels, pieces.pixels) { #expect(abs(x - y) < 1e-4) }
    }

    @Test("erasing lowers ink to one minus the eraser's coverage and never adds ink")
    func erasing() {
        var canvas = Canvas(width: 40, height: 20)
        canvas.stroke(from: CanvasPoint(x: 5, y: 10), to: CanvasPoint(x: 35, y: 10), radius: 3)
        let painted = canvas
        var eraser = Canvas(width: 40, height: 20)
        eraser.dot(at: CanvasPoint(x: 20.5, y: 10), radius: 4)
        canvas.dot(at: CanvasPoint(x: 20.5, y: 10), radius: 4, erasing: true)
        for index in canvas.pixels.indices {
            #expect(abs(canvas.pixels[index] - min(painted.pixels[index], 1 - eraser.pixels[index])) < tolerance)
        }
        #expect(canvas[x: 20, y: 10] == 0)
        #expect(canvas[x: 8, y: 10] == 1)

        var blank = Canvas(width: 10, height: 10)
        blank.stroke(from: CanvasPoint(x: 0, y: 0), to: CanvasPoint(x: 10, y: 10), radius: 2, erasing: true)
        #expect(blank == Canvas(width: 10, height: 10))
        #expect(blank.paintedRegion == nil)
    }

    @Test("erasing the whole drawing leaves an empty canvas with no MNIST image")
    func eraseEverything() {
        var canvas = Canvas(width: 50, height: 50)
        canvas.stroke(from: CanvasPoint(x: 10, y: 10), to: CanvasPoint(x: 40, y: 30), radius: 2.5)
        #expect(!canvas.isEmpty)
        #expect(canvas.mnistImage() != nil)
        canvas.stroke(from: CanvasPoint(x: 10, y: 10), to: CanvasPoint(x: 40, y: 30), radius: 4, erasing: true)
        #expect(canvas.isEmpty)
        #expect(canvas.mnistImage() == nil)
    }

    @Test("the brush is clipped at the canvas's edges exactly as a crop of a larger canvas")
    func clippingAtEdges() {
        var large = Canvas(width: 60, height: 50)
        var small = Canvas(width: 30, height: 25)
        // Strokes that run off every side of the small canvas, placed 15 pixels in on the large one.
        let strokes: [(CanvasPoint, CanvasPoint)] = [
            (CanvasPoint(x: -6, y: 3), CanvasPoint(x: 12, y: 8)),
            (CanvasPoint(x: 25, y: -4), CanvasPoint(x: 33, y: 20)),
            (CanvasPoint(x: 2, y: 22), CanvasPoint(x: 20, y: 27.5)),
        ]
        for (start, end) in strokes {
            small.stroke(from: start, to: end, radius: 2.5)
            large.stroke(from: CanvasPoint(x: start.x + 15, y: start.y + 15),
                         to: CanvasPoint(x: end.x + 15, y: end.y + 15), radius: 2.5)
        }
        for y in 0..<25 {
            for x in 0..<30 { #expect(abs(small[x: x, y: y] - large[x: x + 15, y: y + 15]) < 1e-5) }
        }
        #expect(small[x: 0, y: 3] > 0.9)
    }

    @Test("strokes that miss the canvas, or have absurd coordinates, do nothing and do not trap")
    func offCanvasAndAbsurdInput() {
        var canvas = Canvas(width: 20, height: 20)
        #expect(canvas.stroke(from: CanvasPoint(x: -50, y: 5), to: CanvasPoint(x: -10, y: 15), radius: 3) == nil)
        #expect(canvas.stroke(from: CanvasPoint(x: 5, y: 30), to: CanvasPoint(x: 15, y: 24), radius: 3) == nil)
        #expect(canvas.dot(at: CanvasPoint(x: .nan, y: 5), radius: 3) == nil)
        #expect(canvas.dot(at: CanvasPoint(x: 5, y: 5), radius: .infinity) == nil)
        #expect(canvas.dot(at: CanvasPoint(x: .infinity, y: 5), radius: 2) == nil)
        #expect(canvas == Canvas(width: 20, height: 20))
        #expect(canvas.paintedRegion == nil)

        // Enormous but finite coordinates: the part that crosses the canvas is drawn.
        let region = canvas.stroke(from: CanvasPoint(x: -1e30, y: 10), to: CanvasPoint(x: 1e30, y: 10), radius: 1)
        #expect(region == CanvasRegion(columns: 0..<20, rows: 8..<12))  // row 8's centre is at the brush's reach
        for x in 0..<20 {
            #expect(canvas[x: x, y: 8] == 0 && canvas[x: x, y: 9] == 1 && canvas[x: x, y: 10] == 1)
            #expect(canvas[x: x, y: 11] == 0)
        }
        canvas.clear()
        canvas.stroke(from: CanvasPoint(x: -3e38, y: -3e38), to: CanvasPoint(x: 3e38, y: 3e38), radius: 1)
        // Far beyond Float's precision the line can only be approximate; it must not trap.
        #expect(canvas.pixels.allSatisfy { (0...1).contains($0) })
        canvas.clear()
        canvas.stroke(from: CanvasPoint(x: 4, y: -1e30), to: CanvasPoint(x: 4, y: 1e30), radius: 2)
        for y in 0..<20 { #expect(canvas[x: 3, y: y] == 1 && canvas[x: 4, y: y] == 1 && canvas[x: 7, y: y] == 0) }

        var nothing = Canvas(width: 0, height: -3)
        #expect(nothing.width == 0 && nothing.height == 0)
        #expect(nothing.dot(at: CanvasPoint(x: 0, y: 0), radius: 5) == nil)
        #expect(nothing.isEmpty)
        #expect(nothing.mnistImage() == nil)
        #expect(nothing[x: 0, y: 0] == 0)
    }

    @Test("the region a stroke reports is near the brush, and nothing outside it changes")
    func workStaysNearTheBrush() {
        var canvas = Canvas(width: 300, height: 200)
        let start = CanvasPoint(x: 100.3, y: 50.8), end = CanvasPoint(x: 112.9, y: 57.1)
        let radius: Float = 4
        guard let region = canvas.stroke(from: start, to: end, radius: radius) else {
            Issue.record("the stroke reported no region")
            return
        }
        let reach = radius + 0.5
        #expect(Float(region.columns.lowerBound) >= min(start.x, end.x) - reach - 1)
        #expect(Float(region.columns.upperBound) <= max(start.x, end.x) + reach + 1)
        #expect(Float(region.rows.lowerBound) >= min(start.y, end.y) - reach - 1)
        #expect(Float(region.rows.upperBound) <= max(start.y, end.y) + reach + 1)
        for y in 0..<200 {
            for x in 0..<300 where !(region.columns.contains(x) && region.rows.contains(y)) {
                #expect(canvas[x: x, y: y] == 0)
            }
        }
        #expect(canvas.paintedRegion == region)

        // A second stroke grows the painted region to hold both.
        let second = canvas.dot(at: CanvasPoint(x: 250, y: 150), radius: 2)
        #expect(canvas.paintedRegion == second.map { region.union($0) })
    }

    @Test("clear empties the canvas")
    func clearing() {
        var canvas = Canvas(width: 64, height: 48)
        #expect(canvas.isEmpty)
        canvas.stroke(from: CanvasPoint(x: 3, y: 4), to: CanvasPoint(x: 60, y: 40), radius: 5)
        #expect(!canvas.isEmpty)
        canvas.clear()
        #expect(canvas.isEmpty)
        #expect(canvas == Canvas(width: 64, height: 48))
        #expect(canvas.paintedRegion == nil)
    }

    @Test("the suggested brush gives MNIST's stroke width after normalisation")
    func suggestedBrushMatchesMNIST() {
        for (width, height) in [(100, 100), (160, 176), (300, 200), (120, 300)] {
            var canvas = Canvas(width: width, height: height)
            let radius = canvas.suggestedBrushRadius
            // A vertical stroke as tall as the digit the suggestion assumes.
            let digitHeight = Canvas.typicalDigitFill * min(Float(height), Float(width) / 0.7)
            let top = (Float(height) - digitHeight) / 2 + radius
            canvas.stroke(from: CanvasPoint(x: Float(width) / 2, y: top),
                          to: CanvasPoint(x: Float(width) / 2, y: top + digitHeight - 2 * radius),
                          radius: radius)
            guard let image = canvas.mnistImage() else {
                Issue.record("no image for \(width)x\(height)")
                continue
            }
            // Ink across the middle row, in MNIST pixels.
            let middle = (0..<28).map { image[14 * 28 + $0] }.reduce(0, +)
            #expect(abs(middle - Canvas.mnistStrokeWidth) < 0.15, "\(width)x\(height): \(middle)")
        }
        #expect(Canvas.suggestedBrushRadius(width: 10, height: 10) == 1)
        #expect(Canvas.suggestedBrushRadius(width: 0, height: 0) == 1)
    }
}
