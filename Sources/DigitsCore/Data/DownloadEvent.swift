/// What a download is doing, for progress displays. Sent from the thread that runs the
/// download and, for `progress`, from URLSession's own thread.
public enum DownloadEvent: Sendable, Equatable {
    /// `file` is already at `path` with the right content; not fetched again.
    case skipped(file: String, path: String)
    /// Fetching `file` from `url` has begun.
    case started(file: String, url: String)
    /// `received` bytes of `file` have arrived, of `expected` when the server said.
    case progress(file: String, received: Int, expected: Int?)
    /// All of `file` has arrived; its checksum is being computed.
    case verifying(file: String)
    /// The attempt at `file` from `url` failed; the next mirror is tried, if any.
    case failed(file: String, url: String, reason: String)
    /// `file` was verified and written to `path`; `bytes` long as stored.
    case finished(file: String, path: String, bytes: Int)
}
