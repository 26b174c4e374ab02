import Foundation
import Testing
@testable import DigitsCore

/// The rule that says "not sure this is a digit", where its threshold comes from, and what it
/// makes of odd probabilities.
@Suite("Rejection rule")
struct RejectionRuleTests {
    @Test("a model file's reject_below is the threshold; absent or unusable, the fallback")
    func thresholdFromMetadata() {
        let model = RejectionRule(metadata: [ModelMetadata.Key.rejectBelow: "0.875"])
        #expect(model.threshold == 0.875 && model.source == .model)
        for bad in [nil, "", "high", "nan", "inf", "-0.1", "1.5", "0x1p-1 "] as [String?] {
            let rule = RejectionRule(metadata: bad.map { [ModelMetadata.Key.rejectBelow: $0] } ?? [:])
            #expect(rule.threshold == RejectionRule.fallbackThreshold && rule.source == .fallback, "\(bad ?? "absent")")
        }
    }

    @Test("flags when the largest probability is below the threshold; no answer or NaN is never sure")
    func rejects() {
        let rule = RejectionRule(threshold: 0.6)
        #expect(rule.rejects([0.55, 0.45]))
        #expect(!rule.rejects([0.6, 0.4]))
        #expect(!rule.rejects([0.1, 0.9]))
        #expect(rule.rejects([Float]()))
        #expect(rule.rejects([0.9, .nan]))
        #expect(rule.note(for: [0.1, 0.9]) == nil)
        #expect(rule.note(for: [0.3, 0.5, 0.2]) == "not sure this is a digit (the most probable, 1, has 50.0%, under 60.0%)")
    }

    @Test("reject_below is written and read back through the model file's metadata")
    func metadataRoundTrip() throws {
        var config = TrainingConfiguration(hiddenSizes: [4])
        config.negatives = 0.1
        let metadata = ModelMetadata(training: config, epochs: 1, testAccuracy: 0.5, rejectBelow: 0.8125, madeBy: "test")
        #expect(metadata.entries[ModelMetadata.Key.rejectBelow] == "0.8125")
        #expect(metadata.entries["negatives"] == "0.1")
        #expect(ModelMetadata(entries: metadata.entries) == metadata)
        let network = try Network(sizes: [4, 3, 2], activation: .relu, seed: 1)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reject-\(UUID()).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile.save(network, metadata: metadata, to: path)
        let loaded = try ModelFile.load(path: path)
        #expect(loaded.rejection == RejectionRule(threshold: 0.8125, source: .model))
        // Trained without negatives: no threshold recorded, so the fallback.
        let plain = ModelMetadata(training: TrainingConfiguration(hiddenSizes: [4]), epochs: 1, testAccuracy: nil, madeBy: "test")
        #expect(plain.entries[ModelMetadata.Key.rejectBelow] == nil && plain.entries["negatives"] == nil)
    }

    @Test("calibration reads the quantile of the largest probabilities over the training digits")
    func calibration() throws {
        // A network with no hidden weights answers every image with the same probabilities.
        var network = try Network(sizes: [4, 2, 3], activation: .relu, seed: 1)
        network.parameters = network.parameters.map { _ in 0 }
        let images = Dataset(images: [UInt8](repeating: 9, count: 40), labels: [UInt8](repeating: 0, count: 10),
                             rows: 2, columns: 2)
        #expect(abs(RejectionRule.calibrated(for: network, on: images) - 1 / 3) < 1e-6)
        // Wrong sizes: nothing to calibrate on, so the fallback.
        let wide = Dataset(images: [UInt8](repeating: 9, count: 90), labels: [UInt8](repeating: 0, count: 10),
                           rows: 3, columns: 3)
        #expect(RejectionRule.calibrated(for: network, on: wide) == RejectionRule.fallbackThreshold)
        #expect(RejectionRule.threshold(for: network, trainedWith: TrainingConfiguration(), on: images) == nil)
    }

    @Test("negatives out of range are refused, and need 28x28 images")
    func negativesLimits() throws {
        for bad: Float in [-0.1, 0.6, .nan] {
            var config = TrainingConfiguration(hiddenSizes: [4])
            config.negatives = bad
            #expect(throws: TrainingError.self) { try config.validate() }
        }
        var config = TrainingConfiguration(hiddenSizes: [4], epochs: 1)
        config.negatives = 0.2
        let trainer = Trainer(configuration: config)
        var network = try trainer.makeNetwork(inputSize: 4)
        let small = Dataset(images: [UInt8](repeating: 9, count: 40), labels: [UInt8](repeating: 1, count: 10),
                            rows: 2, columns: 2)
        #expect(throws: TrainingError.negativesNeedMNISTImages(pixels: 4)) { try trainer.train(&network, on: small) }
    }
}
