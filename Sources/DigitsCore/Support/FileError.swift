/// What can be wrong with one kind of file (a data file, a model, a PGM image, a drawn-digit
/// set), said in words without the file's name or offset: `FileError` puts those in front.
public protocol FileProblem: Equatable, Sendable, CustomStringConvertible {}

/// A file could not be read, understood or written: which file, the byte offset of the fault
/// when there is one place to point at, and the domain's typed problem. Every file error in
/// the program is one of these, so every message has the same shape, one line, ready for a CLI:
/// `FILE: byte N: problem`, or `FILE: problem` when no offset applies.
public struct FileError<Problem: FileProblem>: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file concerned (for a missing data set, its directory).
    public let path: String
    /// The byte offset where the problem was found, when one applies.
    public let offset: Int?
    /// What is wrong.
    public let problem: Problem

    /// An error about `path`, found at byte `offset` when one is given.
    public init(path: String, offset: Int? = nil, problem: Problem) {
        self.path = path
        self.offset = offset
        self.problem = problem
    }

    public var description: String {
        if let offset { return "\(path): byte \(offset): \(problem)" }
        return "\(path): \(problem)"
    }
}
