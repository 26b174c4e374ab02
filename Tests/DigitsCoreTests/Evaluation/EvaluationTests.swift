import Foundation
import Testing
@testable import DigitsCore

@Suite("Evaluating a network")
struct EvaluationTests {
    /// 4 inputs (2x2 images), 2 ReLU hidden units, 3 classes:
    /// h0 = relu(x0 - x1), h1 = relu(x2); logits = [4 h0, 4 h1 + 0.5, -4 h0].
    /// Without the ReLU image 1 would be called 2, so the hidden activation is exercised.
    static func network() throws -> Network {
        var network = try Network(sizes: [4, 2, 3], activation: .relu)
        let first = network.layers[0], second = network.layers[1]
        let firstWeights: [Float] = [1, -1, 0, 0,
                                     0, 0, 1, 0]
        let secondWeights: [Float] = [4, 0,
                                      0, 4,
                                      -4, 0]
        network.parameters.replaceSubrange(first.weightOffset..<(first.weightOffset + 8), with: firstWeights)
        network.parameters.replaceSubrange(second.weightOffset..<(second.weightOffset + 6), with: secondWeights)
        network.parameters.replaceSubrange(second.biasOffset..<(second.biasOffset + 3), with: [0, 0.5, 0])
        return network
    }

    static let dataset = Dataset(
        images: [255, 0, 0, 0,     // h = [1, 0]: logits [4, 0.5, -4] -> 0
                 0, 255, 0, 0,     // h = [0, 0]: logits [0, 0.5, 0] -> 1
                 0, 0, 255, 0,     // h = [0, 1]: logits [0, 4.5, 0] -> 1
                 0, 0, 0, 255,     // h = [0, 0] -> 1
                 128, 0, 0, 0],    // h = [0.5, 0]: logits [2, 0.5, -2] -> 0
        labels: [0, 1, 1, 2, 0], rows: 2, columns: 2)

    @Test(arguments: [1, 2, 3, 1000])
    func predictsWhatTheWeightsSay(batchSize: Int) throws {
        let network = try Self.network()
        let report = try EvaluationReport.evaluate(network, on: Self.dataset, batchSize: batchSize)
        #expect(report.classCount == 3)
        #expect(report.predictions == [0, 1, 1, 1, 0])
        #expect(report.trueLabels == Self.dataset.labels)
        #expect(report.correct == 4)
        #expect(report.accuracy == 0.8)
        #expect(report.misclassified.map(\.index) == [3])
        #expect(report.misclassified.first?.trueLabel == 2)
        #expect(report.misclassified.first?.predicted == 1)
        #expect(report.confusion.counts == [[2, 0, 0], [0, 2, 0], [0, 1, 0]])
        #expect(report.probabilities.count == 15)
    }

    @Test func probabilitiesMatchTheNetwork() throws {
        let network = try Self.network()
        let report = try EvaluationReport.evaluate(network, on: Self.dataset, batchSize: 2)
        for image in 0..<Self.dataset.count {
            let pixels = Self.dataset.image(image).map { Float($0) / 255 }
            let expected = network.probabilities(for: pixels)
            for (got, want) in zip(report.probabilities(ofImage: image), expected) {
                #expect(abs(got - want) < 1e-6)
            }
        }
        // Image 1 by hand: softmax([0, 0.5, 0]).
        let e = Float(exp(0.5))
        let row = Array(report.probabilities(ofImage: 1))
        #expect(abs(row[1] - e / (2 + e)) < 1e-6)
        #expect(abs(row[0] - 1 / (2 + e)) < 1e-6)
        #expect(abs(report.misclassified[0].confidence - e / (2 + e)) < 1e-6)
    }

    @Test func rejectsImagesOfTheWrongSize() throws {
        let network = try Self.network()
        let wide = Dataset(images: [0, 0, 0, 0, 0, 0], labels: [0], rows: 2, columns: 3)
        #expect(throws: EvaluationError.inputSizeMismatch(networkInputs: 4, imageRows: 2, imageColumns: 3)) {
            try EvaluationReport.evaluate(network, on: wide)
        }
    }

    @Test func rejectsLabelsTheNetworkCannotPredict() throws {
        let network = try Self.network()
        let bad = Dataset(images: [0, 0, 0, 0, 0, 0, 0, 0], labels: [0, 3], rows: 2, columns: 2)
        let error = #expect(throws: EvaluationError.self) {
            try EvaluationReport.evaluate(network, on: bad)
        }
        #expect(error == .labelOutOfRange(index: 1, label: 3, classCount: 3))
        #expect(error?.description == "image 1 has label 3, but the network has only 3 classes (0...2)")
    }

    @Test func emptyDataset() throws {
        let empty = Dataset(images: [], labels: [], rows: 2, columns: 2)
        let report = try EvaluationReport.evaluate(try Self.network(), on: empty)
        #expect(report.count == 0)
        #expect(report.confusion.total == 0)
    }
}
