import Testing
@testable import DigitsCore

/// The shipped set of drawn digits is what its README promises.
@Suite("Drawn digits: the shipped set")
struct DrawnDigitsFixtureTests {
    let set: DrawnDigitSet

    init() throws {
        set = try DrawnDigitSet.load(path: DrawnDigitsFixture.path)
    }

    @Test func hasEnoughDrawingsOfEveryDigit() {
        #expect(set.drawings.count >= 200)
        for digit in DrawnDigitSet.labels {
            #expect(set.drawings.filter { $0.label == digit }.count >= 20, "digit \(digit)")
        }
    }

    @Test func keepsAtLeastTwoWritersBackAndEachDrewEveryDigit() {
        #expect(set.writers.count >= 5)
        let heldOut = set.writers.filter { $0.split == .heldOut }
        #expect(heldOut.count >= 2)
        #expect(set.writers.contains { $0.split == .development })
        #expect(set.drawings.allSatisfy { $0.label != nil }, "every drawing of the digit set is a digit")
        for writer in set.writers {
            let digits = Set(set.drawings.filter { $0.writer == writer.name }.compactMap(\.label))
            #expect(digits == Set(DrawnDigitSet.labels), "\(writer.name) drew \(digits.sorted())")
            #expect(!writer.style.isEmpty)
        }
    }

    @Test func everyDrawingLeavesInkAndUsesARealScreenCanvas() {
        // The Draw screen's canvas at the terminal sizes the generator uses (DrawLayout).
        let canvases: [CellSize: CellSize] = [
            CellSize(columns: 80, rows: 24): CellSize(columns: 28, rows: 20),
            CellSize(columns: 100, rows: 30): CellSize(columns: 44, rows: 26),
            CellSize(columns: 120, rows: 40): CellSize(columns: 57, rows: 36),
            CellSize(columns: 160, rows: 50): CellSize(columns: 65, rows: 46),
        ]
        for drawing in set.drawings {
            #expect(DrawnDigitReplay.image(for: drawing) != nil, "\(drawing.id) leaves no ink")
            if let terminal = drawing.terminal {
                #expect(canvases[terminal] == drawing.canvas, "\(drawing.id)")
            }
        }
        // Most people have a small terminal: the 80x24 canvas is the most common.
        let small = set.drawings.filter { $0.canvas == CellSize(columns: 28, rows: 20) }.count
        #expect(small * 3 >= set.drawings.count)
    }
}
