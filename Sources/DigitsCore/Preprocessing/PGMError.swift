/// A PGM file could not be read: it is missing, unreadable, not a PGM, or its header or pixels
/// are malformed. Names the file, the byte offset where the problem was found and what was
/// expected, in one line.
public struct PGMError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Equatable, Sendable {
        /// The file does not exist.
        case missingFile
        /// The file exists but could not be read; the system's explanation.
        case unreadable(String)
        /// The file is larger than any PGM this program accepts.
        case fileTooLarge(limit: Int)
        /// The file does not start with "P5" (binary PGM) or "P2" (plain PGM); `found` is what
        /// it starts with, made printable.
        case notPGM(found: String)
        /// A header field (width, height or maximum value) is missing or not a decimal number;
        /// `found` is what stands there instead, made printable.
        case badHeaderField(name: String, found: String)
        /// A header field is a number outside what this program accepts.
        case headerFieldOutOfRange(name: String, value: Int, allowed: ClosedRange<Int>)
        /// The header is not followed by the single whitespace character that separates it from
        /// binary pixel data.
        case missingSeparator
        /// The pixel data ends early: `expected` bytes (binary) or samples (plain) were
        /// promised by the header, `found` are present.
        case truncated(expected: Int, found: Int, unit: String)
        /// A pixel in the plain format is not a decimal number.
        case badSample(index: Int, found: String)
        /// A pixel is brighter than the header's maximum value.
        case sampleAboveMaximum(index: Int, value: Int, maximum: Int)
    }

    /// The file concerned.
    public let path: String
    /// The byte offset where the problem was found, when one applies.
    public let offset: Int?
    /// What went wrong.
    public let reason: Reason

    /// An error about `path` found at byte `offset`.
    public init(path: String, offset: Int? = nil, reason: Reason) {
        self.path = path
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        let at = offset.map { " at byte \($0)" } ?? ""
        switch reason {
        case .missingFile:
            return "\(path): no such file"
        case .unreadable(let why):
            return "\(path): cannot read: \(why)"
        case .fileTooLarge(let limit):
            return "\(path): file is larger than \(limit) bytes, more than any PGM image this program reads"
        case .notPGM(let found):
            return "\(path): not a PGM image: it starts with \(found), expected \"P5\" (binary PGM) or \"P2\" (plain PGM)"
        case .badHeaderField(let name, let found):
            return "\(path): PGM header\(at): expected the \(name) as a decimal number, found \(found)"
        case .headerFieldOutOfRange(let name, let value, let allowed):
            return "\(path): PGM \(name) is \(value)\(at), expected \(allowed.lowerBound)...\(allowed.upperBound)"
        case .missingSeparator:
            return "\(path): PGM header\(at): expected one whitespace character before the pixel data"
        case .truncated(let expected, let found, let unit):
            return "\(path): PGM pixel data is truncated\(at): the header promises \(expected) \(unit), found \(found)"
        case .badSample(let index, let found):
            return "\(path): PGM pixel \(index)\(at): expected a decimal number, found \(found)"
        case .sampleAboveMaximum(let index, let value, let maximum):
            return "\(path): PGM pixel \(index)\(at) is \(value), above the header's maximum value \(maximum)"
        }
    }
}
