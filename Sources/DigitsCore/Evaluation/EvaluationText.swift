import Foundation

/// Plain-text tables of an evaluation, for `digits eval` and anything else that prints one.
/// Lines carry no trailing blanks and no terminal control codes.
public enum EvaluationText {
    /// "accuracy 98.12% (9812 of 10000 correct)".
    public static func accuracyLine(_ report: EvaluationReport) -> String {
        "accuracy \(percent(report.accuracy)) (\(report.correct) of \(report.count) correct)"
    }

    /// A header and one row per class: digit, count, correct, precision, recall. An undefined
    /// precision or recall (an empty column or row) prints as `-`.
    public static func perClassTable(_ confusion: ConfusionMatrix) -> [String] {
        let headers = ["digit", "count", "correct", "precision", "recall"]
        var rows = [headers]
        for stats in confusion.classStatistics {
            rows.append([String(stats.digit), String(stats.count), String(stats.correct),
                         percent(stats.precision), percent(stats.recall)])
        }
        return rightAligned(rows)
    }

    /// The matrix with true digits down the side and predicted digits across the top, plus a
    /// total for every row and column. All count columns share one width, so the grid reads
    /// as a grid.
    public static func confusionTable(_ confusion: ConfusionMatrix) -> [String] {
        let classes = 0..<confusion.classCount
        var rows = [["true\\pred"] + classes.map(String.init) + ["total"]]
        for trueLabel in classes {
            rows.append([String(trueLabel)] + classes.map { String(confusion[trueLabel, $0]) }
                        + [String(confusion.rowTotal(trueLabel))])
        }
        rows.append(["total"] + confusion.columnTotals.map(String.init) + [String(confusion.total)])
        var widths = columnWidths(rows)
        let countColumns = 1..<(1 + confusion.classCount)
        let countWidth = widths[countColumns].max() ?? 0
        for column in countColumns { widths[column] = countWidth }
        return rightAligned(rows, widths: widths)
    }

    /// Caption lines for one classification: "#247: true 4, predicted 6" and its `top` most
    /// probable classes, "6 71.2%  4 27.9%  2 0.5%".
    public static func caption(for classification: Classification, top: Int = 3) -> [String] {
        let probabilities = classification.topProbabilities(top)
            .map { "\($0.digit) \(percent(Double($0.probability), decimals: 1))" }
            .joined(separator: "  ")
        return ["#\(classification.index): true \(classification.trueLabel), predicted \(classification.predicted)",
                probabilities]
    }

    /// Caption lines at most 14 columns wide, for thumbnails up to image index 99999:
    /// "#247: 4 as 6" and the two most probable classes in whole percent, "6 71% 4 28%".
    public static func compactCaption(for classification: Classification) -> [String] {
        let probabilities = classification.topProbabilities(2)
            .map { "\($0.digit) \(percent(Double($0.probability), decimals: 0))" }
            .joined(separator: " ")
        return ["#\(classification.index): \(classification.trueLabel) as \(classification.predicted)",
                probabilities]
    }

    /// `fraction` as a percentage with `decimals` decimals ("98.12%"), or "-" when undefined.
    public static func percent(_ fraction: Double?, decimals: Int = 2) -> String {
        guard let fraction, fraction.isFinite else { return "-" }
        return String(format: "%.\(max(decimals, 0))f%%", fraction * 100)
    }

    /// The width of the widest cell of each column.
    static func columnWidths(_ rows: [[String]]) -> [Int] {
        let columnCount = rows.map(\.count).max() ?? 0
        return (0..<columnCount).map { column in
            rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
    }

    /// Columns right-aligned to `widths` (by default their widest cell), separated by two spaces.
    static func rightAligned(_ rows: [[String]], widths: [Int]? = nil) -> [String] {
        let widths = widths ?? columnWidths(rows)
        return rows.map { cells in
            cells.enumerated().map { column, cell in
                String(repeating: " ", count: max(widths[column] - cell.count, 0)) + cell
            }.joined(separator: "  ")
        }
    }
}
