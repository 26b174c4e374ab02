import Foundation
import Testing
@testable import DigitsCore

@Suite("Augmentation")
struct AugmentationTests {
    /// A plain "7": a top bar and a diagonal, in MNIST's framing.
    static func seven() -> [Float] {
        var image = [Float](repeating: 0, count: 784)
        for x in 8...19 { image[6 * 28 + x] = 1; image[7 * 28 + x] = 1 }
        for y in 8...21 {
            let x = 19 - (y - 8) / 2
            image[y * 28 + x] = 1; image[y * 28 + x - 1] = 1
        }
        return image
    }

    func centreOfMass(_ image: [Float]) -> (x: Float, y: Float) {
        var total: Float = 0, sx: Float = 0, sy: Float = 0
        for y in 0..<28 { for x in 0..<28 { let v = image[y * 28 + x]; total += v; sx += v * Float(x); sy += v * Float(y) } }
        return (sx / total, sy / total)
    }

    @Test("distorted images stay in MNIST's format: values in 0...1, centred, 20-pixel box")
    func format() {
        var augmenter = Augmenter(.standard, seed: 1)
        var batch = (0..<32).flatMap { _ in Self.seven() }
        augmenter.distort(&batch, labels: [UInt8](repeating: 7, count: 32), count: 32, rows: 28, columns: 28)
        var changed = 0
        for index in 0..<32 {
            let image = Array(batch[(index * 784)..<((index + 1) * 784)])
            #expect(image.allSatisfy { $0 >= 0 && $0 <= 1 })
            // Untouched images keep the hand-made seven's framing; distorted ones are renormalised.
            guard image != Self.seven() else { continue }
            changed += 1
            let centre = centreOfMass(image)
            #expect(abs(centre.x - 14) < 1 && abs(centre.y - 14) < 1, "image \(index) centred at \(centre)")
            #expect((image.max() ?? 0) > 0.999, "strokes keep full ink")
        }
        // Probability 0.8 of 32 images: a handful may pass untouched, most must not.
        #expect(changed >= 16)
    }

    @Test("the same seed gives the same distortions")
    func deterministic() {
        var first = Augmenter(.standard, seed: 42), second = Augmenter(.standard, seed: 42)
        var a = (0..<8).flatMap { _ in Self.seven() }, b = a
        let labels: [UInt8] = [7, 1, 7, 1, 7, 1, 7, 1]
        first.distort(&a, labels: labels, count: 8, rows: 28, columns: 28)
        second.distort(&b, labels: labels, count: 8, rows: 28, columns: 28)
        #expect(a == b)
    }

    @Test("thicker strokes have more ink, thinner less")
    func thickness() {
        var field = [Float](repeating: 0, count: 20 * 20)
        // A two-pixel stroke with a grey rim, as anti-aliased strokes have.
        for y in 4..<16 { field[y * 20 + 9] = 0.3; field[y * 20 + 10] = 1; field[y * 20 + 11] = 1; field[y * 20 + 12] = 0.3 }
        let ink = field.reduce(0, +)
        #expect(Augmenter.changeThickness(field, side: 20, thicker: true).reduce(0, +) > ink * 1.5)
        #expect(Augmenter.changeThickness(field, side: 20, thicker: false).reduce(0, +) < ink)
    }

    /// A bare upright "1": a two-pixel stroke from row 4 to row 23.
    static func one() -> [Float] {
        var image = [Float](repeating: 0, count: 784)
        for y in 4...23 { image[y * 28 + 13] = 1; image[y * 28 + 14] = 1 }
        return image
    }

    /// How much ink lies in the columns `columns` (all rows).
    func ink(_ image: [Float], columns: ClosedRange<Int>) -> Float {
        (0..<28).reduce(0) { sum, y in sum + columns.reduce(0) { $0 + image[y * 28 + $1] } }
    }

    @Test("a flagged 1 gets its flag down to the left of the top, and a foot when asked")
    func flaggedOne() {
        let bare = Self.one()
        let flagged = WritingStyle.flaggedOne(length: 0.4, angle: 45 * .pi / 180, footLeft: 0, footRight: 0)
            .draw(on: bare, side: 28)
        // The flag reaches about 0.4 * 20 * cos 45° = 5.7 pixels left of the stroke, in the top half.
        #expect(ink(flagged, columns: 7...11) > 3)
        let flagRows = (0..<28).filter { y in (7...11).contains { flagged[y * 28 + $0] > 0.5 } }
        #expect(flagRows.allSatisfy { $0 < 14 }, "flag rows \(flagRows)")
        #expect(ink(flagged, columns: 15...27) < 2, "nothing to the right of the stroke")
        #expect(zip(bare, flagged).allSatisfy { $1 >= $0 }, "the digit's own ink stays")

        let footed = WritingStyle.flaggedOne(length: 0.4, angle: 45 * .pi / 180, footLeft: 0.25, footRight: 0.25)
            .draw(on: bare, side: 28)
        let bottomRow = (0..<28).map { footed[23 * 28 + $0] }
        #expect(bottomRow.filter { $0 > 0.5 }.count >= 8, "a foot about ten pixels wide on the bottom row")
    }

    @Test("a crossed 7 gets a bar across its stem below the top")
    func crossedSeven() {
        let seven = Self.seven()
        let crossed = WritingStyle.crossedSeven(height: 0.5, left: 0.25, right: 0.25, tilt: 0).draw(on: seven, side: 28)
        // The stem crosses row 14 at about column 15; the bar spans about five pixels either side.
        let row = (0..<28).map { crossed[14 * 28 + $0] }
        #expect(row.filter { $0 > 0.5 }.count >= 8)
        #expect((0..<28).allSatisfy { crossed[2 * 28 + $0] == 0 }, "nothing added above the digit")
    }

    @Test("pen strokes: one even width along the digit's centre lines, the width asked for")
    func penStroke() {
        // A seven with strokes of uneven width: the bar three pixels tall, the stem two wide.
        var seven = Self.seven()
        for x in 8...19 { seven[8 * 28 + x] = 1 }
        let skeleton = PenStroke.centreLines(of: seven, side: 28)
        // Thinning leaves about one pixel per unit of length: bar (12) and stem (14 rows).
        #expect((20...34).contains(skeleton.filter { $0 }.count))
        for width in [2, 3, 4] as [Float] {
            guard let redrawn = PenStroke.redraw(seven, side: 28, width: width),
                  let normalized = MNISTFormat.normalize(pixels: redrawn, width: 28, height: 28) else {
                Issue.record("no ink after redrawing at width \(width)"); continue
            }
            // Ink per unit of centre line is the stroke width, once normalised.
            let length = Float(PenStroke.centreLines(of: normalized, side: 28).filter { $0 }.count)
            let measured = normalized.reduce(0, +) / length
            #expect(abs(measured - width) < 1.0, "asked \(width), measured \(measured)")
        }
        #expect(PenStroke.redraw([Float](repeating: 0, count: 784), side: 28, width: 3) == nil)
    }

    @Test("styles go only to 1s and 7s, and a recipe without the new distortions is unchanged by them")
    func stylesOnlyForOnesAndSevens() {
        #expect(WritingStyle.applies(to: 1) && WritingStyle.applies(to: 7))
        #expect(!(0...9).filter { $0 != 1 && $0 != 7 }.contains { WritingStyle.applies(to: UInt8($0)) })
        var plain = Augmentation.standard
        plain.penStroke = 0; plain.writingStyles = 0
        var first = Augmenter(plain, seed: 3), second = Augmenter(plain, seed: 3)
        var a = (0..<8).flatMap { _ in Self.one() }, b = a
        first.distort(&a, labels: [UInt8](repeating: 1, count: 8), count: 8, rows: 28, columns: 28)
        second.distort(&b, labels: [UInt8](repeating: 4, count: 8), count: 8, rows: 28, columns: 28)
        #expect(a == b, "with both off, labels play no part")
    }
}
