/// One mirror's try at one file, and what went wrong.
public struct DownloadAttempt: Sendable, Equatable {
    /// The URL that was fetched.
    public let url: String
    /// What went wrong, in a few words: an HTTP status, a network error, a short body, a
    /// corrupt gzip stream or a checksum mismatch.
    public let reason: String

    public init(url: String, reason: String) {
        self.url = url
        self.reason = reason
    }
}

/// `digits download` could not complete. Files already verified stay; no partial file is left.
public enum DownloadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No mirror was given.
    case noMirrors
    /// The target directory does not exist and could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// Every mirror failed for `file`; one attempt per mirror, in order.
    case allMirrorsFailed(file: String, attempts: [DownloadAttempt])
    /// A verified file could not be written.
    case cannotWrite(FileWriteError)

    public var description: String {
        switch self {
        case .noMirrors:
            return "no mirror to download from"
        case .cannotCreateDirectory(let path, let reason):
            return "cannot create directory \(path): \(reason)"
        case .allMirrorsFailed(let file, let attempts):
            let tries = attempts.map { "\($0.url): \($0.reason)" }.joined(separator: "; ")
            return "cannot download \(file): every mirror failed: \(tries)"
        case .cannotWrite(let error):
            return error.description
        }
    }
}
