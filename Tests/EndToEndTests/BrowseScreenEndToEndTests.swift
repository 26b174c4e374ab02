import Foundation
import Testing

/// `digits browse` in tmux on the real MNIST test set: a mistake and its labels show, moving
/// selects the next one, a confusion-matrix cell lists images whose labels and count agree with
/// `digits eval`, and q gives the shell back.
@Suite("Browse screen in tmux",
       .enabled(if: TmuxSession.isAvailable, "tmux is not installed"),
       .enabled(if: ProcessInfo.processInfo.environment["DIGITS_DATA"] != nil,
                "DIGITS_DATA not set: point it at the MNIST files to run this"),
       .serialized)
struct BrowseScreenEndToEndTests {
    /// One row of the list: image index, true digit, predicted digit.
    struct Row: Equatable {
        let index: Int
        let trueLabel: Int
        let predicted: Int
    }

    /// The rows of the list box, top to bottom.
    static func rows(in screen: String) -> [Row] {
        screen.split(separator: "\n").compactMap { line in
            guard let match = line.firstMatch(of: /^│ +([0-9]+) +([0-9]) +([0-9])  [0-9][ ]/),
                  let index = Int(match.1), let trueLabel = Int(match.2), let predicted = Int(match.3)
            else { return nil }
            return Row(index: index, trueLabel: trueLabel, predicted: predicted)
        }
    }

    /// The index in the title of the art box beside the list: "┌ #149 ──".
    static func selectedIndex(in screen: String) -> Int? {
        screen.firstMatch(of: /┐ ┌ #([0-9]+)[ ]/).flatMap { Int($0.1) }
    }

    /// `digits eval --json`'s confusion matrix for the same model and data.
    static func evalConfusion(binary: String, arguments: [String]) throws -> [[Int]] {
        let result = try TmuxSession.execute([binary, "eval", "--json"] + arguments)
        #expect(result.status == 0, "digits eval failed: \(result.output)")
        let line = try #require(result.output.split(separator: "\n").last { $0.hasPrefix("{") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        return try #require(object["confusion"] as? [[Int]])
    }

    @Test func browseMistakesAndAConfusionCellAgreeWithEval() throws {
        let binary = try #require(DigitsBinary.path, "no digits binary found: run `swift build` first")
        let data = try #require(ProcessInfo.processInfo.environment["DIGITS_DATA"])
        let model = try DigitsBinary.shippedModel ?? DigitsBinary.writeRandomModel()
        let arguments = ["--model", model, "--data", data]
        let confusion = try Self.evalConfusion(binary: binary, arguments: arguments)

        let session = try TmuxSession(width: 80, height: 24)
        defer { session.close() }
        try session.run(([binary, "browse"] + arguments).map(DigitsBinary.quoted).joined(separator: " ")
                        + "; echo \"exit-status-$?\"")
        let first = try session.waitForStable(timeout: .seconds(60)) { !Self.rows(in: $0).isEmpty }
        let rows = Self.rows(in: first)
        let top = try #require(rows.first, "no list of mistakes:\n\(first)")
        #expect(top.trueLabel != top.predicted, "the list starts with mistakes:\n\(first)")
        #expect(Self.selectedIndex(in: first) == top.index)
        #expect(first.contains("true \(top.trueLabel)  predicted \(top.predicted)"))
        #expect(confusion[top.trueLabel][top.predicted] > 0)
        let mistakes = (0..<10).flatMap { t in (0..<10).filter { $0 != t }.map { confusion[t][$0] } }.reduce(0, +)
        #expect(first.contains("Mistakes \(mistakes) "), "eval counts \(mistakes) mistakes:\n\(first)")

        // j selects the next mistake, and the art beside the list follows.
        if rows.count > 1 {
            try session.send(keys: "j")
            // Throws, showing the screen, if the selection does not move.
            try session.waitFor { Self.selectedIndex(in: $0) == rows[1].index }
        }

        // 80x24 lists 19 rows, 160x50 lists 45. A bigger terminal re-lays out: more rows, the same selection, two columns per pixel.
        let selectedBefore = Self.selectedIndex(in: try session.capture())
        try session.resize(width: 160, height: 50)
        let big = try session.waitForStable { Self.rows(in: $0).count == min(45, mistakes) }
        #expect(Self.selectedIndex(in: big) == selectedBefore)
        #expect(big.contains("┐ ┌ #\(selectedBefore ?? -1) " + String(repeating: "─", count: 20)), "art box at 160x50:\n\(big)")
        try session.resize(width: 80, height: 24)
        try session.waitForStable { Self.rows(in: $0).count == min(19, mistakes) }

        // The matrix opens on the biggest confusion; one row down is another cell to try too.
        try session.send(keys: "m")
        try session.send(keys: "Down")
        let matrix = try session.waitForStable { $0.contains("Confusion matrix") }
        let cursor = try #require(matrix.firstMatch(of: /true ([0-9]), predicted ([0-9]): ([0-9]+) image/),
                                  "no cursor line:\n\(matrix)")
        let trueLabel = try #require(Int(cursor.1)), predicted = try #require(Int(cursor.2))
        let count = try #require(Int(cursor.3))
        #expect(count == confusion[trueLabel][predicted], "screen says \(count), eval \(confusion[trueLabel][predicted])")

        try session.send(keys: "Enter")
        let cell = try session.waitForStable { $0.contains("· predicted \(predicted)") }
        let title = trueLabel == predicted ? "All images" : "Mistakes"
        #expect(cell.contains("\(title) \(count) · true \(trueLabel) · predicted \(predicted)"), "\(cell)")
        let cellRows = Self.rows(in: cell)
        #expect(cellRows.count == min(count, 19), "rows listed:\n\(cell)")
        #expect(cellRows.allSatisfy { $0.trueLabel == trueLabel && $0.predicted == predicted }, "\(cell)")

        try session.send(keys: "q")
        let after = try session.waitFor { $0.contains(/exit-status-[0-9]/) }
        #expect(after.contains("exit-status-0"), "\(after)")
        #expect(try session.display("#{alternate_on}") == "0")
    }
}
