/// The lines in which a rendered snapshot differs from its file, as a failure message a person
/// can read: line numbers, the expected and actual text, and a caret under the first column
/// that differs. Screens have one line per row, so lines are compared by position: a moved box
/// shows as the rows it moved through, which is what a reviewer wants to see anyway.
struct SnapshotDiff {
    /// How many differing lines the report spells out; the count of the rest follows.
    static let shownLines = 8

    let expected: [String]
    let actual: [String]
    /// 0-based indices of the lines that differ.
    let differing: [Int]

    /// Nil when the texts are the same.
    init?(expected: String, actual: String) {
        let wanted = Self.lines(expected), got = Self.lines(actual)
        let differing = (0..<max(wanted.count, got.count)).filter { Self.line($0, of: wanted) != Self.line($0, of: got) }
        if differing.isEmpty { return nil }
        self.expected = wanted
        self.actual = got
        self.differing = differing
    }

    /// A file's lines, without the empty one after its final newline.
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func line(_ index: Int, of lines: [String]) -> String? {
        lines.indices.contains(index) ? lines[index] : nil
    }

    var report: String {
        var text = "\(differing.count) of \(max(expected.count, actual.count)) lines differ"
        if expected.count != actual.count { text += " (expected \(expected.count) lines, got \(actual.count))" }
        text += ":\n"
        for index in differing.prefix(Self.shownLines) {
            let wanted = Self.line(index, of: expected), got = Self.line(index, of: actual)
            text += "line \(index + 1):\n"
            text += "  expected: " + (wanted.map { "|\($0)|" } ?? "<no line>") + "\n"
            text += "  actual:   " + (got.map { "|\($0)|" } ?? "<no line>") + "\n"
            if let wanted, let got, let column = Self.firstDifference(wanted, got) {
                text += "             " + String(repeating: " ", count: column) + "^ column \(column + 1)\n"
            }
        }
        if differing.count > Self.shownLines {
            text += "... and \(differing.count - Self.shownLines) more lines\n"
        }
        text += "actual, '!' marks the lines that differ:\n"
        let marked = Set(differing)
        for (index, line) in actual.enumerated() {
            text += (marked.contains(index) ? "! " : "  ") + line + "\n"
        }
        return text
    }

    /// The first 0-based character position at which two lines differ.
    static func firstDifference(_ a: String, _ b: String) -> Int? {
        let a = Array(a), b = Array(b)
        for index in 0..<max(a.count, b.count) {
            if index >= a.count || index >= b.count || a[index] != b[index] { return index }
        }
        return nil
    }
}
