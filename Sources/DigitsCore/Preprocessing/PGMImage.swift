#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A greyscale image in Netpbm's PGM format, binary ("P5") or plain text ("P2"), with any
/// maximum value up to 65535 and any size up to `maximumSide` on a side; everything in the file
/// is checked before it is used.
///
/// A scanned or photographed digit may be dark ink on light paper or, like MNIST, light on
/// dark; `ink()` decides from the image's border and gives ink as 1 either way, so
/// `mnistImage()` works for both.
public struct PGMImage: Sendable, Equatable {
    /// The largest width or height accepted.
    public static let maximumSide = 8192
    /// The largest file read: a binary PGM of the largest size with 16-bit samples is 128 MiB;
    /// a plain one may be larger, but not sensibly this large.
    public static let maximumFileSize = 256 << 20

    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// The sample value that means white (PGM's "maxval").
    public let maximumValue: Int
    /// The samples as stored, row-major: 0 is black, `maximumValue` white.
    public let samples: [UInt16]

    /// Reads and checks the PGM file at `path`.
    public init(contentsOf path: String) throws(PGMError) {
        try self.init(parsing: try Self.readFile(path), path: path)
    }

    /// Parses and checks a PGM file's bytes; `path` names it in errors. A file holding several
    /// images (which Netpbm allows) gives the first.
    public init(parsing bytes: [UInt8], path: String = "<memory>") throws(PGMError) {
        var parser = PGMParser(bytes: bytes, path: path)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "P"),
              bytes[1] == UInt8(ascii: "5") || bytes[1] == UInt8(ascii: "2") else {
            throw PGMError(path: path, offset: 0, problem: .notPGM(found: PGMParser.printable(bytes.prefix(8))))
        }
        let plain = bytes[1] == UInt8(ascii: "2")
        parser.position = 2
        // Netpbm requires whitespace between the magic number and the width.
        guard parser.atWhitespaceOrComment else {
            throw PGMError(path: path, offset: 0, problem: .notPGM(found: PGMParser.printable(bytes.prefix(8))))
        }
        width = try parser.headerField("width", allowed: 1...Self.maximumSide)
        height = try parser.headerField("height", allowed: 1...Self.maximumSide)
        maximumValue = try parser.headerField("maximum value", allowed: 1...65535)
        samples = plain
            ? try parser.plainSamples(count: width * height, maximum: maximumValue)
            : try parser.binarySamples(count: width * height, maximum: maximumValue)
    }

    /// The brightness of every pixel, 0 black to 1 white, row-major.
    public var brightness: [Float] {
        let scale = 1 / Float(maximumValue)
        return samples.map { Float($0) * scale }
    }

    /// True when the image's border is bright (its median): dark ink on light paper, the
    /// opposite of MNIST's polarity.
    public var isDarkOnLight: Bool {
        InkCleanup.isDarkOnLight(brightness, width: width, height: height)
    }

    /// The image as ink, row-major, 0 background to 1 full ink, at full size:
    /// - inverted when the border is bright (`isDarkOnLight`), so ink is bright either way;
    /// - the paper removed: everything up to the noise floor of the border (its level plus three
    ///   deviations, robustly measured) becomes 0, so grey paper or scanner noise does not count as ink;
    /// - stretched so the darkest ink becomes 1, as MNIST's strokes are (almost all reach 255).
    ///
    /// These are steps 1 and 3 of `InkCleanup`. An image that is already clean, such as an
    /// MNIST digit saved as PGM (black border, ink reaching 255), passes through unchanged.
    /// A uniform image gives all zeros.
    public func ink() -> [Float] {
        InkCleanup.basicInk(brightness, width: width, height: height)
    }

    /// The image in MNIST's format, read as every image file is (`GreyImage.mnistImage()`:
    /// `InkCleanup`, then `MNISTFormat.normalize`): 784 values in 0...1, row-major 28x28; nil
    /// when the image holds no ink.
    public func mnistImage() -> [Float]? {
        GreyImage(self).mnistImage()
    }

    /// A binary PGM ("P5", maximum value 255) holding `pixels` (`width * height` bytes,
    /// row-major, 0 black); for saving images and for tests.
    public static func encode(width: Int, height: Int, pixels: [UInt8]) -> [UInt8] {
        precondition(pixels.count == width * height, "\(pixels.count) pixels for a \(width)x\(height) image")
        return Array("P5\n\(width) \(height)\n255\n".utf8) + pixels
    }

    /// The whole file at `path`, refusing files larger than `limit` bytes. `ImageFile` reads
    /// PNG and JPEG files with it too.
    static func readFile(_ path: String, limit: Int = maximumFileSize) throws(PGMError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let problem: PGMProblem = errno == ENOENT ? .missingFile : .unreadable(String(cString: strerror(errno)))
            throw PGMError(path: path, problem: problem)
        }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw PGMError(path: path, problem: .unreadable("it is a directory"))
        }
        var bytes: [UInt8] = []
        if (status.st_mode & S_IFMT) == S_IFREG {
            guard status.st_size <= limit else {
                throw PGMError(path: path, problem: .fileTooLarge(limit: limit))
            }
            bytes.reserveCapacity(Int(status.st_size))
        }
        // Read to the end rather than trusting the size, so pipes and growing files work too.
        let chunkSize = 1 << 16
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                throw PGMError(path: path, offset: bytes.count, problem: .unreadable(String(cString: strerror(errno))))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit {
                throw PGMError(path: path, problem: .fileTooLarge(limit: limit))
            }
        }
        return bytes
    }
}

/// Reads a PGM file's header fields and samples front to back.
private struct PGMParser {
    let bytes: [UInt8]
    let path: String
    var position = 0

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// Up to the first few bytes quoted, with anything unprintable as \xNN.
    static func printable(_ bytes: some Collection<UInt8>) -> String {
        guard !bytes.isEmpty else { return "the end of the file" }
        let hexDigits = Array("0123456789abcdef")
        var text = "\""
        for byte in bytes {
            if (0x20...0x7E).contains(byte), byte != UInt8(ascii: "\"") {
                text.append(Character(Unicode.Scalar(byte)))
            } else {
                text += "\\x" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 15)])
            }
        }
        return text + "\""
    }

    var atWhitespaceOrComment: Bool {
        position < bytes.count && (Self.isWhitespace(bytes[position]) || bytes[position] == UInt8(ascii: "#"))
    }

    /// The next token's first few bytes, for messages.
    var nextToken: String {
        var end = position
        while end < bytes.count, end - position < 12, !Self.isWhitespace(bytes[end]) { end += 1 }
        return Self.printable(bytes[position..<end])
    }

    /// Skips whitespace and comments ("#" to the end of the line).
    mutating func skipWhitespaceAndComments() {
        while position < bytes.count {
            if Self.isWhitespace(bytes[position]) {
                position += 1
            } else if bytes[position] == UInt8(ascii: "#") {
                while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
            } else {
                return
            }
        }
    }

    /// A decimal number at the current position, saturating rather than overflowing; nil if
    /// there is no digit here.
    mutating func number() -> Int? {
        guard position < bytes.count, Self.isDigit(bytes[position]) else { return nil }
        var value = 0
        while position < bytes.count, Self.isDigit(bytes[position]) {
            value = min(value * 10 + Int(bytes[position] - 0x30), 1 << 40)
            position += 1
        }
        return value
    }

    /// A header field: whitespace or comments, then a number in `allowed`, then whitespace,
    /// a comment or the end of the file.
    mutating func headerField(_ name: String, allowed: ClosedRange<Int>) throws(PGMError) -> Int {
        skipWhitespaceAndComments()
        let start = position
        guard let value = number(), position == bytes.count || atWhitespaceOrComment else {
            position = start
            throw PGMError(path: path, offset: start, problem: .badHeaderField(name: name, found: nextToken))
        }
        guard allowed.contains(value) else {
            throw PGMError(path: path, offset: start,
                           problem: .headerFieldOutOfRange(name: name, value: value, allowed: allowed))
        }
        return value
    }

    /// Binary samples: after exactly one whitespace character, one byte each for a maximum
    /// value below 256, else two bytes, most significant first.
    mutating func binarySamples(count: Int, maximum: Int) throws(PGMError) -> [UInt16] {
        let width = maximum < 256 ? 1 : 2
        let needed = count * width
        guard position < bytes.count else {
            throw PGMError(path: path, offset: position, problem: .truncated(expected: needed, found: 0, unit: "bytes"))
        }
        guard Self.isWhitespace(bytes[position]) else {
            throw PGMError(path: path, offset: position, problem: .missingSeparator)
        }
        position += 1
        let start = position
        guard bytes.count - start >= needed else {
            throw PGMError(path: path, offset: start,
                           problem: .truncated(expected: needed, found: bytes.count - start, unit: "bytes"))
        }
        var failure: PGMError?
        let samples = bytes.withUnsafeBufferPointer { source in
            [UInt16](unsafeUninitializedCapacity: count) { output, initialized in
                for index in 0..<count {
                    let value = width == 1
                        ? UInt16(source[start + index])
                        : UInt16(source[start + 2 * index]) << 8 | UInt16(source[start + 2 * index + 1])
                    if Int(value) > maximum {
                        failure = PGMError(path: path, offset: start + index * width,
                                           problem: .sampleAboveMaximum(index: index, value: Int(value), maximum: maximum))
                        break
                    }
                    output[index] = value
                    initialized = index + 1
                }
            }
        }
        if let failure { throw failure }
        position = start + needed
        return samples
    }

    /// Plain samples: decimal numbers separated by whitespace (comments tolerated too).
    mutating func plainSamples(count: Int, maximum: Int) throws(PGMError) -> [UInt16] {
        var samples: [UInt16] = []
        // Each sample takes a digit and a separator, so the bytes left bound how many can
        // follow; reserving the header's count alone would let a 20-byte file claiming
        // 8192x8192 reserve 128 MiB.
        samples.reserveCapacity(min(count, (bytes.count - position + 1) / 2))
        for index in 0..<count {
            skipWhitespaceAndComments()
            guard position < bytes.count else {
                throw PGMError(path: path, offset: position,
                               problem: .truncated(expected: count, found: index, unit: "samples"))
            }
            let start = position
            guard let value = number(), position == bytes.count || atWhitespaceOrComment else {
                position = start
                throw PGMError(path: path, offset: start, problem: .badSample(index: index, found: nextToken))
            }
            guard value <= maximum else {
                throw PGMError(path: path, offset: start,
                               problem: .sampleAboveMaximum(index: index, value: value, maximum: maximum))
            }
            samples.append(UInt16(value))
        }
        return samples
    }
}
