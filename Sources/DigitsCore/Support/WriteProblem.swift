/// Why a file could not be written; nothing was left behind.
public enum WriteProblem: FileProblem {
    /// The system refused; its explanation (or which directory is missing).
    case cannotWrite(reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let reason): "cannot write: \(reason)"
        }
    }
}

/// A file could not be written atomically (see `AtomicFile`).
public typealias FileWriteError = FileError<WriteProblem>
