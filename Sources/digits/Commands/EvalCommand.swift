import ArgumentParser
import DigitsCore
import Foundation

/// `digits eval`: how the model does on the MNIST test set.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a model on the MNIST test set (accuracy, per-class table, confusion matrix) or on drawn digits.",
        discussion: """
            Precision is the share of images predicted as a digit that really are that digit; \
            recall is the share of a digit's images predicted right. Either is "-" (null in JSON) \
            when undefined: a digit never predicted, or with no test images. With --drawn FILE the \
            drawings are replayed exactly as the Draw screen paints them and the report gives \
            accuracy overall, per split, per writer and per digit, and the confusions. With \
            --rejection it reports how often the model says "not sure this is a digit": on the \
            MNIST test digits, and on each --drawn set's digits and its drawings without a label \
            (non-digits, like Tests/Fixtures/non-digits/non-digits.json), per split and per writer.
            """)

    @OptionGroup var model: ModelOptions
    @OptionGroup var data: DataOptions

    @Option(name: .long, help: ArgumentHelp(
        "Evaluate on a drawn-digit set (stroke drawings in digits' JSON format) instead of MNIST; with --rejection, may be given several times.",
        valueName: "file"))
    var drawn: [String] = []

    @Flag(help: "Report how often the model says \"not sure this is a digit\": MNIST test digits, and each --drawn set's digits and non-digits.")
    var rejection = false

    @Flag(help: "Print one JSON object (accuracy, per_class, confusion; with --drawn: accuracy, per_digit, per_writer, confusions) instead of tables.")
    var json = false

    @Flag(help: "With --drawn: after the report, show each drawing read wrong as the network saw it, in ASCII art.")
    var showWrong = false

    func validate() throws {
        if !rejection && drawn.count > 1 { throw ValidationError("give one --drawn set (several only with --rejection)") }
        if showWrong && drawn.count != 1 { throw ValidationError("--show-wrong needs one --drawn FILE") }
        if showWrong && (json || rejection) { throw ValidationError("--show-wrong prints art; it cannot go with --json or --rejection") }
    }

    func run() throws {
        if rejection {
            try RejectionEvaluation.run(model: model, data: data, drawn: drawn, json: json)
            return
        }
        if let drawn = drawn.first {
            try DrawnEvaluation.run(path: drawn, model: try model.loadOrExit(), json: json, showWrong: showWrong)
            return
        }
        let (loaded, location, _, report) = try Self.evaluateTestSet(model: model, data: data)
        if json {
            print(try Self.json(report, modelPath: loaded.path, architecture: loaded.network.architecture))
            return
        }
        var lines = [
            "model     \(loaded.path) (\(loaded.network.architecture), \(loaded.network.activation.rawValue))",
            "data      \(location.directory) (\(report.count) test images)",
            EvaluationText.accuracyLine(report),
            "",
            "per class:",
        ]
        lines += EvaluationText.perClassTable(report.confusion)
        lines += ["", "confusion matrix (rows: true digit, columns: predicted digit):"]
        lines += EvaluationText.confusionTable(report.confusion)
        print(lines.joined(separator: "\n"))
    }

    /// Loads the model and the test set the options name and evaluates one on the other; on
    /// any failure prints `digits: <message>` and exits 1. Shared with `digits misclassified`.
    static func evaluateTestSet(model: ModelOptions, data: DataOptions) throws
        -> (model: LoadedModel, location: DataLocation, test: Dataset, report: EvaluationReport)
    {
        let loaded = try model.loadOrExit()
        let location = data.location
        let test: Dataset
        do {
            test = try location.loadTest()
        } catch {
            StandardError.fail(error.description)
            throw ExitCode.failure
        }
        do {
            return (loaded, location, test, try EvaluationReport.evaluate(loaded.network, on: test))
        } catch {
            StandardError.fail("cannot evaluate \(loaded.path) on the test set in \(location.directory): \(error)")
            throw ExitCode.failure
        }
    }

    /// The report as one JSON object on one line; keys sorted so the output is stable, undefined
    /// ratios as null.
    static func json(_ report: EvaluationReport, modelPath: String, architecture: String) throws -> String {
        let summary = Summary(
            model: modelPath, architecture: architecture, count: report.count, correct: report.correct,
            accuracy: report.accuracy,
            perClass: report.confusion.classStatistics.map {
                Summary.ClassRow(digit: $0.digit, count: $0.count, correct: $0.correct,
                                 predicted: $0.predictedCount, precision: $0.precision, recall: $0.recall)
            },
            confusion: report.confusion.counts)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }

    private struct Summary: Encodable {
        struct ClassRow: Encodable {
            let digit, count, correct, predicted: Int
            let precision, recall: Double?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(digit, forKey: .digit)
                try container.encode(count, forKey: .count)
                try container.encode(correct, forKey: .correct)
                try container.encode(predicted, forKey: .predicted)
                // encode, not encodeIfPresent: an undefined ratio is an explicit null.
                try container.encode(precision, forKey: .precision)
                try container.encode(recall, forKey: .recall)
            }

            enum CodingKeys: String, CodingKey { case digit, count, correct, predicted, precision, recall }
        }

        let model, architecture: String
        let count, correct: Int
        let accuracy: Double
        let perClass: [ClassRow]
        let confusion: [[Int]]

        enum CodingKeys: String, CodingKey {
            case model, architecture, count, correct, accuracy
            case perClass = "per_class"
            case confusion
        }
    }
}
