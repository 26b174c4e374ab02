import Testing
@testable import DigitsCore

/// The network reads strokes about as wide as MNIST's whatever size the digit was drawn at.
@Suite("Stroke width")
struct StrokeWidthTests {
    /// A canvas with `strokes` painted on it, as the Draw screen paints them.
    func painted(_ strokes: [CanvasStroke], size: Int = 400) -> Canvas {
        var canvas = Canvas(width: size, height: size)
        for stroke in strokes {
            canvas.dot(at: stroke.points[0], radius: stroke.radius, erasing: stroke.erasing)
            for (from, to) in zip(stroke.points, stroke.points.dropFirst()) {
                canvas.stroke(from: from, to: to, radius: stroke.radius, erasing: stroke.erasing)
            }
        }
        return canvas
    }

    /// A vertical line `length` long from (200, 100), in steps of 2 pixels.
    func verticalLine(length: Float, radius: Float, x: Float = 200) -> CanvasStroke {
        CanvasStroke(points: stride(from: 0, through: length, by: 2).map { CanvasPoint(x: x, y: 100 + $0) },
                     radius: radius)
    }

    /// The ink across the middle row of a 28x28 image: the stroke's width there.
    func widthAcrossMiddle(_ image: [Float]) -> Float {
        image[(14 * 28)..<(15 * 28)].reduce(0, +)
    }

    @Test func widthAndRadiusAreInverse() {
        for (width, span) in [(Float(2), Float(50)), (3, 120), (4, 17)] {
            let radius = StrokeWidth.radius(forWidth: width, span: span)
            #expect(abs(StrokeWidth.normalizedWidth(radius: radius, span: span) - width) < 1e-4)
        }
    }

    @Test func aDigitOfTheUsualSizeIsReadAsDrawn() throws {
        // A line 150 pixels long with radius 11: normalised about 2.6 pixels wide.
        let strokes = [verticalLine(length: 150, radius: 11)]
        let canvas = painted(strokes)
        #expect(StrokeWidth.correction(for: strokes) == nil)
        #expect(canvas.mnistImage(strokes: strokes) == canvas.mnistImage())
    }

    @Test func aSmallDigitDrawnWithABigBrushIsReadThinner() throws {
        let strokes = [verticalLine(length: 30, radius: 11)]
        let canvas = painted(strokes)
        let asDrawn = widthAcrossMiddle(try #require(canvas.mnistImage()))
        let read = widthAcrossMiddle(try #require(canvas.mnistImage(strokes: strokes)))
        #expect(asDrawn > 6, "as drawn: \(asDrawn)")
        #expect(abs(read - StrokeWidth.accepted.upperBound) < 0.6, "read: \(read)")
    }

    @Test func aBigDigitDrawnWithATinyBrushIsReadThicker() throws {
        let strokes = [verticalLine(length: 300, radius: 3)]
        let canvas = painted(strokes)
        let asDrawn = widthAcrossMiddle(try #require(canvas.mnistImage()))
        let read = widthAcrossMiddle(try #require(canvas.mnistImage(strokes: strokes)))
        #expect(asDrawn < 1.2, "as drawn: \(asDrawn)")
        #expect(abs(read - StrokeWidth.accepted.lowerBound) < 0.6, "read: \(read)")
    }

    @Test func erasingStillErasesInTheRepaint() throws {
        // Two small lines with a big brush; the right one is rubbed out.
        var eraser = verticalLine(length: 30, radius: 20, x: 240)
        eraser.erasing = true
        let strokes = [verticalLine(length: 30, radius: 11), verticalLine(length: 30, radius: 11, x: 240), eraser]
        let read = try #require(painted(strokes).mnistImage(strokes: strokes))
        // Only the left line is left, thinned, alone in the middle of the image.
        let width = widthAcrossMiddle(read)
        #expect(width > 2 && width < 6, "width \(width)")
        #expect(read.enumerated().filter { $0.element > 0.5 }.allSatisfy { abs($0.offset % 28 - 14) <= 4 })
    }
}
