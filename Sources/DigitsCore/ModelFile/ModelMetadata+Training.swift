extension ModelMetadata {
    /// What a model file records about how `configuration` made the model: the typed facts
    /// plus the recipe, so anyone holding the file can train it again. `madeBy` says which
    /// front end trained it ("digits train", the Train screen).
    /// `rejectBelow` is the calibrated threshold of `RejectionRule`, for a model trained with
    /// negatives.
    public init(training configuration: TrainingConfiguration, epochs: Int, testAccuracy: Double?,
                rejectBelow: Float? = nil, dataset: String = "mnist", madeBy: String) {
        self.init(
            dataset: dataset, epochs: epochs, testAccuracy: testAccuracy, seed: configuration.seed,
            optimizer: configuration.optimizer.rawValue, rejectBelow: rejectBelow, extras: [
                "learning_rate": String(configuration.learningRate),
                "batch_size": String(configuration.batchSize),
                "schedule": configuration.schedule.rawValue,
                "weight_decay": String(configuration.weightDecay),
                "augmentation": configuration.augmentation == nil ? "none" : "standard",
                "made_by": madeBy,
            ])
        // Only when used, so the files of models trained without them read as they always did.
        if configuration.negatives > 0 { extras["negatives"] = String(configuration.negatives) }
    }
}
