import Foundation
import Testing
@testable import DigitsCore

/// The committed non-digit set (Tests/Fixtures/non-digits) is exactly what `NonDigitSet.make`
/// writes, and the generator behind it is seeded, varied and honest about what it draws.
@Suite("Non-digit set and generator")
struct NonDigitSetTests {
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/non-digits/non-digits.json").path

    @Test("the committed file is what the generator writes (DIGITS_RECORD_NON_DIGITS=1 rewrites it)")
    func committedFileMatchesGenerator() throws {
        let made = NonDigitSet.make().encoded()
        if ProcessInfo.processInfo.environment["DIGITS_RECORD_NON_DIGITS"] == "1" {
            try Data(made).write(to: URL(fileURLWithPath: Self.path))
        }
        let committed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.path)))
        #expect(committed == made, "Tests/Fixtures/non-digits/non-digits.json differs from NonDigitSet.make()")
        let set = try DrawnDigitSet.load(path: Self.path)
        #expect(set == NonDigitSet.make())
    }

    @Test("every drawing is no digit, replays to ink, on a screen canvas with a screen brush")
    func drawingsAreValid() throws {
        let set = NonDigitSet.make()
        #expect(set.drawings.allSatisfy { $0.label == nil })
        #expect(set.drawings(in: .development).count == NonDigitSet.perKind * NonDigitKind.training.count)
        #expect(set.drawings(in: .heldOut).count
                == NonDigitSet.perKind * (NonDigitKind.training.count + NonDigitKind.heldOutOnly.count))
        for drawing in set.drawings {
            #expect(NonDigitGenerator.brushPercents.contains(drawing.brushPercent))
            #expect(drawing.strokes.allSatisfy { $0.allSatisfy(drawing.canvas.contains) }, "\(drawing.id)")
            #expect(DrawnDigitReplay.image(for: drawing) != nil, "\(drawing.id) left no ink")
        }
        // Held-out-only kinds are never among the development writers.
        let developmentKinds = Set(set.writers.filter { $0.split == .development }.map(\.name))
        #expect(NonDigitKind.heldOutOnly.allSatisfy { !developmentKinds.contains($0.rawValue) })
    }

    @Test("the same seed gives the same drawings; another seed others")
    func seeded() {
        var a = NonDigitGenerator(seed: 5), b = NonDigitGenerator(seed: 5), c = NonDigitGenerator(seed: 6)
        let first = a.drawings(40)
        #expect(first == b.drawings(40))
        #expect(first != c.drawings(40))
        #expect(Set(first.map(\.writer)) == Set(NonDigitKind.training.map(\.rawValue)))
    }

    @Test("the training pool is the same for a seed and every image is inked, in 0...1")
    func pool() {
        let one = NonDigitImages(count: 64, seed: 3), two = NonDigitImages(count: 64, seed: 3)
        #expect(one.pixels == two.pixels)
        for index in 0..<64 {
            let image = one.pixels[(index * 784)..<((index + 1) * 784)]
            #expect(image.contains { $0 > 0.5 }, "image \(index) is blank")
            #expect(image.allSatisfy { (0...1).contains($0) })
        }
    }

    @Test("stray lines stay within 30 degrees of horizontal: a steeper one would be a 1")
    func strayLinesAreNotOnes() {
        var generator = NonDigitGenerator(seed: 11, kinds: [.strayLine])
        for drawing in generator.drawings(50) {
            let cells = drawing.strokes.flatMap { $0 }
            let columns = cells.map(\.column), rows = cells.map(\.row)
            let width = Float(columns.max()! - columns.min()! + 1)
            // A cell is two screen pixels tall: the line's height in screen pixels.
            let height = Float(rows.max()! - rows.min()!) * 2
            let bowAllowance: Float = 0.12 * width * 2 + 2
            #expect(height <= width * tan(30 * .pi / 180) + bowAllowance, "\(drawing.id) \(drawing.template ?? "")")
        }
    }
}
