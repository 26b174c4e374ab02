import CImageCodecs

/// Reads the image files people have (PNG, JPEG, PGM; the format told by its first bytes)
/// into a `GreyImage`, and from there into the network's input. `digits predict` and
/// `digits explain` read every image through here, so all formats take one path:
/// decoded grey image -> `InkCleanup` -> `MNISTFormat`.
public enum ImageFile {
    /// The 28x28 input the network reads from the image file at `path`: decoded, cleaned and
    /// normalised as MNIST was; `.noInk` when nothing is left to read.
    public static func networkInput(contentsOf path: String, limits: ImageLimits = .standard) throws(ImageError) -> [Float] {
        guard let input = try read(contentsOf: path, limits: limits).mnistImage() else {
            throw ImageError(path: path, problem: .noInk)
        }
        return input
    }

    /// The image in the file at `path`, checked against `limits`.
    public static func read(contentsOf path: String, limits: ImageLimits = .standard) throws(ImageError) -> GreyImage {
        let bytes: [UInt8]
        do {
            bytes = try PGMImage.readFile(path, limit: ImageLimits.maximumFileSize)
        } catch {
            throw ImageError(path: path, offset: error.offset, problem: imageProblem(error.problem))
        }
        return try decode(bytes, path: path, limits: limits)
    }

    /// The image in `bytes` (a whole file); `path` names it in errors.
    public static func decode(_ bytes: [UInt8], path: String = "<memory>",
                              limits: ImageLimits = .standard) throws(ImageError) -> GreyImage {
        switch ImageFormat.detect(bytes) {
        case .pgm:
            do {
                return GreyImage(try PGMImage(parsing: bytes, path: path))
            } catch {
                throw ImageError(path: path, offset: error.offset, problem: imageProblem(error.problem))
            }
        case .png:
            return try decodeWithCodec(bytes, format: .png, path: path, limits: limits)
        case .jpeg:
            return try decodeWithCodec(bytes, format: .jpeg, path: path, limits: limits)
        case nil:
            throw ImageError(path: path, problem: .notAnImage(found: printable(bytes.prefix(8))))
        }
    }

    /// PNG or JPEG through the C shim, which keeps libpng's and libjpeg's longjmps in C.
    private static func decodeWithCodec(_ bytes: [UInt8], format: ImageFormat, path: String,
                                        limits: ImageLimits) throws(ImageError) -> GreyImage {
        var decoded = digits_decoded_image()
        defer { digits_image_free(&decoded) }
        let side = Int32(clamping: limits.maximumSide), pixels = Int64(limits.maximumPixels)
        let status = bytes.withUnsafeBufferPointer { buffer in
            switch format {
            case .jpeg:
                digits_decode_jpeg(buffer.baseAddress, buffer.count, side, pixels,
                                   Int32(clamping: limits.maximumScans), &decoded)
            default:
                digits_decode_png(buffer.baseAddress, buffer.count, side, pixels, &decoded)
            }
        }
        let width = Int(decoded.width), height = Int(decoded.height)
        switch status {
        case DIGITS_IMAGE_OK:
            break
        case DIGITS_IMAGE_EMPTY:
            throw ImageError(path: path, problem: .noPixels(format: format, width: width, height: height))
        case DIGITS_IMAGE_TOO_LARGE:
            throw ImageError(path: path, problem: .tooLarge(format: format, width: width, height: height, limits: limits))
        default:
            let message = withUnsafeBytes(of: &decoded.message) { text(of: $0) }
            throw ImageError(path: path, problem: .damaged(format: format, detail: message.isEmpty ? "unreadable" : message))
        }
        guard let grey = decoded.grey, width > 0, height > 0 else {
            throw ImageError(path: path, problem: .damaged(format: format, detail: "the decoder returned no pixels"))
        }
        let samples = UnsafeBufferPointer(start: grey, count: width * height)
        return GreyImage(width: width, height: height) { y, row in
            let start = y * width
            for x in 0..<width { row[x] = Float(samples[start + x]) * (1 / 255) }
        }
    }

    /// A C string from a fixed-size char array, made one printable line.
    private static func text(of bytes: UnsafeRawBufferPointer) -> String {
        let characters = bytes.prefix { $0 != 0 }
        return String(decoding: characters.map { (0x20...0x7E).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }

    /// The first bytes quoted, anything unprintable as \xNN (as PGM's messages do).
    static func printable(_ bytes: some Collection<UInt8>) -> String {
        guard !bytes.isEmpty else { return "nothing: the file is empty" }
        let hexDigits = Array("0123456789abcdef")
        var text = "\""
        for byte in bytes {
            if (0x20...0x7E).contains(byte), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                text.append(Character(Unicode.Scalar(byte)))
            } else {
                text += "\\x" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 15)])
            }
        }
        return text + "\""
    }

    /// A PGM reader's problem as an image problem: file-level ones keep their own case.
    private static func imageProblem(_ problem: PGMProblem) -> ImageProblem {
        switch problem {
        case .missingFile: .missingFile
        case .unreadable(let why): .unreadable(why)
        case .fileTooLarge(let limit): .fileTooLarge(limit: limit)
        default: .pgm(problem)
        }
    }
}

extension GreyImage {
    /// A PGM image's brightness, sample / maximum value (as `PGMImage.brightness`).
    public init(_ pgm: PGMImage) {
        let scale = 1 / Float(pgm.maximumValue), width = pgm.width
        self.init(width: pgm.width, height: pgm.height) { y, row in
            let start = y * width
            for x in 0..<width { row[x] = Float(pgm.samples[start + x]) * scale }
        }
    }
}
