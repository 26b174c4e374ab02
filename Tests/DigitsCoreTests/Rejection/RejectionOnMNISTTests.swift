import Foundation
import Testing
@testable import DigitsCore

/// Small cases with a model trained here with negatives: a filled block, a straight line and a
/// scribble, drawn as on the Draw screen, are flagged; clear MNIST test digits are not.
@Suite("Rejection with a model trained on negatives", .enabled(
    if: ProcessInfo.processInfo.environment["DIGITS_DATA"] != nil,
    "DIGITS_DATA not set: point it at the MNIST files to run this"))
struct RejectionOnMNISTTests {
    /// 784-128-10 on 20,000 training digits with a fifth of each batch non-digits, and its
    /// calibrated rule: seconds in a debug build.
    static let trained: Result<(Network, RejectionRule, Dataset), Error> = Result {
        let sets = try MNIST.load(directory: ProcessInfo.processInfo.environment["DIGITS_DATA"] ?? "")
        let config = TrainingConfiguration(hiddenSizes: [128], optimizer: .momentum, learningRate: 0.05,
                                           batchSize: 64, epochs: 5, seed: 7, schedule: .cosine, negatives: 0.2)
        var trainer = Trainer(configuration: config)
        trainer.negativePoolSize = 2048
        var network = try trainer.makeNetwork(inputSize: 784)
        let training = sets.train.subset(0..<20_000)
        try trainer.train(&network, on: training)
        let threshold = try #require(RejectionRule.threshold(for: network, trainedWith: config, on: training))
        return (network, RejectionRule(threshold: threshold), sets.test)
    }

    static func drawing(_ strokes: [[(Int, Int)]], brushPercent: Int = 100) -> DrawnDigit {
        DrawnDigit(id: "case", label: nil, writer: "test", canvas: CellSize(columns: 28, rows: 20),
                   brushPercent: brushPercent, strokes: strokes.map { $0.map { CellPoint(column: $0.0, row: $0.1) } })
    }

    /// Cells a slow drag reports from `from` to `to`.
    static func line(_ from: (Int, Int), _ to: (Int, Int)) -> [(Int, Int)] {
        let steps = max(abs(to.0 - from.0), abs(to.1 - from.1))
        return (0...max(steps, 1)).map { step in
            let t = Double(step) / Double(max(steps, 1))
            return (from.0 + Int((Double(to.0 - from.0) * t).rounded()), from.1 + Int((Double(to.1 - from.1) * t).rounded()))
        }
    }

    /// A scribbled coil of four loops across the canvas, as one drag: the cells of a spring.
    static let coil: [(Int, Int)] = {
        var cells: [(Int, Int)] = []
        for step in 0...240 {
            let t = Double(step) / 240
            let cell = (Int((5 + 17 * t + 3 * cos(8 * .pi * t)).rounded()), Int((10 + 4 * sin(8 * .pi * t)).rounded()))
            if cells.last.map({ $0 != cell }) ?? true { cells.append(cell) }
        }
        return cells
    }()

    static let cases: [(String, DrawnDigit)] = [
        ("a filled block", drawing([(4...15).flatMap { row in
            row % 2 == 0 ? line((6, row), (21, row)) : line((21, row), (6, row))
        }], brushPercent: 150)),
        ("a straight line", drawing([line((3, 10), (24, 11))])),
        ("a scribble", drawing([coil])),
    ]

    @Test("a filled block, a straight line and a scribble are not sure to be digits", arguments: 0..<3)
    func nonDigitsFlagged(_ index: Int) throws {
        let (network, rule, _) = try Self.trained.get()
        let (name, drawing) = Self.cases[index]
        let image = try #require(DrawnDigitReplay.image(for: drawing))
        let probabilities = network.probabilities(for: image)
        #expect(rule.rejects(probabilities),
                "\(name): largest probability \(probabilities.max() ?? 0) not below \(rule.threshold)\n\(DrawnDigitsFixture.art(image))")
    }

    @Test("clear MNIST test digits (the first ten) are read, not flagged")
    func digitsNotFlagged() throws {
        let (network, rule, test) = try Self.trained.get()
        for index in 0..<10 {
            let image = test.image(index).map { Float($0) / 255 }
            let probabilities = network.probabilities(for: image)
            #expect(!rule.rejects(probabilities), "test image \(index) (a \(test.labels[index])): \(probabilities.max() ?? 0)")
        }
    }
}
