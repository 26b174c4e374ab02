import Testing
@testable import DigitsCore

@Suite("Model metadata from a training recipe")
struct ModelMetadataTrainingTests {
    @Test func recordsTheRecipeSoItCanBeTrainedAgain() {
        let config = TrainingPreset.shipped.configuration
        let metadata = ModelMetadata(training: config, epochs: 40, testAccuracy: 0.9918, madeBy: "digits train")
        #expect(metadata.dataset == "mnist" && metadata.epochs == 40 && metadata.seed == config.seed)
        #expect(metadata.optimizer == "momentum")
        let entries = metadata.entries
        #expect(entries["learning_rate"] == String(config.learningRate))
        #expect(entries["batch_size"] == "128")
        #expect(entries["schedule"] == "cosine")
        #expect(entries["augmentation"] == "standard")
        #expect(entries["made_by"] == "digits train")
        #expect(ModelMetadata(entries: entries) == metadata, "survives a trip through __metadata__")
    }
}
