/// How often `RejectionRule` says "not sure this is a digit": on the MNIST test digits, on
/// drawn digits (which should be read, not flagged) and on drawn non-digits (which should be
/// flagged), per split and per writer, against issue 14's targets.
public struct RejectionReport: Sendable, Equatable {
    /// Flagged inputs out of a number of inputs.
    public struct Share: Sendable, Equatable, CustomStringConvertible {
        public var flagged = 0
        public var total = 0

        public init(flagged: Int = 0, total: Int = 0) {
            self.flagged = flagged
            self.total = total
        }

        /// flagged / total; nil when there is nothing.
        public var rate: Double? { total == 0 ? nil : Double(flagged) / Double(total) }

        /// "1.2% (12/1000)", or "- (0/0)".
        public var description: String {
            guard let rate else { return "- (0/0)" }
            let hundredths = Int((rate * 10000).rounded())
            return "\(hundredths / 100).\(String(format: "%02d", hundredths % 100))% (\(flagged)/\(total))"
        }

        mutating func count(_ isFlagged: Bool) {
            total += 1
            if isFlagged { flagged += 1 }
        }
    }

    /// The figures for one drawn set: its digits and its non-digits (drawings without a label).
    public struct DrawnFigures: Sendable, Equatable {
        public let path: String
        public let digits: Share
        public let nonDigits: Share
        public let nonDigitsBySplit: [DrawnDigitSplit: Share]
        /// Per writer (for a non-digit set: per kind of non-digit), in the set's order.
        public let byWriter: [(writer: DrawnWriter, share: Share)]

        public static func == (a: Self, b: Self) -> Bool {
            a.path == b.path && a.digits == b.digits && a.nonDigits == b.nonDigits
                && a.nonDigitsBySplit == b.nonDigitsBySplit
                && a.byWriter.map(\.writer) == b.byWriter.map(\.writer) && a.byWriter.map(\.share) == b.byWriter.map(\.share)
        }
    }

    /// The most MNIST test digits that may be flagged.
    public static let mnistTarget = 0.02
    /// The most drawn digits (real pen strokes) that may be flagged.
    public static let drawnDigitTarget = 0.03
    /// The least share of non-digits that must be flagged.
    public static let nonDigitTarget = 0.8

    public let rule: RejectionRule
    public let mnistTest: Share?
    public let drawn: [DrawnFigures]

    public init(rule: RejectionRule, mnistTest: Share?, drawn: [DrawnFigures]) {
        self.rule = rule
        self.mnistTest = mnistTest
        self.drawn = drawn
    }

    /// The MNIST test images `rule` flags with `network`, in chunks.
    public static func flagged(by rule: RejectionRule, with network: Network, on test: Dataset) -> Share {
        var share = Share()
        guard test.pixelsPerImage == network.inputSize else { return share }
        RejectionRule.forEachAnswer(of: network, on: test, first: test.count) { share.count(rule.rejects($0)) }
        return share
    }

    /// The drawings of `report` (a drawn set read by the network) that `rule` flags. A drawing
    /// that left no ink counts as flagged: nothing there is a digit.
    public static func flagged(by rule: RejectionRule, in report: DrawnDigitsReport, path: String) -> DrawnFigures {
        var digits = Share(), nonDigits = Share()
        var bySplit: [DrawnDigitSplit: Share] = [:]
        var byWriter: [String: Share] = [:]
        for result in report.results {
            let flagged = result.probabilities.map(rule.rejects) ?? true
            if result.drawing.label == nil {
                nonDigits.count(flagged)
                bySplit[result.split, default: Share()].count(flagged)
            } else {
                digits.count(flagged)
            }
            byWriter[result.drawing.writer, default: Share()].count(flagged)
        }
        return DrawnFigures(path: path, digits: digits, nonDigits: nonDigits, nonDigitsBySplit: bySplit,
                            byWriter: report.writers.map { ($0, byWriter[$0.name] ?? Share()) })
    }

    /// The report as plain text: the rule, then each figure against its target.
    public var text: String {
        var lines: [String] = []
        let origin = rule.source == .model ? "calibrated for this model (reject_below)" : "fallback: the model file has no reject_below"
        lines.append("rule      not a digit when the largest probability is below \(rule.threshold) (\(origin))")
        if let mnistTest {
            lines.append("MNIST test digits flagged: \(mnistTest)  target at most \(percent(Self.mnistTarget))"
                + verdict(mnistTest.rate.map { $0 <= Self.mnistTarget }))
        }
        for set in drawn {
            lines.append("")
            lines.append("\(set.path):")
            if set.digits.total > 0 {
                lines.append("  digits flagged: \(set.digits)  target at most \(percent(Self.drawnDigitTarget))"
                    + verdict(set.digits.rate.map { $0 <= Self.drawnDigitTarget }))
            }
            if set.nonDigits.total > 0 {
                lines.append("  non-digits flagged: \(set.nonDigits)  target at least \(percent(Self.nonDigitTarget))"
                    + verdict(set.nonDigits.rate.map { $0 >= Self.nonDigitTarget }))
                for split in DrawnDigitSplit.allCases {
                    guard let share = set.nonDigitsBySplit[split] else { continue }
                    lines.append("    \(split.rawValue): \(share)")
                }
            }
            let width = set.byWriter.map(\.writer.name.count).max() ?? 0
            lines.append("  by writer:")
            for (writer, share) in set.byWriter {
                lines.append("    \(writer.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(share)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private func verdict(_ met: Bool?) -> String {
        guard let met else { return "" }
        return met ? "  met" : "  NOT MET"
    }

    private func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded()))%"
    }
}
