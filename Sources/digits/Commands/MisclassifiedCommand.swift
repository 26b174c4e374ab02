import ArgumentParser
import DigitsCore
import Foundation

/// `digits misclassified`: the test images the model gets wrong, drawn as text.
struct MisclassifiedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "misclassified",
        abstract: "Show the MNIST test images the model gets wrong, as ASCII art.",
        discussion: """
            Each image is drawn with the ramp " .:-=+*#%@" (blank to full ink), two characters \
            per pixel so the digit keeps its shape, with its index in the test set, its true and \
            predicted digits and the three most probable digits. Images go side by side as far \
            as the width allows (the terminal's, else 80 columns). Plain text, no colour codes.
            """)

    @Option(help: ArgumentHelp("Show at most N images.", valueName: "n"))
    var limit: Int?

    @Option(name: .customLong("true"), help: ArgumentHelp("Only images whose true digit is D.", valueName: "d"))
    var trueDigit: Int?

    @Option(name: .customLong("predicted"), help: ArgumentHelp("Only images predicted as D.", valueName: "d"))
    var predictedDigit: Int?

    @Option(help: "Order: index (test-set order) or confidence (most confident mistakes first).")
    var sort: ClassificationOrder = .index

    @Option(help: "Art size: full (56x28 characters), half (28x14) or quarter (14x7).")
    var size: ArtScale = .full

    @Option(help: ArgumentHelp("Columns to fill with images side by side (default: the terminal width, else 80).",
                               valueName: "columns"))
    var width: Int?

    @OptionGroup var model: ModelOptions
    @OptionGroup var data: DataOptions

    func validate() throws {
        if let limit, limit < 1 {
            throw ValidationError("--limit must be at least 1, got \(limit)")
        }
        for (name, digit) in [("--true", trueDigit), ("--predicted", predictedDigit)] {
            if let digit, !(0...9).contains(digit) {
                throw ValidationError("\(name) must be a digit from 0 to 9, got \(digit)")
            }
        }
        if let width, width < 1 {
            throw ValidationError("--width must be at least 1, got \(width)")
        }
    }

    func run() throws {
        let (loaded, _, test, report) = try EvalCommand.evaluateTestSet(model: model, data: data)
        let filter = ClassificationFilter(trueLabel: trueDigit, predicted: predictedDigit)
        let matching = report.classifications(matching: filter, sortedBy: sort)
        let shown = limit.map { Array(matching.prefix($0)) } ?? matching

        print(summary(shown: shown.count, matching: matching.count, of: report, filter: filter, model: loaded.path))
        guard !shown.isEmpty else { return }
        let art = DigitArt(scale: size)
        let panels = shown.map { mistake in
            ArtPanel(art: art.lines(ofImage: mistake.index, in: test),
                     caption: size == .quarter ? EvaluationText.compactCaption(for: mistake)
                                               : EvaluationText.caption(for: mistake, top: 3))
        }
        print("")
        print(ArtLayout.grid(panels, width: width ?? Self.terminalWidth() ?? 80).joined(separator: "\n"))
    }

    /// Two lines: how many images the model gets wrong, and which of them follow.
    private func summary(shown: Int, matching: Int, of report: EvaluationReport,
                         filter: ClassificationFilter, model: String) -> String {
        var conditions: [String] = []
        if let digit = filter.trueLabel { conditions.append("true digit \(digit)") }
        if let digit = filter.predicted { conditions.append("predicted as \(digit)") }
        let which = conditions.isEmpty ? "" : " with " + conditions.joined(separator: " and ")
        let order = sort == .confidence ? ", most confident first" : ""
        return "model \(model): \(report.misclassified.count) of \(report.count) test images misclassified\n"
            + "showing \(shown) of \(matching)\(which)\(order)"
    }

    /// The width of the terminal on stdout, or nil when stdout is not a terminal.
    private static func terminalWidth() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

extension ClassificationOrder: ExpressibleByArgument {}
extension ArtScale: ExpressibleByArgument {}
