import ArgumentParser
import DigitsCore
import Foundation

/// `digits eval --drawn FILE`: the drawn-digit report for a set of stroke drawings, replayed
/// exactly as the Draw screen paints them (`DrawnDigitReplay`), the same numbers the test
/// harness quotes.
enum DrawnEvaluation {
    static func run(path: String, model: LoadedModel, json: Bool, showWrong: Bool = false) throws {
        let set: DrawnDigitSet
        do {
            set = try DrawnDigitSet.load(path: path)
        } catch {
            StandardError.fail(error.description)
            throw ExitCode.failure
        }
        let report: DrawnDigitsReport
        do {
            report = try DrawnDigitsEvaluation.evaluate(set, with: model.network)
        } catch {
            StandardError.fail("cannot evaluate \(model.path) on \(path): \(error)")
            throw ExitCode.failure
        }
        if json {
            print(try Self.json(report, setPath: path, modelPath: model.path))
        } else {
            print("model     \(model.path) (\(model.network.architecture))\nset       \(path)\n")
            print(report.text)
            if showWrong { print(wrongArt(report).joined(separator: "\n")) }
        }
    }

    /// Every drawing read wrong, as the 28x28 image the network saw (`misreadGallery`): what
    /// one needs to study the failures.
    static func wrongArt(_ report: DrawnDigitsReport, width: Int = 80) -> [String] {
        let gallery = report.misreadGallery(width: width)
        return gallery.isEmpty ? [] : ["", "Read wrong (as the network saw them):", ""] + gallery
    }

    /// One JSON object on one line, keys sorted: `accuracy` (0...1) overall, per split, per
    /// digit and per writer, and the confusions with the drawings behind them.
    static func json(_ report: DrawnDigitsReport, setPath: String, modelPath: String) throws -> String {
        func figures(_ tally: DrawnDigitsReport.Tally) -> Figures {
            Figures(correct: tally.correct, count: tally.total, accuracy: tally.accuracy)
        }
        let summary = Summary(
            set: setPath, model: modelPath,
            correct: report.tally().correct, count: report.tally().total, accuracy: report.tally().accuracy,
            perSplit: Dictionary(uniqueKeysWithValues: DrawnDigitSplit.allCases.map { ($0.rawValue, figures(report.tally($0))) }),
            perDigit: DrawnDigitSet.labels.map { digit in
                DigitRow(digit: digit, figures: figures(report.tally(digit: digit)))
            },
            perWriter: report.writers.map { writer in
                WriterRow(writer: writer.name, split: writer.split.rawValue,
                          figures: figures(report.tally(writer: writer.name)))
            },
            confusions: report.confusions().map {
                ConfusionRow(label: $0.label, predicted: $0.predicted, count: $0.count, drawings: $0.drawingIDs)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }

    private struct Figures: Encodable {
        let correct, count: Int
        let accuracy: Double?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(correct, forKey: .correct)
            try container.encode(count, forKey: .count)
            // An empty group has no accuracy: an explicit null, not a missing key.
            try container.encode(accuracy, forKey: .accuracy)
        }

        enum CodingKeys: String, CodingKey { case correct, count, accuracy }
    }

    private struct DigitRow: Encodable {
        let digit: Int
        let figures: Figures

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(digit, forKey: .digit)
            try figures.encode(to: encoder)
        }

        enum CodingKeys: String, CodingKey { case digit }
    }

    private struct WriterRow: Encodable {
        let writer, split: String
        let figures: Figures

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(writer, forKey: .writer)
            try container.encode(split, forKey: .split)
            try figures.encode(to: encoder)
        }

        enum CodingKeys: String, CodingKey { case writer, split }
    }

    private struct ConfusionRow: Encodable {
        let label: Int
        let predicted: Int?
        let count: Int
        let drawings: [String]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(label, forKey: .label)
            // A drawing that left no ink is read as nothing: null.
            try container.encode(predicted, forKey: .predicted)
            try container.encode(count, forKey: .count)
            try container.encode(drawings, forKey: .drawings)
        }

        enum CodingKeys: String, CodingKey { case label, predicted, count, drawings }
    }

    private struct Summary: Encodable {
        let set, model: String
        let correct, count: Int
        let accuracy: Double?
        let perSplit: [String: Figures]
        let perDigit: [DigitRow]
        let perWriter: [WriterRow]
        let confusions: [ConfusionRow]

        enum CodingKeys: String, CodingKey {
            case set, model, correct, count, accuracy, confusions
            case perSplit = "per_split"
            case perDigit = "per_digit"
            case perWriter = "per_writer"
        }
    }
}
