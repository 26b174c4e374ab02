/// Every limit and default of a training option, in one table. `TrainingConfiguration`
/// validates against it, `CrossValidation` checks its folds with it, and the Train form and
/// `digits train`/`digits tune` take their ranges, help and defaults from it.
public enum TrainingLimits {
    /// The width of each hidden layer; the default architecture is 784-128-10.
    public static let hiddenSize = OptionLimit(name: "hidden sizes", range: 1...65536, defaultValue: 128)
    /// How many hidden layers: at least one, so there is something to learn features with;
    /// at most far more than anything that trains well, so a typo cannot ask for millions.
    public static let hiddenLayers = OptionLimit(name: "hidden layers", range: 1...1024, defaultValue: 1)
    /// The step size. Above 100 nothing trains; 0 would not move at all.
    public static let learningRate = OptionLimit<Float>(name: "learning rate", range: 0...100,
                                                        excludesLowerBound: true, defaultValue: 0.1)
    /// Examples per step.
    public static let batchSize = OptionLimit(name: "batch size", range: 1...1_000_000, defaultValue: 64)
    /// Passes over the training set.
    public static let epochs = OptionLimit(name: "epochs", range: 1...100_000, defaultValue: 10)
    /// The L2 penalty; 1 or more would shrink every weight to nothing in one step.
    public static let weightDecay = OptionLimit<Float>(name: "weight decay", range: 0...1,
                                                       excludesUpperBound: true, defaultValue: 0)
    /// The per-epoch factor of the exponential schedule; 1 keeps the rate constant.
    public static let learningRateDecay = OptionLimit<Float>(name: "learning-rate decay", range: 0...1,
                                                             excludesLowerBound: true, defaultValue: 1)
    /// The share of each batch that is generated non-digits. Half at most: the network is
    /// still there to read digits, and each replaced image is a digit it does not see.
    public static let negatives = OptionLimit<Float>(name: "negatives", range: 0...0.5, defaultValue: 0)
    /// k of k-fold cross-validation: two at least to hold one out, twenty at most to keep it
    /// from taking all day.
    public static let folds = OptionLimit(name: "folds", range: 2...20, defaultValue: 5)
}
