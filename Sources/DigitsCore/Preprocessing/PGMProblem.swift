/// What can be wrong with a PGM file: it is missing, unreadable, not a PGM, or its header or
/// pixels are malformed.
public enum PGMProblem: FileProblem {
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

    public var description: String {
        switch self {
        case .missingFile:
            "no such file"
        case .unreadable(let why):
            "cannot read: \(why)"
        case .fileTooLarge(let limit):
            "file is larger than \(limit) bytes, more than any PGM image this program reads"
        case .notPGM(let found):
            "not a PGM image: it starts with \(found), expected \"P5\" (binary PGM) or \"P2\" (plain PGM)"
        case .badHeaderField(let name, let found):
            "PGM header: expected the \(name) as a decimal number, found \(found)"
        case .headerFieldOutOfRange(let name, let value, let allowed):
            "PGM \(name) is \(value), expected \(allowed.lowerBound)...\(allowed.upperBound)"
        case .missingSeparator:
            "PGM header: expected one whitespace character before the pixel data"
        case .truncated(let expected, let found, let unit):
            "PGM pixel data is truncated: the header promises \(expected) \(unit), found \(found)"
        case .badSample(let index, let found):
            "PGM pixel \(index): expected a decimal number, found \(found)"
        case .sampleAboveMaximum(let index, let value, let maximum):
            "PGM pixel \(index) is \(value), above the header's maximum value \(maximum)"
        }
    }
}

/// A PGM file could not be read; see `PGMProblem`.
public typealias PGMError = FileError<PGMProblem>
