/// A picture with caption lines under it: one tile of a side-by-side row or a grid.
public struct ArtPanel: Sendable, Equatable {
    /// The picture, e.g. from `DigitArt.lines(of:rows:columns:)`.
    public var art: [String]
    /// Lines printed under the picture, e.g. the image index and its labels.
    public var caption: [String]

    /// A panel of `art` with `caption` under it.
    public init(art: [String], caption: [String] = []) {
        self.art = art
        self.caption = caption
    }

    /// All lines, picture then caption.
    public var lines: [String] { art + caption }

    /// Columns the panel takes: its widest line.
    public var width: Int { lines.map(\.count).max() ?? 0 }

    /// Lines the panel takes.
    public var height: Int { art.count + caption.count }
}

/// Places panels of text next to each other, for terminals and pipes alike.
public enum ArtLayout {
    /// The panels left to right, tops aligned, each padded to its own width and separated by
    /// `gap` spaces. Trailing blanks are removed from every line, so the text diffs and pipes
    /// cleanly; a shorter panel leaves blank space under it.
    public static func sideBySide(_ panels: [ArtPanel], gap: Int = 2) -> [String] {
        let height = panels.map(\.height).max() ?? 0
        let spacer = String(repeating: " ", count: max(gap, 0))
        return (0..<height).map { row in
            let pieces = panels.map { panel -> String in
                let lines = panel.lines
                let text = row < lines.count ? lines[row] : ""
                return text + String(repeating: " ", count: max(panel.width - text.count, 0))
            }
            return trimmingTrailingSpaces(pieces.joined(separator: spacer))
        }
    }

    /// How many panels of `panelWidth` columns fit across `width` columns with `gap` between
    /// them; at least one, so a narrow terminal still gets one panel per row.
    public static func panelsPerRow(panelWidth: Int, width: Int, gap: Int = 2) -> Int {
        max(1, (width + gap) / max(panelWidth + gap, 1))
    }

    /// The panels in rows that fit `width` columns (all panels padded to the widest), rows
    /// separated by `rowGap` blank lines.
    public static func grid(_ panels: [ArtPanel], width: Int, gap: Int = 2, rowGap: Int = 1) -> [String] {
        let panelWidth = panels.map(\.width).max() ?? 0
        let across = panelsPerRow(panelWidth: panelWidth, width: width, gap: gap)
        // Pad the first line of every panel so narrow captions do not shift the columns.
        let padded = panels.map { panel in
            var panel = panel
            if panel.art.isEmpty { panel.art = [""] }
            panel.art[0] += String(repeating: " ", count: max(panelWidth - panel.art[0].count, 0))
            return panel
        }
        var lines: [String] = []
        for start in stride(from: 0, to: padded.count, by: across) {
            if start > 0 { lines.append(contentsOf: repeatElement("", count: max(rowGap, 0))) }
            lines.append(contentsOf: sideBySide(Array(padded[start..<min(start + across, padded.count)]), gap: gap))
        }
        return lines
    }

    static func trimmingTrailingSpaces(_ line: String) -> String {
        var line = Substring(line)
        while line.last == " " { line = line.dropLast() }
        return String(line)
    }
}
