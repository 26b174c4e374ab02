/// A box over the screen listing every key, grouped by section.
public enum HelpOverlay {
    public static func render(into frame: inout Frame, area: Rect, sections: [HelpSection], theme: Theme) {
        let keyWidth = min(22, sections.flatMap(\.hints).map(\.keys.count).max() ?? 0)
        var lines: [(String, Style)] = []
        for (index, section) in sections.enumerated() {
            if index > 0 { lines.append(("", theme.text)) }
            lines.append((section.title, theme.title))
            for hint in section.hints {
                lines.append(("  " + TextFit.padRight(hint.keys, to: keyWidth) + "  " + hint.action, theme.text))
            }
        }
        let contentWidth = lines.map(\.0.count).max() ?? 0
        let width = min(area.width, contentWidth + 4)
        let height = min(area.height, lines.count + 2)
        let box = area.centered(Size(width: width, height: height))
        frame.fill(box, with: .blank)
        frame.drawBox(box, style: theme.accent, glyphs: theme.glyphs, title: "Keys", titleStyle: theme.title)
        let inside = box.inset(by: 1)
        for (offset, line) in lines.prefix(inside.height).enumerated() {
            let text = TextFit.truncate(line.0, to: inside.width - 1, glyphs: theme.glyphs)
            frame.put(text, x: inside.x + 1, y: inside.y + offset, style: line.1)
        }
    }
}
