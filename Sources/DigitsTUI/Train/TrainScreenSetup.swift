import DigitsCore

/// What the Train screen starts from: where the data is, the recipe in the form, where to
/// save, and whether to start training at once (`digits train` in a terminal).
public struct TrainScreenSetup: Sendable {
    public var data: DataLocation
    public var configuration: TrainingConfiguration
    public var output: String
    public var startsAtOnce: Bool

    public init(data: DataLocation = DataLocation.resolve(explicit: nil),
                configuration: TrainingConfiguration = TrainingPreset.fast.configuration,
                output: String = TrainingOutput.defaultPath, startsAtOnce: Bool = false) {
        self.data = data
        self.configuration = configuration
        self.output = output
        self.startsAtOnce = startsAtOnce
    }
}
