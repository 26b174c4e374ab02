import DigitsCore
import Foundation

extension BrowseScreen {
    /// Columns per count in the matrix: room for "10000" and for "99.9%" under it.
    static let matrixCellWidth = 6

    /// Columns of the row labels, before the first count.
    static let matrixLabelWidth = 7

    /// The column where the matrix starts: centred in its box, with room for recall.
    static func matrixLeft(in layout: BrowseLayout, classes: Int) -> Int {
        let inside = layout.matrixBox.inset(by: 1)
        return inside.x + max(0, (inside.width - matrixLabelWidth - classes * matrixCellWidth - 8) / 2)
    }

    /// The matrix cell drawn at column `x`, row `y`, if any.
    static func matrixCell(atColumn x: Int, row y: Int, layout: BrowseLayout, classes: Int) -> MatrixCell? {
        let firstColumn = matrixLeft(in: layout, classes: classes) + matrixLabelWidth
        let firstRow = layout.matrixBox.y + 2
        guard x >= firstColumn, y >= firstRow else { return nil }
        let column = (x - firstColumn) / matrixCellWidth, row = y - firstRow
        guard column < classes, row < classes else { return nil }
        return MatrixCell(trueLabel: row, predicted: column)
    }

    /// A fraction as "99.3%", "100%" or "-", at most 5 characters.
    static func shortPercent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "-" }
        if fraction >= 0.9995 { return "100%" }
        return String(format: "%.1f%%", fraction * 100)
    }

    /// The confusion matrix: true digits down, predictions across, mistakes shaded by how many
    /// they are, recall at the end of each row and precision under each column; the cursor
    /// cell's count and what Enter does under it.
    func renderMatrix(into frame: inout Frame, layout: BrowseLayout, report: EvaluationReport, theme: Theme) {
        let box = layout.matrixBox
        let confusion = report.confusion
        let classes = confusion.classCount
        frame.drawBox(box, style: theme.border, glyphs: theme.glyphs,
                      title: "Confusion matrix: true digit down, predicted across", titleStyle: theme.title)
        let inside = box.inset(by: 1)
        let cell = Self.matrixCellWidth
        let labelWidth = Self.matrixLabelWidth
        let left = Self.matrixLeft(in: layout, classes: classes)
        var maxMistakes = 0
        for row in 0..<classes {
            for column in 0..<classes where row != column { maxMistakes = max(maxMistakes, confusion[row, column]) }
        }
        var y = inside.y
        frame.put(TextFit.padLeft("true", to: labelWidth - 2), x: left, y: y, style: theme.dim)
        for column in 0..<classes {
            let style = column == matrixCursor.predicted ? theme.accent : theme.dim
            frame.put(TextFit.padLeft(String(column), to: cell), x: left + labelWidth + column * cell, y: y, style: style)
        }
        frame.put("  recall", x: left + labelWidth + classes * cell, y: y, style: theme.dim)
        for row in 0..<classes {
            y = inside.y + 1 + row
            let style = row == matrixCursor.trueLabel ? theme.accent : theme.dim
            frame.put(TextFit.padLeft(String(row), to: labelWidth - 2), x: left, y: y, style: style)
            for column in 0..<classes {
                let count = confusion[row, column]
                let cellStyle = matrixStyle(count: count, diagonal: row == column, maxMistakes: maxMistakes,
                                            isCursor: MatrixCell(trueLabel: row, predicted: column) == matrixCursor,
                                            theme: theme)
                let x = left + labelWidth + column * cell
                frame.put(" ", x: x, y: y)
                frame.put(TextFit.padLeft(String(count), to: cell - 1), x: x + 1, y: y, style: cellStyle)
            }
            frame.put(TextFit.padLeft(Self.shortPercent(confusion.recall(of: row)), to: 8),
                      x: left + labelWidth + classes * cell, y: y, style: theme.text)
        }
        y = inside.y + 1 + classes
        frame.put(TextFit.padLeft("prec.", to: labelWidth - 2), x: left, y: y, style: theme.dim)
        for column in 0..<classes {
            frame.put(TextFit.padLeft(Self.shortPercent(confusion.precision(of: column)), to: cell),
                      x: left + labelWidth + column * cell, y: y, style: theme.text)
        }
        let count = confusion[matrixCursor.trueLabel, matrixCursor.predicted]
        let lines: [(String, Style)] = [
            ("true \(matrixCursor.trueLabel), predicted \(matrixCursor.predicted): \(count) image\(count == 1 ? "" : "s")"
                + (count > 0 ? ". Enter shows them." : "."), theme.accent),
            (EvaluationText.accuracyLine(report), theme.dim),
        ]
        for (offset, line) in lines.enumerated() {
            let row = y + 2 + offset
            guard row < inside.maxY else { break }
            frame.put(TextFit.truncate(line.0, to: inside.width - 2, glyphs: theme.glyphs), x: left, y: row, style: line.1)
        }
    }

    /// Correct answers in the accent colour; mistakes on a grey that gets lighter the more of
    /// them there are; the cursor reversed.
    func matrixStyle(count: Int, diagonal: Bool, maxMistakes: Int, isCursor: Bool, theme: Theme) -> Style {
        var style: Style
        if diagonal {
            style = theme.accent
        } else if count == 0 {
            style = theme.dim
        } else if theme.hasGreys {
            let level = 0.2 + 0.55 * (Double(count) / Double(max(1, maxMistakes))).squareRoot()
            style = Style(foreground: theme.grey(1), background: theme.grey(Float(level)), bold: count == maxMistakes)
        } else {
            style = theme.warning
        }
        if isCursor { style = Style(bold: true, reverse: true) }
        return style
    }
}
