/// The top row: the program name, a tab per screen (the active one highlighted) and a note on
/// the right, such as the model in use.
public enum HeaderBar {
    public struct Tab: Hashable, Sendable {
        public var index: Int
        public var label: String
        public var columns: Range<Int>
    }

    static let brand = " digits "

    /// Where each tab is drawn, so clicks on them can switch screens.
    public static func tabs(for titles: [String]) -> [Tab] {
        var column = brand.count + 1
        return titles.enumerated().map { index, title in
            let label = " \(index + 1) \(title) "
            defer { column += label.count + 1 }
            return Tab(index: index, label: label, columns: column..<(column + label.count))
        }
    }

    public static func render(into frame: inout Frame, titles: [String], active: Int,
                              note: String?, theme: Theme) {
        frame.fill(Rect(x: 0, y: 0, width: frame.width, height: 1), with: Cell(" ", style: theme.bar))
        frame.put(brand, x: 0, y: 0, style: theme.barKey)
        let tabs = tabs(for: titles)
        for tab in tabs {
            let style = tab.index == active
                ? (theme.hasColors ? theme.barActive : theme.bar.bolded())
                : theme.bar
            let label = theme.hasColors || tab.index != active ? tab.label : "[\(tab.label.dropFirst().dropLast())]"
            frame.put(label, x: tab.columns.lowerBound, y: 0, style: style)
        }
        guard let note, let end = tabs.last?.columns.upperBound else { return }
        let room = frame.width - end - 3
        guard room > 8 else { return }
        let shown = TextFit.truncate(note, to: room, glyphs: theme.glyphs)
        frame.put(shown + " ", x: frame.width - shown.count - 1, y: 0, style: theme.bar)
    }
}
