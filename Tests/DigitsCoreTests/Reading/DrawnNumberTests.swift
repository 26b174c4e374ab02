import Foundation
import Testing
@testable import DigitsCore

/// The grouping rule measured on real drawings: every drawing of the generated drawn-digit set
/// (and of the set `DIGITS_DRAWN_SET` names, e.g. the real pen digits) is one digit, however
/// many strokes it took; two and three of them side by side with a gap are two and three
/// digits, each read exactly as it is alone.
@Suite("Drawn numbers: grouping on the drawn-digit sets")
struct DrawnNumberTests {
    /// The sets measured: the shipped fixture, and `DIGITS_DRAWN_SET` when set.
    static func sets() throws -> [(name: String, set: DrawnDigitSet)] {
        var sets = [("drawn-digits fixture", try DrawnDigitSet.load(path: DrawnDigitsFixture.path))]
        if let path = ProcessInfo.processInfo.environment["DIGITS_DRAWN_SET"] {
            sets.append((path, try DrawnDigitSet.load(path: path)))
        }
        return sets
    }

    /// The widest gap inside a drawing, as a share of its height: the smallest tolerance that
    /// keeps it one group by gaps alone (0 when its strokes chain by overlap).
    static func neededTolerance(_ drawing: DrawnDigit) -> Float {
        let pieces = DrawnDigitReplay.strokes(for: drawing).compactMap(InkPiece.init).sorted { $0.left < $1.left }
        guard let first = pieces.first else { return 0 }
        let height = (pieces.map(\.bottom).max() ?? 0) - (pieces.map(\.top).min() ?? 0)
        var right = first.right, widest: Float = 0
        for piece in pieces.dropFirst() {
            widest = max(widest, piece.left - right)
            right = max(right, piece.right)
        }
        return height > 0 ? widest / height : 0
    }

    @Test("every drawing of the sets is one digit")
    func everyDrawingIsOneGroup() throws {
        for (name, set) in try Self.sets() {
            var split: [String] = []
            var needed: [Float] = []
            for drawing in set.drawings {
                let digits = DrawnDigitReplay.digitImages(for: drawing)
                if digits.count != 1 { split.append("\(drawing.id) (\(drawing.strokes.count) strokes): \(digits.count) groups") }
                // The single digit is the image it always was.
                #expect(digits.first?.image == DrawnDigitReplay.image(for: drawing), "\(drawing.id)")
                needed.append(Self.neededTolerance(drawing))
            }
            let multiStroke = set.drawings.count { $0.strokes.count > 1 }
            let gapped = needed.filter { $0 > 0 }.sorted()
            print("\(name): \(set.drawings.count - split.count) of \(set.drawings.count) drawings are one group "
                + "(\(multiStroke) of several strokes); \(gapped.count) need the gap tolerance, widest gap "
                + "\(gapped.last.map { String(format: "%.3f", $0) } ?? "-") of the height "
                + "(tolerance \(DigitGrouping.gapTolerance))")
            #expect(split.isEmpty, "\(name): \(split.joined(separator: "; "))")
        }
    }

    /// `drawings` side by side on one wider canvas: each moved so its ink starts `gap` cells
    /// (between the nearest cells the pointer went through) right of the one before, with as
    /// much room at both ends, on a canvas as tall as theirs and at least `minimum` wide. All
    /// must share a canvas height.
    static func sideBySide(_ drawings: [DrawnDigit], gap: Int, columns minimum: Int = 0) -> DrawnDigit {
        var strokes: [[CellPoint]] = [], next = gap
        for drawing in drawings {
            let columns = drawing.strokes.flatMap { $0.map(\.column) }
            let shift = next - (columns.min() ?? 0)
            strokes += drawing.strokes.map { $0.map { CellPoint(column: $0.column + shift, row: $0.row) } }
            next = (columns.max() ?? 0) + shift + gap
        }
        let first = drawings[0]
        return DrawnDigit(id: drawings.map(\.id).joined(separator: "+"), label: first.label, writer: first.writer,
                          canvas: CellSize(columns: max(next + 1, minimum), rows: first.canvas.rows),
                          brushPercent: first.brushPercent, strokes: strokes)
    }

    /// A gap a person leaves between digits: a fifth of the digit's height of blank, twice the
    /// tolerance, plus the brush's width (the gap is counted between the pointer's cells).
    static func gap(for drawing: DrawnDigit) -> Int {
        let geometry = CanvasGeometry(cells: drawing.canvas)
        let brush = 2 * geometry.brushRadius(factor: Float(drawing.brushPercent) / 100)
        let rows = drawing.strokes.flatMap { $0.map(\.row) }
        let height = Float(((rows.max() ?? 0) - (rows.min() ?? 0)) * 2) + brush
        return Int((0.2 * height + brush).rounded(.up)) + 1
    }

    @Test("pairs and triples side by side are two and three digits, each read as it is alone")
    func pairsAndTriples() throws {
        for (name, set) in try Self.sets() {
            // Drawings on the same canvas with the same brush (one brush per drawing), each
            // with the ones a few places on (other digits).
            let byCanvas = Dictionary(grouping: set.drawings) { "\($0.canvas) \($0.brushPercent)" }
            var tried = 0, wrongCount: [String] = [], changed: [String] = []
            for drawings in byCanvas.values {
                for index in drawings.indices {
                    // Pairs from every other drawing, triples from every sixth: the triples add
                    // the middle position, which the pairs lack. Each drawing still takes part
                    // in two or three numbers, and the test stays a few seconds long.
                    guard index % 2 == 0 else { continue }
                    for size in index % 6 == 0 ? [2, 3] : [2] {
                        let parts = (0..<size).map { drawings[(index + $0 * 7) % drawings.count] }
                        let gap = parts.map(Self.gap).max() ?? 1
                        let number = Self.sideBySide(parts, gap: gap)
                        let digits = DrawnDigitReplay.digitImages(for: number)
                        tried += 1
                        guard digits.count == size else {
                            wrongCount.append("\(number.id): \(digits.count) groups, gap \(gap)")
                            continue
                        }
                        // Each digit is read as that drawing alone with the same room around it,
                        // on as wide a canvas (a drawing whose brush ran off its own canvas's edge
                        // is not clipped here; a narrower canvas would have a thinner brush).
                        let alone = parts.map {
                            DrawnDigitReplay.image(for: Self.sideBySide([$0], gap: gap, columns: number.canvas.columns))
                        }
                        for (digit, (part, image)) in zip(digits, zip(parts, alone)) where digit.image != image {
                            changed.append("\(number.id): \(part.id)")
                        }
                    }
                }
            }
            print("\(name): \(tried - wrongCount.count) of \(tried) pairs and triples give as many groups as digits")
            #expect(wrongCount.isEmpty, "\(name): \(wrongCount.prefix(20).joined(separator: "; "))")
            #expect(changed.isEmpty, "\(name): digits not read as alone: \(changed.prefix(20).joined(separator: "; "))")
        }
    }
}
