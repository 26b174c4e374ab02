/// Accuracy on drawn digits: overall, per split, per writer, per digit, and which confusions
/// happen, with the drawings behind each, so a failure can be looked at.
public struct DrawnDigitsReport: Sendable, Equatable {
    /// Correct answers out of a number of drawings.
    public struct Tally: Sendable, Equatable, CustomStringConvertible {
        public var correct = 0
        public var total = 0

        public init(correct: Int = 0, total: Int = 0) {
            self.correct = correct
            self.total = total
        }

        /// correct / total; nil when there are no drawings.
        public var accuracy: Double? { total == 0 ? nil : Double(correct) / Double(total) }

        /// "91.7% (110/120)", or "- (0/0)".
        public var description: String {
            guard let accuracy else { return "- (0/0)" }
            return "\(percentText(accuracy)) (\(correct)/\(total))"
        }

        mutating func count(_ isCorrect: Bool) {
            total += 1
            if isCorrect { correct += 1 }
        }
    }

    /// Drawings of one digit read as another (`predicted` nil: no ink at all).
    public struct Confusion: Sendable, Equatable {
        public var label: Int
        public var predicted: Int?
        public var drawingIDs: [String]
        public var count: Int { drawingIDs.count }
    }

    public let writers: [DrawnWriter]
    public let results: [DrawnDigitResult]

    public init(writers: [DrawnWriter], results: [DrawnDigitResult]) {
        self.writers = writers
        self.results = results
    }

    /// All drawings, or those of one split.
    public func tally(_ split: DrawnDigitSplit? = nil) -> Tally {
        tally { split == nil || $0.split == split }
    }

    /// The drawings of one writer.
    public func tally(writer: String) -> Tally {
        tally { $0.drawing.writer == writer }
    }

    /// The drawings of one digit, from all writers or one split.
    public func tally(digit: Int, split: DrawnDigitSplit? = nil) -> Tally {
        tally { $0.drawing.label == digit && (split == nil || $0.split == split) }
    }

    private func tally(where include: (DrawnDigitResult) -> Bool) -> Tally {
        var tally = Tally()
        // A drawing that is no digit has nothing to read right; rejection reports on those.
        for result in results where result.drawing.label != nil && include(result) { tally.count(result.isCorrect) }
        return tally
    }

    /// Misreadings grouped by (label, prediction), most frequent first, from all writers or one split.
    public func confusions(_ split: DrawnDigitSplit? = nil) -> [Confusion] {
        var groups: [String: Confusion] = [:]
        var order: [String] = []
        for result in results where !result.isCorrect && (split == nil || result.split == split) {
            guard let label = result.drawing.label else { continue }
            let key = "\(label)>\(result.predicted.map(String.init) ?? "none")"
            if groups[key] == nil {
                groups[key] = Confusion(label: label, predicted: result.predicted, drawingIDs: [])
                order.append(key)
            }
            groups[key]?.drawingIDs.append(result.drawing.id)
        }
        return order.compactMap { groups[$0] }.enumerated()
            .sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }
            .map(\.element)
    }

    /// The report as plain text: overall and per split, a line per writer, a table of digits by
    /// split, and the confusions with the drawings behind them.
    public var text: String {
        var lines: [String] = []
        lines.append("Drawn digits: \(tally()) correct")
        for split in DrawnDigitSplit.allCases {
            lines.append("  \(split.rawValue): \(tally(split))")
        }
        lines.append("")
        lines.append("By writer:")
        let nameWidth = writers.map(\.name.count).max() ?? 0
        for writer in writers {
            let name = writer.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let split = writer.split.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
            lines.append("  \(name)  \(split)  \(pad(tally(writer: writer.name).description, 16))  \(writer.style)")
        }
        lines.append("")
        lines.append("By digit:    all               development       held-out")
        for digit in DrawnDigitSet.labels {
            let cells = [tally(digit: digit), tally(digit: digit, split: .development),
                         tally(digit: digit, split: .heldOut)].map { pad($0.description, 16) }
            lines.append("  \(digit)          " + cells.joined(separator: "  "))
        }
        let confusions = confusions()
        lines.append("")
        lines.append(confusions.isEmpty ? "No confusions." : "Confusions (label -> read as: count, drawings):")
        for confusion in confusions {
            let read = confusion.predicted.map(String.init) ?? "nothing"
            lines.append("  \(confusion.label) -> \(read): \(confusion.count)  "
                         + confusion.drawingIDs.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

/// "91.7%".
private func percentText(_ fraction: Double) -> String {
    let tenths = Int((fraction * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10)%"
}

extension DrawnDigitsReport {
    /// The misread drawings of `split` (all when nil) as the network saw them, in half-scale
    /// digit art with a caption ("writer-b/7/2", "7 read as 2 81%"), in rows that fit `width`.
    public func misreadGallery(_ split: DrawnDigitSplit? = nil, width: Int = 120) -> [String] {
        let art = DigitArt(scale: .half)
        let panels = results.filter { $0.drawing.label != nil && !$0.isCorrect && (split == nil || $0.split == split) }.map { result in
            let pixels = (result.image ?? []).map { UInt8((min(max($0, 0), 1) * 255).rounded()) }
            let read = result.predicted.map { digit in
                "\(digit) \(Int(((result.probabilities?[digit] ?? 0) * 100).rounded()))%"
            } ?? "nothing"
            return ArtPanel(art: art.lines(of: pixels, rows: MNISTFormat.side, columns: MNISTFormat.side),
                            caption: [result.drawing.id, "\(result.drawing.label.map(String.init) ?? "no digit") read as \(read)"])
        }
        return ArtLayout.grid(panels, width: width)
    }
}
