import ArgumentParser
import DigitsCore
import Foundation

/// `digits eval --rejection [--drawn FILE]...`: how often the model says "not sure this is a
/// digit" on the MNIST test set and on drawn sets (digits should not be flagged, drawings
/// without a label should), replayed as the Draw screen paints them.
enum RejectionEvaluation {
    static func run(model: ModelOptions, data: DataOptions, drawn paths: [String], json: Bool) throws {
        let loaded = try model.loadOrExit()
        let rule = loaded.rejection
        var sets: [RejectionReport.DrawnFigures] = []
        for path in paths {
            let set: DrawnDigitSet
            let report: DrawnDigitsReport
            do {
                set = try DrawnDigitSet.load(path: path)
            } catch {
                StandardError.fail(error.description)
                throw ExitCode.failure
            }
            do {
                report = try DrawnDigitsEvaluation.evaluate(set, with: loaded.network)
            } catch {
                StandardError.fail("cannot evaluate \(loaded.path) on \(path): \(error)")
                throw ExitCode.failure
            }
            sets.append(RejectionReport.flagged(by: rule, in: report, path: path))
        }
        // The drawn sets first: a mistyped file name is said before MNIST is read.
        let test: Dataset
        do {
            test = try data.location.loadTest()
        } catch {
            StandardError.fail(error.description)
            throw ExitCode.failure
        }
        guard test.pixelsPerImage == loaded.network.inputSize else {
            StandardError.fail("cannot evaluate \(loaded.path) on the test set in \(data.location.directory): "
                + "images have \(test.pixelsPerImage) pixels but the network takes \(loaded.network.inputSize)")
            throw ExitCode.failure
        }
        let report = RejectionReport(rule: rule, mnistTest: RejectionReport.flagged(by: rule, with: loaded.network, on: test),
                                     drawn: sets)
        if json {
            print(try Self.json(report, modelPath: loaded.path))
        } else {
            print("model     \(loaded.path) (\(loaded.network.architecture))")
            print(report.text)
        }
    }

    /// One JSON object on one line, keys sorted: the rule, the MNIST test figures and each
    /// drawn set's, as {flagged, count, rate}.
    static func json(_ report: RejectionReport, modelPath: String) throws -> String {
        func figures(_ share: RejectionReport.Share) -> Figures {
            Figures(flagged: share.flagged, count: share.total, rate: share.rate)
        }
        let summary = Summary(
            model: modelPath,
            rule: Rule(threshold: Double(report.rule.threshold), source: report.rule.source.rawValue),
            mnistTest: report.mnistTest.map(figures),
            drawn: report.drawn.map { set in
                DrawnRow(set: set.path, digits: figures(set.digits), nonDigits: figures(set.nonDigits),
                         nonDigitsBySplit: Dictionary(uniqueKeysWithValues: set.nonDigitsBySplit.map {
                             ($0.key.rawValue, figures($0.value))
                         }),
                         byWriter: set.byWriter.map { WriterRow(writer: $0.writer.name, split: $0.writer.split.rawValue,
                                                                 figures: figures($0.share)) })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }

    private struct Figures: Encodable {
        let flagged, count: Int
        let rate: Double?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(flagged, forKey: .flagged)
            try container.encode(count, forKey: .count)
            // Nothing to count has no rate: an explicit null.
            try container.encode(rate, forKey: .rate)
        }

        enum CodingKeys: String, CodingKey { case flagged, count, rate }
    }

    private struct Rule: Encodable {
        let threshold: Double
        let source: String
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

    private struct DrawnRow: Encodable {
        let set: String
        let digits, nonDigits: Figures
        let nonDigitsBySplit: [String: Figures]
        let byWriter: [WriterRow]

        enum CodingKeys: String, CodingKey {
            case set, digits
            case nonDigits = "non_digits"
            case nonDigitsBySplit = "non_digits_by_split"
            case byWriter = "by_writer"
        }
    }

    private struct Summary: Encodable {
        let model: String
        let rule: Rule
        let mnistTest: Figures?
        let drawn: [DrawnRow]

        enum CodingKeys: String, CodingKey {
            case model, rule, drawn
            case mnistTest = "mnist_test"
        }
    }
}
