/// A bar chart of one value per epoch, in block characters (eighths of a cell, so small
/// changes show), with the scale at the left. The bars narrow as epochs are added and the
/// scale follows the values, so the chart always fills its space; past one column per epoch
/// it shows the latest epochs. The epoch in progress can be drawn as a last, dimmer bar.
struct EpochChart {
    var title: String
    var values: [Float]
    /// The running value of the epoch in progress.
    var live: Float?
    /// Whether bars start at zero (loss) or just below the smallest value (accuracy), where
    /// the interesting part is the last few percent.
    var fromZero: Bool
    var format: (Float) -> String

    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiBlocks: [Character] = [".", ".", "_", "_", "=", "=", "#", "#"]

    /// The bottom and top of the scale for `all` values.
    static func range(of all: [Float], fromZero: Bool) -> (low: Float, high: Float) {
        guard let lowest = all.min(), let highest = all.max() else { return (0, 1) }
        if fromZero { return (0, max(highest, 1e-6)) }
        let span = max(highest - lowest, 0.01)
        return (max(0, lowest - span * 0.25), highest)
    }

    func render(into frame: inout Frame, rect: Rect, theme: Theme) {
        guard rect.width >= 12, rect.height >= 3 else { return }
        let all = values + (live.map { [$0] } ?? [])
        let latest = all.last.map(format) ?? "-"
        frame.put(title, x: rect.x, y: rect.y, style: theme.title, maxWidth: rect.width)
        let latestText = " " + latest
        frame.put(latestText, x: rect.maxX - latestText.count, y: rect.y, style: theme.accent)
        let plotRows = rect.height - 2
        let axisWidth = 7
        let plot = Rect(x: rect.x + axisWidth, y: rect.y + 1, width: rect.width - axisWidth, height: plotRows)
        guard !all.isEmpty else {
            frame.putCentered("waits for the first batch", in: plot, y: plot.y + plotRows / 2, style: theme.dim)
            return
        }
        let (low, high) = Self.range(of: all, fromZero: fromZero)
        frame.put(TextFit.padLeft(format(high), to: axisWidth - 1), x: rect.x, y: plot.y, style: theme.dim)
        frame.put(TextFit.padLeft(format(low), to: axisWidth - 1), x: rect.x, y: plot.maxY - 1, style: theme.dim)
        for row in plot.y..<plot.maxY {
            frame[plot.x - 1, row] = Cell(theme.glyphs.vertical, style: theme.border)
        }
        // Columns per epoch: wide while there are few, one each when there are many.
        let shown = min(all.count, plot.width)
        let first = all.count - shown
        let columnWidth = max(1, min(6, plot.width / max(shown, 1)))
        let gap = columnWidth >= 3 ? 1 : 0
        let blocks = theme.glyphs.hasBlocks ? Self.blocks : Self.asciiBlocks
        for index in 0..<shown {
            let value = all[first + index]
            let isLive = live != nil && first + index == all.count - 1
            let fraction = high > low ? (value - low) / (high - low) : 1
            let eighths = max(1, Int((min(max(fraction, 0), 1) * Float(plotRows * 8)).rounded()))
            let style = isLive ? theme.dim : Style(foreground: theme.accent.foreground)
            for column in 0..<(columnWidth - gap) {
                let x = plot.x + index * columnWidth + column
                for level in 0..<plotRows {
                    let filled = eighths - level * 8
                    guard filled > 0 else { break }
                    frame[x, plot.maxY - 1 - level] = Cell(blocks[min(filled, 8) - 1], style: style)
                }
            }
        }
        // Epoch numbers under the first and last bars.
        let axisRow = plot.maxY
        frame.put("ep \(first + 1)", x: plot.x, y: axisRow, style: theme.dim)
        let lastLabel = "\(all.count)" + (live != nil ? " (now)" : "")
        let lastX = max(plot.x + 6, min(plot.x + (shown - 1) * columnWidth, plot.maxX - lastLabel.count))
        if shown > 1 { frame.put(lastLabel, x: lastX, y: axisRow, style: theme.dim) }
    }
}
