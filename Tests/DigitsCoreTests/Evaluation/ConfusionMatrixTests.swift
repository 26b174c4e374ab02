import Testing
@testable import DigitsCore

@Suite("Confusion matrix")
struct ConfusionMatrixTests {
    // Five classes: 3 has no images and is never predicted; 4 has one image, never predicted.
    static let trueLabels: [UInt8] = [0, 0, 0, 1, 1, 2, 2, 2, 2, 4]
    static let predictions: [UInt8] = [0, 0, 1, 1, 1, 2, 0, 2, 1, 0]

    static func matrix() throws -> ConfusionMatrix {
        try ConfusionMatrix(trueLabels: trueLabels, predictions: predictions, classCount: 5)
    }

    @Test func countsRowsAndColumns() throws {
        let confusion = try Self.matrix()
        #expect(confusion.counts == [
            [2, 1, 0, 0, 0],
            [0, 2, 0, 0, 0],
            [1, 1, 2, 0, 0],
            [0, 0, 0, 0, 0],
            [1, 0, 0, 0, 0],
        ])
        #expect(confusion[2, 1] == 1)
        #expect(confusion.rowTotals == [3, 2, 4, 0, 1])
        #expect(confusion.columnTotals == [4, 4, 2, 0, 0])
        #expect(confusion.total == 10)
        #expect(confusion.correct == 6)
    }

    @Test func precisionAndRecall() throws {
        let confusion = try Self.matrix()
        #expect(confusion.precision(of: 0) == 0.5)
        #expect(confusion.precision(of: 1) == 0.5)
        #expect(confusion.precision(of: 2) == 1)
        #expect(confusion.recall(of: 0) == 2.0 / 3.0)
        #expect(confusion.recall(of: 1) == 1)
        #expect(confusion.recall(of: 2) == 0.5)
    }

    @Test func emptyClassesHaveUndefinedRatios() throws {
        let confusion = try Self.matrix()
        // No images and never predicted: both undefined.
        #expect(confusion.precision(of: 3) == nil)
        #expect(confusion.recall(of: 3) == nil)
        // One image, never predicted: precision undefined, recall a real 0.
        #expect(confusion.precision(of: 4) == nil)
        #expect(confusion.recall(of: 4) == 0)
        #expect(confusion.statistics(of: 4) == ClassStatistics(
            digit: 4, count: 1, correct: 0, predictedCount: 0, precision: nil, recall: 0))
    }

    @Test func classStatisticsFollowTheMatrix() throws {
        let statistics = try Self.matrix().classStatistics
        #expect(statistics.map(\.digit) == [0, 1, 2, 3, 4])
        #expect(statistics.map(\.count) == [3, 2, 4, 0, 1])
        #expect(statistics.map(\.correct) == [2, 2, 2, 0, 0])
        #expect(statistics.map(\.predictedCount) == [4, 4, 2, 0, 0])
    }

    @Test func recordMatchesTheBulkInitializer() throws {
        var confusion = ConfusionMatrix(classCount: 5)
        for (label, prediction) in zip(Self.trueLabels, Self.predictions) {
            confusion.record(trueLabel: Int(label), predicted: Int(prediction))
        }
        #expect(confusion == (try Self.matrix()))
    }

    @Test func rejectsLabelsOutsideTheClasses() {
        #expect(throws: EvaluationError.labelOutOfRange(index: 1, label: 3, classCount: 3)) {
            try ConfusionMatrix(trueLabels: [0, 3], predictions: [0, 0], classCount: 3)
        }
        #expect(throws: EvaluationError.labelOutOfRange(index: 0, label: 7, classCount: 3)) {
            try ConfusionMatrix(trueLabels: [0], predictions: [7], classCount: 3)
        }
        #expect(throws: EvaluationError.countMismatch(what: "predictions", expected: 2, actual: 1)) {
            try ConfusionMatrix(trueLabels: [0, 1], predictions: [0], classCount: 3)
        }
    }

    @Test func emptyMatrix() {
        let confusion = ConfusionMatrix(classCount: 10)
        #expect(confusion.total == 0)
        #expect(confusion.classStatistics.allSatisfy { $0.precision == nil && $0.recall == nil })
    }
}
