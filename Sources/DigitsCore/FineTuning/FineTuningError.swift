/// Why a model cannot be fine-tuned on a set of drawings; `description` is one line naming the
/// file at fault.
public enum FineTuningError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The drawing set could not be read: the loader's message (file, offset, field).
    case unreadableSet(DrawnDigitsError)
    /// The drawing set holds no drawings: there is nothing to learn from.
    case noDrawings(set: String)
    /// The model does not read 28x28 images or does not answer the ten digits.
    case unsuitableModel(model: String, architecture: String)

    public var description: String {
        switch self {
        case .unreadableSet(let error):
            error.description
        case .noDrawings(let set):
            "\(set): the set holds no drawings; label some on the Draw screen (s then the digit) first"
        case let .unsuitableModel(model, architecture):
            "\(model): a \(architecture) network cannot learn drawings: fine-tuning needs "
                + "\(MNISTFormat.side * MNISTFormat.side) inputs (28x28 pixels) and 10 outputs"
        }
    }
}
