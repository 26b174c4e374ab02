import Foundation
import Testing
@testable import DigitsCore

@Suite("Fine-tuning on drawings")
struct FineTuningTests {
    /// A "7" as mouse reports on the 80x24 canvas: a bar, then the stroke down.
    static let seven = DrawnDigit(
        id: "me/7", label: 7, writer: "me", canvas: CellSize(columns: 28, rows: 20),
        strokes: [(6...20).map { CellPoint(column: $0, row: 3) } + (4...16).map { CellPoint(column: 20 - ($0 - 4) / 2, row: $0) }])

    static func set(_ drawings: [DrawnDigit]) -> DrawnDigitSet {
        DrawnDigitSet(writers: [DrawnWriter(name: "me", split: .development)], drawings: drawings)
    }

    @Test("a variation keeps the strokes on the new canvas and changes the image, the plain one keeps it")
    func variation() {
        var generator = SeededGenerator(seed: 5)
        let original = DrawnDigitReplay.image(for: Self.seven)
        #expect(DrawnDigitReplay.image(for: DrawnDigitVariation().apply(to: Self.seven)) == original)
        for _ in 0..<20 {
            let variation = DrawnDigitVariation.random(using: &generator)
            let varied = variation.apply(to: Self.seven)
            #expect(varied.strokes.flatMap { $0 }.allSatisfy(varied.canvas.contains))
            #expect(DrawnDigitSet.brushPercents.contains(varied.brushPercent))
            // The canvas is the original's scaled by the variation, rounded to whole cells.
            #expect(abs(Float(varied.canvas.rows) - 20 * variation.canvasScale) <= 0.5)
            #expect(abs(Float(varied.canvas.columns) - 28 * variation.canvasScale) <= 0.5)
            let image = DrawnDigitReplay.image(for: varied)
            #expect(image != nil && image != original)
        }
    }

    @Test("the training set: MNIST images, then each drawing replayed enough times for a fifth of the mix")
    func trainingSet() {
        let mnist = Dataset(images: [UInt8](repeating: 0, count: 1000 * 784), labels: [UInt8](repeating: 3, count: 1000),
                            rows: 28, columns: 28)
        let drawings = Self.set([Self.seven, Self.seven])
        let first = FineTuning.trainingSet(mnist: mnist, drawings: drawings, seed: 1)
        let repeats = FineTuning.variants(forDrawings: 2, mnist: 1000)
        #expect(repeats == 125)
        #expect(first.count == 1000 + 2 * repeats)
        #expect(first.labels.filter { $0 == 7 }.count == 2 * repeats)
        #expect(first == FineTuning.trainingSet(mnist: mnist, drawings: drawings, seed: 1), "seeded")
        #expect(first != FineTuning.trainingSet(mnist: mnist, drawings: drawings, seed: 2))
        #expect(FineTuning.variants(forDrawings: 1, mnist: 30_000) == FineTuning.variantsPerDrawing.upperBound)
        #expect(FineTuning.variants(forDrawings: 100_000, mnist: 30_000) == FineTuning.variantsPerDrawing.lowerBound)
    }

    @Test("refused: a set with no drawings, a model that does not read 28x28 into ten digits, a bad set file")
    func refusals() throws {
        let good = try Network(sizes: [784, 8, 10], activation: .relu, seed: 1)
        let wide = try Network(sizes: [100, 8, 10], activation: .relu, seed: 1)
        #expect(throws: FineTuningError.noDrawings(set: "mine.json")) {
            try FineTuning.check(good, modelPath: "m.safetensors", drawings: Self.set([]), setPath: "mine.json")
        }
        #expect(throws: FineTuningError.unsuitableModel(model: "m.safetensors", architecture: "100-8-10")) {
            try FineTuning.check(wide, modelPath: "m.safetensors", drawings: Self.set([Self.seven]), setPath: "mine.json")
        }
        #expect(FineTuningError.unsuitableModel(model: "m.safetensors", architecture: "100-8-10").description
                    .contains("784 inputs"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("digits-finetune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.json").path
        let bad = String(decoding: Self.set([Self.seven]).encoded(), as: UTF8.self)
            .replacingOccurrences(of: "\"label\": 7", with: "\"label\": 12")
            .replacingOccurrences(of: "\"label\":7", with: "\"label\":12")
        try bad.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try FineTuning.load(setPath: path, network: good, modelName: "m")
            Issue.record("a label of 12 was accepted")
        } catch {
            #expect(error.description.contains(path) && error.description.contains("label"), "\(error.description)")
        }
    }

    @Test("load and prepare record the set's SHA-256 and count, which go into the model file")
    func prepareRecordsTheSet() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("digits-finetune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mine.json").path
        let bytes = Self.set([Self.seven]).encoded()
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let mnist = Dataset(images: [UInt8](repeating: 0, count: 10 * 784), labels: [UInt8](repeating: 1, count: 10),
                            rows: 28, columns: 28)
        let network = try Network(sizes: [784, 8, 10], activation: .relu, seed: 1)
        let loaded = try FineTuning.load(setPath: path, network: network, modelName: "m")
        let (training, learnt) = FineTuning.prepare(mnist: mnist, loaded: loaded, setPath: path, seed: 1)
        #expect(learnt.sha256 == SHA256.hexDigest(of: bytes))
        #expect(learnt.metadataExtras["drawn_set_count"] == "1")
        #expect(learnt.metadataExtras["drawn_set_sha256"] == learnt.sha256)
        #expect(training.count == 10 + learnt.variantsPerDrawing)
    }
}
