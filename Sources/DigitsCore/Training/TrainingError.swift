/// Why training (or cross-validation) could not start. Each case says what was wrong in its
/// own terms; `description` turns it into one line for the CLI or the Train screen.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A setting is outside its entry in `TrainingLimits`: the option's name, the value as
    /// given, and the allowed values in words.
    case outOfRange(option: String, value: String, allowed: String)
    /// There is nothing to train on.
    case emptyTrainingSet
    /// The images do not fit the network's input layer.
    case imageSizeMismatch(pixels: Int, networkInputs: Int)
    /// A label is not one of the network's outputs.
    case labelOutOfRange(label: Int, outputs: Int)
    /// Fewer examples than folds: some fold would be empty.
    case tooFewExamples(examples: Int, folds: Int)
    /// Negatives are generated as 28x28 images, so they only mix with images of that size.
    case negativesNeedMNISTImages(pixels: Int)
    /// The configured network cannot be built.
    case invalidNetwork(NetworkError)

    public var description: String {
        switch self {
        case let .outOfRange(option, value, allowed):
            "\(option) must be \(allowed), got \(value)"
        case .emptyTrainingSet:
            "the training set is empty"
        case let .imageSizeMismatch(pixels, inputs):
            "images have \(pixels) pixels but the network takes \(inputs)"
        case let .labelOutOfRange(label, outputs):
            "label \(label) does not fit a network with \(outputs) outputs"
        case let .tooFewExamples(examples, folds):
            "\(examples) examples cannot be split into \(folds) folds"
        case .negativesNeedMNISTImages(let pixels):
            "negatives are 28x28 images (784 pixels) but the training images have \(pixels)"
        case .invalidNetwork(let error):
            error.description
        }
    }
}
