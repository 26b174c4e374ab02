extension ModelMetadata {
    /// What a model file records about how `configuration` made the model: the typed facts
    /// plus the recipe, so anyone holding the file can train it again. `madeBy` says which
    /// front end trained it ("digits train", the Train screen).
    public init(training configuration: TrainingConfiguration, epochs: Int, testAccuracy: Double?,
                dataset: String = "mnist", madeBy: String) {
        self.init(
            dataset: dataset, epochs: epochs, testAccuracy: testAccuracy, seed: configuration.seed,
            optimizer: configuration.optimizer.rawValue, extras: [
                "learning_rate": String(configuration.learningRate),
                "batch_size": String(configuration.batchSize),
                "schedule": configuration.schedule.rawValue,
                "weight_decay": String(configuration.weightDecay),
                "augmentation": configuration.augmentation == nil ? "none" : "standard",
                "made_by": madeBy,
            ])
    }
}
