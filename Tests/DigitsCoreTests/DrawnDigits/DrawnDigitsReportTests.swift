import Foundation
import Testing
@testable import DigitsCore

@Suite("Drawn digits: report")
struct DrawnDigitsReportTests {
    typealias F = DrawnDigitsFixture

    /// A network that always answers `digit`: zero weights, one large bias.
    func alwaysAnswering(_ digit: Int) throws -> Network {
        var network = try Network(sizes: [784, 10], activation: .relu)
        network.parameters[network.layers[0].biasOffset + digit] = 10
        return network
    }

    func set() -> DrawnDigitSet {
        let bar = [F.line((14, 3), (14, 16))]
        func drawing(_ id: String, _ label: Int, _ writer: String) -> DrawnDigit {
            var drawing = F.drawing(bar, label: label, id: id)
            drawing.writer = writer
            return drawing
        }
        return DrawnDigitSet(
            writers: [DrawnWriter(name: "ann", split: .development, style: "tidy"),
                      DrawnWriter(name: "bob", split: .heldOut, style: "slanted")],
            drawings: [drawing("ann/1", 1, "ann"), drawing("ann/7", 7, "ann"), drawing("ann/7b", 7, "ann"),
                       drawing("bob/1", 1, "bob"), drawing("bob/4", 4, "bob")])
    }

    @Test func talliesAndConfusionsCountEachDrawingOnce() throws {
        let report = try DrawnDigitsEvaluation.evaluate(set(), with: alwaysAnswering(1))
        #expect(report.tally() == .init(correct: 2, total: 5))
        #expect(report.tally(.development) == .init(correct: 1, total: 3))
        #expect(report.tally(.heldOut) == .init(correct: 1, total: 2))
        #expect(report.tally(writer: "bob") == .init(correct: 1, total: 2))
        #expect(report.tally(digit: 7) == .init(correct: 0, total: 2))
        #expect(report.tally(digit: 7, split: .heldOut) == .init(correct: 0, total: 0))
        #expect(report.tally(digit: 7, split: .heldOut).accuracy == nil)
        // Most frequent first, ties in order of appearance.
        #expect(report.confusions() == [
            .init(label: 7, predicted: 1, drawingIDs: ["ann/7", "ann/7b"]),
            .init(label: 4, predicted: 1, drawingIDs: ["bob/4"]),
        ])
        #expect(report.confusions(.heldOut).map(\.drawingIDs) == [["bob/4"]])
        #expect(report.results.allSatisfy { $0.image?.count == 784 })
        #expect(report.results[0].labelProbability > 0.99)
    }

    @Test func textNamesEveryWriterDigitAndConfusion() throws {
        let text = try DrawnDigitsEvaluation.evaluate(set(), with: alwaysAnswering(1)).text
        #expect(text.contains("Drawn digits: 40.0% (2/5) correct"))
        #expect(text.contains("held-out: 50.0% (1/2)"))
        #expect(text.contains("ann  development  33.3% (1/3)"))
        #expect(text.contains("  7 -> 1: 2  ann/7 ann/7b"))
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("  7 ") && $0.contains("0.0% (0/2)") })
    }

    @Test func galleryShowsTheMisreadDrawings() throws {
        let report = try DrawnDigitsEvaluation.evaluate(set(), with: alwaysAnswering(1))
        let gallery = report.misreadGallery(.development, width: 200).joined(separator: "\n")
        #expect(gallery.contains("ann/7b"))
        #expect(gallery.contains("7 read as 1 100%"))
        #expect(!gallery.contains("bob/4"))
    }

    @Test func networksThatDoNotReadDigitsAreRefused() throws {
        #expect(throws: EvaluationError.self) {
            try DrawnDigitsEvaluation.evaluate(set(), with: Network(sizes: [100, 10], activation: .relu))
        }
        #expect(throws: EvaluationError.self) {
            try DrawnDigitsEvaluation.evaluate(set(), with: Network(sizes: [784, 5], activation: .relu))
        }
    }
}
