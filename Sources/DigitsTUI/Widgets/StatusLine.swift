/// The bottom row: the keys that matter now, as many as fit, the last ones (help and quit)
/// always kept.
public enum StatusLine {
    /// How many trailing hints are kept even when earlier ones must be dropped.
    static let keptAtEnd = 2

    public static func render(into frame: inout Frame, row: Int, hints: [KeyHint], theme: Theme) {
        frame.fill(Rect(x: 0, y: row, width: frame.width, height: 1), with: Cell(" ", style: theme.bar))
        let shown = fitting(hints, width: frame.width - 1)
        var column = 1
        for hint in shown {
            column = frame.put(hint.keys, x: column, y: row, style: theme.barKey)
            column = frame.put(" \(hint.action)", x: column, y: row, style: theme.bar)
            column += 2
        }
    }

    /// The hints that fit in `width` cells, dropping from the middle (lowest priority first)
    /// so the global ones at the end survive.
    static func fitting(_ hints: [KeyHint], width: Int) -> [KeyHint] {
        func length(_ list: [KeyHint]) -> Int {
            list.reduce(0) { $0 + $1.keys.count + 1 + $1.action.count } + max(0, list.count - 1) * 2
        }
        let tail = Array(hints.suffix(keptAtEnd))
        var head = Array(hints.dropLast(keptAtEnd))
        while !head.isEmpty && length(head + tail) > width { head.removeLast() }
        return head + tail
    }
}
