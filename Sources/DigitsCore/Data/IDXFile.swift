/// One MNIST-format IDX file of unsigned bytes, read and fully validated: an image file
/// (magic 0x00000803: count, rows, columns) or a label file (magic 0x00000801: count).
///
/// The layout is a big-endian header (two zero bytes, the element type 0x08, the number of
/// dimensions, then one 32-bit size per dimension) followed by the data, row-major. Files may be
/// raw or gzip/zlib-compressed; which one is decided by the first bytes, not the name.
public struct IDXFile: Sendable, Equatable {
    /// Which of the two MNIST file kinds is expected.
    public enum Kind: Sendable, Equatable {
        /// Images: three dimensions, count, rows and columns.
        case images
        /// Labels: one dimension, the count.
        case labels

        /// The number of dimensions a file of this kind has.
        public var dimensionCount: Int { self == .images ? 3 : 1 }
        /// The magic number such a file starts with.
        public var magic: UInt32 { self == .images ? 0x0000_0803 : 0x0000_0801 }

        /// The name of each dimension, for error messages.
        var dimensionNames: [String] {
            self == .images ? ["number of images", "rows", "columns"] : ["number of labels"]
        }
    }

    /// The most data bytes (after the header) a file may hold: 256 MiB. A header asking for
    /// more is rejected before anything is allocated.
    public static let maximumDataSize = 256 << 20
    /// The image heights and widths accepted. MNIST's are 28.
    public static let sideRange = 1...1024

    /// The file this was read from.
    public let path: String
    /// Images or labels.
    public let kind: Kind
    /// The sizes from the header: `[count, rows, columns]` for images, `[count]` for labels.
    public let dimensions: [Int]
    /// Everything after the header, exactly as many bytes as the dimensions multiply to.
    public let data: [UInt8]

    /// Records in the file.
    public var count: Int { dimensions[0] }
    /// Image height; 1 for label files.
    public var rows: Int { kind == .images ? dimensions[1] : 1 }
    /// Image width; 1 for label files.
    public var columns: Int { kind == .images ? dimensions[2] : 1 }
    /// Bytes in the header.
    public var headerSize: Int { 4 + 4 * dimensions.count }

    /// Reads and validates the IDX file at `path`, raw or compressed.
    ///
    /// - Throws: `DataError` naming the file, the offset and what was expected when the file is
    ///   missing, unreadable, not valid gzip, has the wrong magic, element type or number of
    ///   dimensions, a size out of range, or data that is not exactly as long as the header says.
    public static func read(contentsOf path: String, as kind: Kind, maximumDataSize: Int = IDXFile.maximumDataSize) throws(DataError) -> IDXFile {
        let file = try FileSource(path: path)
        let prefix = try file.readBytes(2)
        try file.rewind()
        if Gzip.isCompressed(prefix) {
            return try read(from: Inflater(file, limit: inflateLimit(maximumDataSize)), as: kind, maximumDataSize: maximumDataSize)
        }
        return try read(from: file, as: kind, maximumDataSize: maximumDataSize)
    }

    /// Parses and validates the IDX file whose bytes, raw or compressed, are `bytes`; `path`
    /// names it in errors.
    public static func parse(_ bytes: [UInt8], path: String, as kind: Kind, maximumDataSize: Int = IDXFile.maximumDataSize) throws(DataError) -> IDXFile {
        let source = MemorySource(bytes, path: path)
        if Gzip.isCompressed(bytes.prefix(2)) {
            return try read(from: Inflater(source, limit: inflateLimit(maximumDataSize)), as: kind, maximumDataSize: maximumDataSize)
        }
        return try read(from: source, as: kind, maximumDataSize: maximumDataSize)
    }

    /// The bytes of an uncompressed IDX file of unsigned bytes with these dimensions and data,
    /// for writing small data sets (tests, subsets).
    public static func encode(dimensions: [Int], data: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(truncatingIfNeeded: dimensions.count)]
        for size in dimensions {
            let value = UInt32(truncatingIfNeeded: size)
            bytes += [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16),
                      UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
        }
        return bytes + data
    }

    /// A header can never need more than the data limit plus the largest header (255 sizes).
    private static func inflateLimit(_ maximumDataSize: Int) -> Int {
        maximumDataSize + 4 + 4 * 255 + 1
    }

    private static func read(from source: ByteSource, as kind: Kind, maximumDataSize: Int) throws(DataError) -> IDXFile {
        let path = source.path
        let expectedHeader = 4 + 4 * kind.dimensionCount

        let magicBytes = try source.readBytes(4)
        guard magicBytes.count == 4 else {
            throw DataError(path: path, offset: magicBytes.count,
                            problem: .truncatedHeader(needed: expectedHeader, available: magicBytes.count))
        }
        let magic = bigEndianWord(magicBytes, at: 0)
        guard magicBytes[0] == 0, magicBytes[1] == 0 else {
            throw DataError(path: path, offset: 0, problem: .notIDX(magic: magic))
        }
        guard magicBytes[2] == 0x08 else {
            throw DataError(path: path, offset: 2, problem: .unsupportedElementType(magicBytes[2]))
        }
        guard Int(magicBytes[3]) == kind.dimensionCount else {
            throw DataError(path: path, offset: 3,
                            problem: .wrongDimensionCount(found: Int(magicBytes[3]), expected: kind.dimensionCount))
        }

        let sizeBytes = try source.readBytes(4 * kind.dimensionCount)
        guard sizeBytes.count == 4 * kind.dimensionCount else {
            throw DataError(path: path, offset: 4 + sizeBytes.count,
                            problem: .truncatedHeader(needed: expectedHeader, available: 4 + sizeBytes.count))
        }
        var dimensions: [Int] = []
        for (index, name) in kind.dimensionNames.enumerated() {
            let value = Int(bigEndianWord(sizeBytes, at: 4 * index))
            // A count too large shows up below as a header asking for too much data.
            let allowed = index == 0 ? 1...maximumDataSize : sideRange
            guard value >= allowed.lowerBound, index == 0 || value <= allowed.upperBound else {
                throw DataError(path: path, offset: 4 + 4 * index,
                                problem: .dimensionOutOfRange(name: name, value: value, allowed: allowed))
            }
            dimensions.append(value)
        }
        // The count is below 2^32 and the sides below 2^11, so the product cannot overflow.
        let dataSize = dimensions.reduce(1, *)
        guard dataSize <= maximumDataSize else {
            throw DataError(path: path, offset: 4, problem: .headerTooLarge(bytes: dataSize, limit: maximumDataSize))
        }
        // A raw file's size is known: check it before allocating.
        if let available = source.knownSize, available != dataSize {
            throw DataError(path: path, offset: expectedHeader + min(available, dataSize),
                            problem: .sizeMismatch(expected: dataSize, actual: available))
        }

        // A compressed file's size is not known until it is inflated: grow with what arrives.
        let data = try source.knownSize == nil
            ? source.readBytesAsTheyArrive(dataSize) : source.readBytes(dataSize)
        guard data.count == dataSize else {
            throw DataError(path: path, offset: expectedHeader + data.count,
                            problem: .sizeMismatch(expected: dataSize, actual: data.count))
        }
        // Reading past the data makes a compressed source check its trailer, too.
        let extra = try source.readBytes(1)
        guard extra.isEmpty else {
            throw DataError(path: path, offset: expectedHeader + dataSize, problem: .sizeMismatch(expected: dataSize, actual: nil))
        }
        return IDXFile(path: path, kind: kind, dimensions: dimensions, data: data)
    }
}

private func bigEndianWord(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
}
