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
        augmenter.distort(&batch, count: 32, rows: 28, columns: 28)
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
        first.distort(&a, count: 8, rows: 28, columns: 28)
        second.distort(&b, count: 8, rows: 28, columns: 28)
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
}
