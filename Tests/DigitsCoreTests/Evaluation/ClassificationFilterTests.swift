import Testing
@testable import DigitsCore

@Suite("Filtering and sorting classifications")
struct ClassificationFilterTests {
    /// Eight images, three classes; images 1, 2, 4, 5, 6 and 7 are wrong.
    static func report() throws -> EvaluationReport {
        let rows: [(UInt8, [Float])] = [
            (0, [0.7, 0.2, 0.1]),   // 0: right
            (1, [0.6, 0.3, 0.1]),   // 1: 1 as 0, 0.6
            (2, [0.1, 0.85, 0.05]), // 2: 2 as 1, 0.85
            (1, [0.2, 0.5, 0.3]),   // 3: right
            (2, [0.05, 0.9, 0.05]), // 4: 2 as 1, 0.9
            (0, [0.3, 0.3, 0.4]),   // 5: 0 as 2, 0.4
            (1, [0.6, 0.4, 0]),     // 6: 1 as 0, 0.6 (ties image 1)
            (1, [0.5, 0.5, 0]),     // 7: a tie goes to the lower class: 1 as 0, 0.5
        ]
        return try EvaluationReport(trueLabels: rows.map(\.0), probabilities: rows.flatMap(\.1),
                                    classCount: 3)
    }

    @Test func reportFigures() throws {
        let report = try Self.report()
        #expect(report.count == 8)
        #expect(report.correct == 2)
        #expect(report.accuracy == 0.25)
        #expect(report.predictions == [0, 0, 1, 1, 1, 2, 0, 0])
        #expect(report.misclassified.map(\.index) == [1, 2, 4, 5, 6, 7])
        #expect(report.confusion.counts == [[1, 0, 1], [3, 1, 0], [0, 2, 0]])
    }

    @Test func misclassificationCarriesItsFigures() throws {
        let mistake = try #require(try Self.report().misclassified.first { $0.index == 2 })
        #expect(mistake.trueLabel == 2)
        #expect(mistake.predicted == 1)
        #expect(mistake.confidence == 0.85)
        #expect(mistake.trueLabelProbability == 0.05)
        #expect(mistake.probabilities == [0.1, 0.85, 0.05])
        #expect(!mistake.isCorrect)
        #expect(mistake.topProbabilities(2) == [ClassProbability(digit: 1, probability: 0.85),
                                                ClassProbability(digit: 0, probability: 0.1)])
    }

    @Test func topProbabilitiesBreakTiesByClass() throws {
        let tie = try Self.report().classification(ofImage: 7)
        #expect(tie.topProbabilities(3).map(\.digit) == [0, 1, 2])
        #expect(tie.topProbabilities(10).count == 3)
        #expect(tie.topProbabilities(0).isEmpty)
    }

    @Test func filtersByTrueDigitPredictedDigitAndCell() throws {
        let mistakes = try Self.report().misclassified
        #expect(mistakes.withTrueLabel(1).map(\.index) == [1, 6, 7])
        #expect(mistakes.withPrediction(1).map(\.index) == [2, 4])
        #expect(mistakes.inCell(trueLabel: 2, predicted: 1).map(\.index) == [2, 4])
        #expect(mistakes.inCell(trueLabel: 0, predicted: 2).map(\.index) == [5])
        #expect(mistakes.inCell(trueLabel: 0, predicted: 1).isEmpty)
        #expect(mistakes.filtered(by: .all).map(\.index) == [1, 2, 4, 5, 6, 7])
    }

    @Test func sortsByIndexOrByConfidence() throws {
        let mistakes = try Self.report().misclassified
        // Most confident mistakes first; equal confidence falls back to the index.
        #expect(mistakes.sorted(by: .confidence).map(\.index) == [4, 2, 1, 6, 7, 5])
        #expect(mistakes.sorted(by: .confidence).sorted(by: .index).map(\.index) == [1, 2, 4, 5, 6, 7])
    }

    @Test func reportQueriesCombineFilterAndOrder() throws {
        let report = try Self.report()
        #expect(report.classifications(matching: ClassificationFilter(predicted: 0), sortedBy: .confidence)
            .map(\.index) == [1, 6, 7])
        // Including the right answers: the diagonal cells have images.
        #expect(report.classifications(matching: .cell(trueLabel: 1, predicted: 1), includingCorrect: true)
            .map(\.index) == [3])
        #expect(report.classifications(includingCorrect: true, sortedBy: .confidence).map(\.index)
            == [4, 2, 0, 1, 6, 3, 7, 5])
        #expect(report.classifications(matching: .cell(trueLabel: 1, predicted: 1)).isEmpty)
        #expect(report.classifications == (0..<8).map(report.classification(ofImage:)))
    }

    @Test func filterValue() {
        #expect(ClassificationFilter.all.isEmpty)
        #expect(!ClassificationFilter(trueLabel: 3).isEmpty)
        #expect(ClassificationFilter.cell(trueLabel: 2, predicted: 7)
            == ClassificationFilter(trueLabel: 2, predicted: 7))
    }

    @Test func rejectsInconsistentParts() {
        #expect(throws: EvaluationError.self) {
            try EvaluationReport(trueLabels: [0, 1], probabilities: [0.5, 0.5], classCount: 2)
        }
        #expect(throws: EvaluationError.labelOutOfRange(index: 0, label: 5, classCount: 2)) {
            try EvaluationReport(trueLabels: [5], probabilities: [0.5, 0.5], classCount: 2)
        }
        #expect(throws: EvaluationError.tooFewClasses(1)) {
            try EvaluationReport(trueLabels: [0], probabilities: [1], classCount: 1)
        }
    }

    @Test func emptyReport() throws {
        let report = try EvaluationReport(trueLabels: [], probabilities: [], classCount: 10)
        #expect(report.count == 0)
        #expect(report.accuracy == 0)
        #expect(report.misclassified.isEmpty)
    }
}
