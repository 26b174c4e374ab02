import Testing
@testable import DigitsCore

@Suite("Training limits")
struct TrainingLimitsTests {
    @Test("bounds are allowed or refused as the table says; NaN and infinities never pass")
    func bounds() {
        let epochs = TrainingLimits.epochs
        #expect(epochs.contains(1) && epochs.contains(100_000))
        #expect(!epochs.contains(0) && !epochs.contains(100_001))
        let rate = TrainingLimits.learningRate
        #expect(!rate.contains(0) && rate.contains(100) && !rate.contains(100.5) && rate.contains(1e-6))
        #expect(!rate.contains(.nan) && !rate.contains(.infinity) && !rate.contains(-.infinity))
        let decay = TrainingLimits.weightDecay
        #expect(decay.contains(0) && !decay.contains(1) && !decay.contains(-0.1))
    }

    @Test("the allowed values read as a person writes them")
    func wording() {
        #expect(TrainingLimits.epochs.allowed == "1-100000")
        #expect(TrainingLimits.folds.allowed == "2-20")
        #expect(TrainingLimits.learningRate.allowed == "above 0 and at most 100")
        #expect(TrainingLimits.weightDecay.allowed == "at least 0 and below 1")
        #expect(TrainingLimits.learningRateDecay.allowed == "above 0 and at most 1")
    }

    @Test("every default is allowed, and the configuration's defaults are the table's")
    func defaults() throws {
        #expect(TrainingLimits.hiddenSize.contains(TrainingLimits.hiddenSize.defaultValue))
        #expect(TrainingLimits.hiddenLayers.contains(TrainingLimits.hiddenLayers.defaultValue))
        #expect(TrainingLimits.folds.contains(TrainingLimits.folds.defaultValue))
        let config = TrainingConfiguration()
        try config.validate()
        #expect(config.hiddenSizes == [TrainingLimits.hiddenSize.defaultValue])
        #expect(config.hiddenSizes.count == TrainingLimits.hiddenLayers.defaultValue)
        #expect(config.learningRate == TrainingLimits.learningRate.defaultValue)
        #expect(config.batchSize == TrainingLimits.batchSize.defaultValue)
        #expect(config.epochs == TrainingLimits.epochs.defaultValue)
        #expect(config.weightDecay == TrainingLimits.weightDecay.defaultValue)
        #expect(config.learningRateDecay == TrainingLimits.learningRateDecay.defaultValue)
    }

    @Test("validation refuses each setting with a typed error naming it, its value and the range")
    func validationErrors() {
        func refusal(_ config: TrainingConfiguration) -> TrainingError? {
            do throws(TrainingError) { try config.validate() } catch { return error }
            return nil
        }
        #expect(refusal(TrainingConfiguration(epochs: 0))
                == .outOfRange(option: "epochs", value: "0", allowed: "1-100000"))
        #expect(refusal(TrainingConfiguration(epochs: 0))?.description == "epochs must be 1-100000, got 0")
        #expect(refusal(TrainingConfiguration(batchSize: 1_000_001)) == TrainingLimits.batchSize.refusal(1_000_001))
        #expect(refusal(TrainingConfiguration(learningRate: -1))?.description
                == "learning rate must be above 0 and at most 100, got -1.0")
        #expect(refusal(TrainingConfiguration(hiddenSizes: [128, 0]))?.description
                == "hidden sizes must be 1-65536, got [128, 0]")
        #expect(refusal(TrainingConfiguration(hiddenSizes: []))
                == TrainingLimits.hiddenLayers.refusal(0, shown: "0 in []"))
        #expect(refusal(TrainingConfiguration(weightDecay: 1)) == TrainingLimits.weightDecay.refusal(1))
        #expect(refusal(TrainingConfiguration(learningRateDecay: 0)) == TrainingLimits.learningRateDecay.refusal(0))
        #expect(refusal(TrainingConfiguration(learningRate: .nan)) != nil)
    }

    @Test("cross-validation reads its folds from the table")
    func folds() {
        for folds in [TrainingLimits.folds.range.lowerBound - 1, TrainingLimits.folds.range.upperBound + 1] {
            #expect(throws: TrainingLimits.folds.refusal(folds)) {
                try CrossValidation(base: TrainingConfiguration(), folds: folds)
            }
        }
        #expect(throws: Never.self) { try CrossValidation(base: TrainingConfiguration(), folds: TrainingLimits.folds.range.upperBound) }
    }
}
