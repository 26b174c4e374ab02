import Testing
@testable import DigitsCore

@Suite("Evaluation text")
struct EvaluationTextTests {
    @Test func perClassTable() throws {
        let confusion = try ConfusionMatrixTests.matrix()
        #expect(EvaluationText.perClassTable(confusion) == [
            "digit  count  correct  precision   recall",
            "    0      3        2     50.00%   66.67%",
            "    1      2        2     50.00%  100.00%",
            "    2      4        2    100.00%   50.00%",
            "    3      0        0          -        -",
            "    4      1        0          -    0.00%",
        ])
    }

    @Test func confusionTable() throws {
        // Ten right zeros make one count two digits wide: every count column widens with it.
        let trueLabels: [UInt8] = Array(repeating: 0, count: 10) + [0, 1, 2, 2, 2]
        let predictions: [UInt8] = Array(repeating: 0, count: 10) + [1, 1, 2, 2, 0]
        let confusion = try ConfusionMatrix(trueLabels: trueLabels, predictions: predictions, classCount: 3)
        #expect(EvaluationText.confusionTable(confusion) == [
            "true\\pred   0   1   2  total",
            "        0  10   1   0     11",
            "        1   0   1   0      1",
            "        2   1   0   2      3",
            "    total  11   2   2     15",
        ])
    }

    @Test func accuracyLineAndCaption() throws {
        let report = try ClassificationFilterTests.report()
        #expect(EvaluationText.accuracyLine(report) == "accuracy 25.00% (2 of 8 correct)")
        #expect(EvaluationText.caption(for: report.misclassified[1]) == [
            "#2: true 2, predicted 1",
            "1 85.0%  0 10.0%  2 5.0%",
        ])
        #expect(EvaluationText.compactCaption(for: report.misclassified[1]) == ["#2: 2 as 1", "1 85% 0 10%"])
    }

    @Test func percent() {
        #expect(EvaluationText.percent(nil) == "-")
        #expect(EvaluationText.percent(0.9875) == "98.75%")
        #expect(EvaluationText.percent(1, decimals: 1) == "100.0%")
        #expect(EvaluationText.percent(.nan) == "-")
    }
}
