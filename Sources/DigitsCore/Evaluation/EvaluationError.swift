/// Why a network cannot be evaluated on a data set, or a report cannot be built.
public enum EvaluationError: Error, Equatable, CustomStringConvertible {
    /// The network's input width differs from the images' pixel count.
    case inputSizeMismatch(networkInputs: Int, imageRows: Int, imageColumns: Int)
    /// A label (true or predicted) at image `index` is not a class of the network.
    case labelOutOfRange(index: Int, label: Int, classCount: Int)
    /// Two parallel arrays disagree in length.
    case countMismatch(what: String, expected: Int, actual: Int)
    /// A network with fewer than two outputs cannot classify.
    case tooFewClasses(Int)

    public var description: String {
        switch self {
        case let .inputSizeMismatch(inputs, rows, columns):
            "the network takes \(inputs) inputs but the images have \(rows * columns) pixels (\(rows)x\(columns))"
        case let .labelOutOfRange(index, label, classCount):
            "image \(index) has label \(label), but the network has only \(classCount) classes (0...\(classCount - 1))"
        case let .countMismatch(what, expected, actual):
            "expected \(expected) \(what), got \(actual)"
        case let .tooFewClasses(count):
            "a classifier needs at least 2 classes, the network has \(count) outputs"
        }
    }
}
