/// What can be wrong with a data file: it is missing, unreadable, not valid gzip, or not a valid
/// MNIST-format IDX file. The offset of a `DataError` is in the uncompressed content for IDX
/// problems, in the file itself for gzip problems.
public enum DataProblem: FileProblem {
    /// The file does not exist.
    case missingFile
    /// The file exists but could not be read; the system's explanation.
    case unreadable(String)
    /// The compressed stream ended before its end marker.
    case truncatedCompression
    /// The compressed stream is damaged; zlib's explanation.
    case corruptCompression(String)
    /// Decompressing would produce more than `limit` bytes.
    case decompressedTooLarge(limit: Int)
    /// The file ends inside the IDX header: `needed` header bytes, `available` present.
    case truncatedHeader(needed: Int, available: Int)
    /// The first two bytes are not the zeros every IDX file starts with.
    case notIDX(magic: UInt32)
    /// The element type byte is not 0x08 (unsigned byte), the only type MNIST uses.
    case unsupportedElementType(UInt8)
    /// The IDX file has `found` dimensions where `expected` were needed (3 for images,
    /// 1 for labels); often an image file and a label file swapped.
    case wrongDimensionCount(found: Int, expected: Int)
    /// A dimension is outside what this program accepts.
    case dimensionOutOfRange(name: String, value: Int, allowed: ClosedRange<Int>)
    /// The header promises more data than this program will hold in memory.
    case headerTooLarge(bytes: Int, limit: Int)
    /// The data after the header is not the size the header promises. `actual` is nil
    /// when the data was longer than promised (it is not read to the end).
    case sizeMismatch(expected: Int, actual: Int?)
    /// An image file and a label file hold different numbers of records.
    case countMismatch(images: Int, labels: Int, imagesPath: String)
    /// A label is outside `0..<classCount`; `range` is the range of all labels in the file.
    case labelOutOfRange(label: UInt8, record: Int, range: ClosedRange<UInt8>, classCount: Int)
    /// A data set file is not in the directory (the error's path); `hint` says where it looked
    /// and how to get data.
    case dataNotFound(file: String, hint: String)

    public var description: String {
        switch self {
        case .missingFile:
            "no such file"
        case .unreadable(let why):
            "cannot read: \(why)"
        case .truncatedCompression:
            "compressed data is truncated (the stream ends before its end marker)"
        case .corruptCompression(let why):
            "compressed data is corrupt: \(why)"
        case .decompressedTooLarge(let limit):
            "decompresses to more than \(limit) bytes, the most expected; refusing to continue"
        case .truncatedHeader(let needed, let available):
            "file ends inside the IDX header: expected \(needed) header bytes, found \(available)"
        case .notIDX(let magic):
            "not an IDX file: magic number is \(hex(magic)), expected 0x00000803 (images) or 0x00000801 (labels)"
        case .unsupportedElementType(let type):
            "IDX element type is \(hex(type)), expected 0x08 (unsigned byte)"
        case .wrongDimensionCount(let found, let expected):
            "IDX file has \(found) dimension\(found == 1 ? "" : "s"), expected \(expected) for "
                + "\(expected == 3 ? "an image file" : expected == 1 ? "a label file" : "a file") (magic 0x0000080\(expected))"
        case .dimensionOutOfRange(let name, let value, let allowed):
            "\(name) is \(value), expected \(allowed.lowerBound)...\(allowed.upperBound)"
        case .headerTooLarge(let bytes, let limit):
            "header promises \(bytes) bytes of data, more than the \(limit) this program accepts"
        case .sizeMismatch(let expected, let actual):
            if let actual, actual < expected {
                "data ends: header promises \(expected) bytes after the header, found \(actual)"
            } else {
                "extra data: header promises \(expected) bytes after the header, \(actual.map { "found \($0)" } ?? "found more")"
            }
        case .countMismatch(let images, let labels, let imagesPath):
            "\(labels) labels but \(imagesPath) has \(images) images; the two files must hold the same records"
        case .labelOutOfRange(let label, let record, let range, let classCount):
            "label \(label) of record \(record) is outside 0...\(classCount - 1) (labels in this file span "
                + "\(range.lowerBound)...\(range.upperBound)); the network has \(classCount) outputs, "
                + "so only data sets with \(classCount) classes can be used"
        case .dataNotFound(let file, let hint):
            "no data: \(file) not found; \(hint)"
        }
    }
}

/// A data file could not be used; see `DataProblem`.
public typealias DataError = FileError<DataProblem>

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}

private func hex(_ value: UInt8) -> String {
    let digits = String(value, radix: 16)
    return "0x" + (digits.count < 2 ? "0" : "") + digits
}
