/// Why training could not start.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    case invalid(String)
    case dataMismatch(String)

    public var description: String {
        switch self {
        case .invalid(let message), .dataMismatch(let message): message
        }
    }
}
