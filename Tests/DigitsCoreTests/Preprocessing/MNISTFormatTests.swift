import Foundation
import Testing
@testable import DigitsCore

/// The MNIST directory from DIGITS_DATA, nil when unset.
let preprocessingDataDirectory = ProcessInfo.processInfo.environment["DIGITS_DATA"]

@Suite("MNIST format")
struct MNISTFormatTests {
    /// A `width` x `height` image, 0 except `value` in the given rectangle.
    func image(width: Int, height: Int, ink columns: Range<Int>, _ rows: Range<Int>, value: Float = 1) -> [Float] {
        var pixels = [Float](repeating: 0, count: width * height)
        for y in rows { for x in columns { pixels[y * width + x] = value } }
        return pixels
    }

    /// Rows and columns of a 28x28 image that hold any ink, and its centre of mass in indices.
    func footprint(_ image: [Float]) -> (rows: ClosedRange<Int>, columns: ClosedRange<Int>, centre: (x: Float, y: Float))? {
        var rows: [Int] = [], columns: [Int] = []
        var mass: Float = 0, momentX: Float = 0, momentY: Float = 0
        for y in 0..<28 {
            for x in 0..<28 where image[y * 28 + x] > 0 {
                rows.append(y)
                columns.append(x)
                mass += image[y * 28 + x]
                momentX += Float(x) * image[y * 28 + x]
                momentY += Float(y) * image[y * 28 + x]
            }
        }
        guard let top = rows.min(), let bottom = rows.max(), let left = columns.min(), let right = columns.max()
        else { return nil }
        return (top...bottom, left...right, (momentX / mass, momentY / mass))
    }

    @Test("an empty drawing, or one with only sub-threshold specks, has no MNIST image")
    func empty() {
        #expect(MNISTFormat.normalize(pixels: [Float](repeating: 0, count: 100 * 80), width: 100, height: 80) == nil)
        #expect(MNISTFormat.normalize(pixels: [Float](repeating: 0.001, count: 100), width: 10, height: 10) == nil)
        #expect(MNISTFormat.normalize(pixels: [Float](repeating: -1, count: 100), width: 10, height: 10) == nil)
        #expect(MNISTFormat.normalize(pixels: [], width: 0, height: 0) == nil)
        // A pixel count that disagrees with the size is refused rather than read out of bounds.
        #expect(MNISTFormat.normalize(pixels: [1, 1, 1], width: 2, height: 2) == nil)
    }

    @Test("a square comes out 20 pixels on a side, solid, with its centre of mass at (14, 14)")
    func centredSquare() throws {
        let result = try #require(MNISTFormat.normalize(
            pixels: image(width: 100, height: 100, ink: 30..<70, 30..<70), width: 100, height: 100))
        #expect(result.count == 784)
        let shape = try #require(footprint(result))
        #expect(shape.rows.count == 20 && shape.columns.count == 20)
        #expect(result.filter { $0 == 1 }.count == 400)
        #expect(abs(shape.centre.x - 14) <= 0.5 && abs(shape.centre.y - 14) <= 0.5)
    }

    @Test("where the drawing is on the canvas does not matter")
    func offCentreDrawingIsMoved() {
        let centred = MNISTFormat.normalize(pixels: image(width: 300, height: 200, ink: 130..<170, 70..<150),
                                            width: 300, height: 200)
        let corner = MNISTFormat.normalize(pixels: image(width: 300, height: 200, ink: 0..<40, 120..<200),
                                           width: 300, height: 200)
        let elsewhere = MNISTFormat.normalize(pixels: image(width: 300, height: 200, ink: 251..<291, 3..<83),
                                              width: 300, height: 200)
        #expect(centred != nil)
        #expect(centred == corner)
        #expect(centred == elsewhere)
    }

    @Test("a tall thin bar keeps its aspect ratio: 10x100 becomes 2x20")
    func tallBarKeepsAspect() throws {
        let result = try #require(MNISTFormat.normalize(
            pixels: image(width: 200, height: 200, ink: 47..<57, 61..<161), width: 200, height: 200))
        let shape = try #require(footprint(result))
        #expect(shape.rows.count == 20)
        #expect(shape.columns.count == 2)
        // Each output pixel averages 5x5 source pixels: 1 up to Float rounding.
        #expect(result.filter { $0 > 0.9999 }.count == 40)
        #expect(shape.rows.contains(14) && shape.columns.contains(14))
    }

    @Test("a wide bar keeps its aspect ratio, and a fractional width leaves a partly covered column")
    func fractionalAspect() throws {
        // 100 wide, 10 high: 20 x 2.
        let wide = try #require(MNISTFormat.normalize(
            pixels: image(width: 150, height: 120, ink: 20..<120, 50..<60), width: 150, height: 120))
        let wideShape = try #require(footprint(wide))
        #expect(wideShape.columns.count == 20 && wideShape.rows.count == 2)
        // 7 wide, 100 high: 1.4 columns, so one full column and one at 0.4.
        let thin = try #require(MNISTFormat.normalize(
            pixels: image(width: 50, height: 120, ink: 20..<27, 10..<110), width: 50, height: 120))
        let thinShape = try #require(footprint(thin))
        #expect(thinShape.columns.count == 2 && thinShape.rows.count == 20)
        let columnSums = thinShape.columns.map { x in (0..<28).map { thin[$0 * 28 + x] }.reduce(0, +) }
        #expect(abs(columnSums[0] - 20) < 1e-3 && abs(columnSums[1] - 8) < 1e-3)
    }

    @Test("area averaging keeps the total ink, scaled by the area factor, and gives grey edges")
    func areaAveraging() throws {
        // A 3-pixel-wide diagonal band on a 140x140 canvas; scale 20/140.
        var pixels = [Float](repeating: 0, count: 140 * 140)
        for i in 0..<140 {
            for x in max(0, i - 1)...min(139, i + 1) { pixels[i * 140 + x] = 1 }
        }
        let result = try #require(MNISTFormat.normalize(pixels: pixels, width: 140, height: 140))
        let scale: Float = 20 / 140
        #expect(abs(result.reduce(0, +) - pixels.reduce(0, +) * scale * scale) < 1e-2)
        #expect(result.contains { $0 > 0.05 && $0 < 0.95 })
        #expect(result.allSatisfy { (0...1).contains($0) })
    }

    @Test("a small drawing is enlarged to 20 pixels")
    func smallDrawingIsEnlarged() throws {
        let result = try #require(MNISTFormat.normalize(
            pixels: image(width: 30, height: 30, ink: 10..<15, 12..<17, value: 0.8), width: 30, height: 30))
        let shape = try #require(footprint(result))
        #expect(shape.rows.count == 20 && shape.columns.count == 20)
        #expect(result.allSatisfy { $0 == 0 || abs($0 - 0.8) < 1e-5 })
        let single = try #require(MNISTFormat.normalize(
            pixels: image(width: 9, height: 9, ink: 4..<5, 4..<5), width: 9, height: 9))
        #expect(single.filter { $0 == 1 }.count == 400)
    }

    @Test("values above 1 are clamped and faint specks below the threshold do not widen the box")
    func clampingAndThreshold() throws {
        var pixels = image(width: 100, height: 100, ink: 40..<60, 20..<80, value: 3)
        pixels[0] = MNISTFormat.inkThreshold / 2
        pixels[99 * 100 + 99] = -5
        let result = try #require(MNISTFormat.normalize(pixels: pixels, width: 100, height: 100))
        let shape = try #require(footprint(result))
        #expect(shape.rows.count == 20 && shape.columns.count == 7)       // 20 x 6.67
        #expect(result.max() == 1)
    }

    @Test("a canvas's MNIST image is the normalisation of its pixels")
    func canvasImage() {
        var canvas = Canvas(width: 180, height: 150)
        canvas.stroke(from: CanvasPoint(x: 60, y: 30), to: CanvasPoint(x: 120, y: 30), radius: 6)
        canvas.stroke(from: CanvasPoint(x: 120, y: 30), to: CanvasPoint(x: 75, y: 125), radius: 6)
        let image = canvas.mnistImage()
        #expect(image != nil)
        #expect(image == MNISTFormat.normalize(pixels: canvas.pixels, width: 180, height: 150))
    }

    @Test("MNIST test digits are already in MNIST format: normalising them changes nothing",
          .enabled(if: preprocessingDataDirectory != nil, "DIGITS_DATA not set: no MNIST files to test against"))
    func mnistIsAFixedPoint() throws {
        let test = try MNIST.loadTest(directory: preprocessingDataDirectory ?? "")
        var unchanged = 0
        let count = test.count
        for index in 0..<count {
            let original = test.image(index).map { Float($0) / 255 }
            let result = try #require(MNISTFormat.normalize(pixels: original, width: 28, height: 28))
            if result == original { unchanged += 1 }
        }
        print("MNIST fixed point: \(unchanged) of \(count) unchanged")
        // Measured: 9,996 of the 10,000 test images come back bit for bit.
        #expect(unchanged >= count * 999 / 1000)
    }

    /// `original` (28x28 bytes) enlarged `factor` times onto a `width` x `height` canvas with
    /// its top-left corner at (`left`, `top`): by repeating pixels, or by bilinear
    /// interpolation (smooth edges, closer to a drawing).
    func enlarge(_ original: [Float], factor: Float, smooth: Bool, left: Int, top: Int,
                 width: Int, height: Int) -> [Float] {
        var canvas = [Float](repeating: 0, count: width * height)
        let side = Int((28 * factor).rounded(.up))
        func source(_ x: Int, _ y: Int) -> Float {
            (0..<28).contains(x) && (0..<28).contains(y) ? original[y * 28 + x] : 0
        }
        for y in 0..<side where (0..<height).contains(top + y) {
            for x in 0..<side where (0..<width).contains(left + x) {
                let value: Float
                if smooth {
                    let u = (Float(x) + 0.5) / factor - 0.5, v = (Float(y) + 0.5) / factor - 0.5
                    let x0 = Int(u.rounded(.down)), y0 = Int(v.rounded(.down))
                    let fx = u - Float(x0), fy = v - Float(y0)
                    value = (1 - fy) * ((1 - fx) * source(x0, y0) + fx * source(x0 + 1, y0))
                        + fy * ((1 - fx) * source(x0, y0 + 1) + fx * source(x0 + 1, y0 + 1))
                } else {
                    value = source(Int(Float(x) / factor), Int(Float(y) / factor))
                }
                canvas[(top + y) * width + left + x] = value
            }
        }
        return canvas
    }

    /// Mean absolute difference and Pearson correlation of two images.
    func compare(_ a: [Float], _ b: [Float]) -> (meanAbsolute: Float, correlation: Float) {
        let n = Float(a.count)
        let meanA = a.reduce(0, +) / n, meanB = b.reduce(0, +) / n
        var covariance: Float = 0, varianceA: Float = 0, varianceB: Float = 0, absolute: Float = 0
        for (x, y) in zip(a, b) {
            covariance += (x - meanA) * (y - meanB)
            varianceA += (x - meanA) * (x - meanA)
            varianceB += (y - meanB) * (y - meanB)
            absolute += abs(x - y)
        }
        return (absolute / n, covariance / (varianceA * varianceB).squareRoot())
    }

    @Test("an MNIST digit enlarged and moved on a big canvas comes back close to the original",
          .enabled(if: preprocessingDataDirectory != nil, "DIGITS_DATA not set: no MNIST files to test against"),
          arguments: [(factor: Float(5), smooth: false, left: 37, top: 23),
                      (factor: Float(5.5), smooth: true, left: 113, top: 9),
                      (factor: Float(3.3), smooth: true, left: 4, top: 101)])
    func enlargedDigitRoundTrip(factor: Float, smooth: Bool, left: Int, top: Int) throws {
        let test = try MNIST.loadTest(directory: preprocessingDataDirectory ?? "")
        let count = 500
        var differences: [Float] = [], correlations: [Float] = []
        for index in 0..<count {
            let original = test.image(index).map { Float($0) / 255 }
            let canvas = enlarge(original, factor: factor, smooth: smooth, left: left, top: top, width: 300, height: 200)
            let result = try #require(MNISTFormat.normalize(pixels: canvas, width: 300, height: 200))
            let (difference, correlation) = compare(original, result)
            differences.append(difference)
            correlations.append(correlation)
        }
        differences.sort()
        correlations.sort()
        let meanDifference = differences.reduce(0, +) / Float(count)
        let meanCorrelation = correlations.reduce(0, +) / Float(count)
        print("round trip x\(factor) \(smooth ? "smooth" : "blocky") at (\(left), \(top)): mean |diff| \(meanDifference), worst \(differences[count - 1]), 99th pct \(differences[count * 99 / 100]); mean corr \(meanCorrelation), worst \(correlations[0]), 1st pct \(correlations[count / 100])")
        // Thresholds from measurements (first 500 test images, pixels in 0...1):
        // - blocky x5 (pixel repetition): the box filter undoes it exactly; measured mean
        //   |diff| 2e-7, worst correlation 0.99999.
        // - smooth x5.5 and x3.3 (bilinear): the interpolation itself blurs and spreads the
        //   digit half a source pixel, which shrinks it slightly once rescaled; measured mean
        //   |diff| 0.035 and 0.038 (99th percentile 0.073, 0.085), mean correlation 0.935 and
        //   0.924 (1st percentile 0.755, 0.733).
        if smooth {
            #expect(meanDifference < 0.05)
            #expect(meanCorrelation > 0.9)
            #expect(differences[count * 99 / 100] < 0.1)
            #expect(correlations[count / 100] > 0.7)
        } else {
            #expect(differences[count - 1] < 1e-5)
            #expect(correlations[0] > 0.9999)
        }
    }
}
