/// What can be wrong with an image file given to `digits predict` or `digits explain`:
/// it cannot be read, is not an image, claims an unreasonable size, its data is damaged, or
/// it holds no ink.
public enum ImageProblem: FileProblem {
    /// The file does not exist.
    case missingFile
    /// The file exists but could not be read; the system's explanation.
    case unreadable(String)
    /// The file is larger than any image this program reads.
    case fileTooLarge(limit: Int)
    /// The first bytes match none of the formats read; `found` is what the file starts with,
    /// made printable.
    case notAnImage(found: String)
    /// The header claims a width or height of zero.
    case noPixels(format: ImageFormat, width: Int, height: Int)
    /// The header claims a size over `ImageLimits`.
    case tooLarge(format: ImageFormat, width: Int, height: Int, limits: ImageLimits)
    /// The decoder (libpng, libjpeg) refused the data: truncated, a bad CRC, a corrupt
    /// stream; its own words.
    case damaged(format: ImageFormat, detail: String)
    /// A PGM file's problem, as `PGMImage` reports it.
    case pgm(PGMProblem)
    /// The image decoded but is blank: after cleaning, no ink is left.
    case noInk

    public var description: String {
        switch self {
        case .missingFile:
            "no such file"
        case .unreadable(let why):
            "cannot read: \(why)"
        case .fileTooLarge(let limit):
            "file is larger than \(limit) bytes, more than any image this program reads"
        case .notAnImage(let found):
            "not an image this program reads (PNG, JPEG or PGM): it starts with \(found)"
        case .noPixels(let format, let width, let height):
            "\(format.rawValue) header claims \(width)x\(height) pixels: the image is empty"
        case .tooLarge(let format, let width, let height, let limits):
            "\(format.rawValue) header claims \(width)x\(height) pixels, over the limit of "
                + "\(limits.maximumPixels / 1_000_000) megapixels and \(limits.maximumSide) on a side"
        case .damaged(let format, let detail):
            "\(format.rawValue) data is damaged: \(detail)"
        case .pgm(let problem):
            problem.description
        case .noInk:
            "no ink found: the image is blank (all one shade)"
        }
    }
}

/// An image file could not be read; see `ImageProblem`.
public typealias ImageError = FileError<ImageProblem>
