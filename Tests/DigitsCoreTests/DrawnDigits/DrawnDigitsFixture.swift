import Foundation
@testable import DigitsCore

/// The shipped set of drawn digits (Tests/Fixtures/drawn-digits), and small sets built in code.
enum DrawnDigitsFixture {
    /// Tests/Fixtures/drawn-digits/drawn-digits.json, found from this source file.
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/drawn-digits/drawn-digits.json").path

    /// A drawing on the 80x24 screen's 28x20 canvas.
    static func drawing(_ strokes: [[(Int, Int)]], label: Int = 1, id: String = "d",
                        canvas: CellSize = CellSize(columns: 28, rows: 20), brushPercent: Int = 100) -> DrawnDigit {
        DrawnDigit(id: id, label: label, writer: "w", canvas: canvas, brushPercent: brushPercent,
                   strokes: strokes.map { $0.map { CellPoint(column: $0.0, row: $0.1) } })
    }

    /// Cells from `from` to `to` as a mouse dragged slowly reports them: every cell on the way.
    static func line(_ from: (Int, Int), _ to: (Int, Int)) -> [(Int, Int)] {
        let steps = max(abs(to.0 - from.0), abs(to.1 - from.1))
        guard steps > 0 else { return [from] }
        return (0...steps).map { step in
            let t = Double(step) / Double(steps)
            return (from.0 + Int((Double(to.0 - from.0) * t).rounded()),
                    from.1 + Int((Double(to.1 - from.1) * t).rounded()))
        }
    }

    /// A minimal valid file, with `drawing` replacing the one drawing's JSON when given.
    static func json(writers: String = #"[{"name":"w","split":"held-out","style":"s"}]"#,
                     drawing: String = #"{"id":"a","label":1,"writer":"w","canvas":{"columns":28,"rows":20},"strokes":[[[14,3],[14,16]]]}"#,
                     extra: String = "") -> String {
        #"{"format":"digits-drawn-strokes","version":1,"writers":"# + writers + #","drawings":["# + drawing + "]" + extra + "}"
    }

    /// The 28x28 image as rows of text, for messages.
    static func art(_ image: [Float]) -> String {
        DigitArt().lines(of: image.map { UInt8(min(max($0, 0), 1) * 255) }, rows: 28, columns: 28)
            .joined(separator: "\n")
    }
}
