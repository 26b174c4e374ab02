/// How large an image file may claim to be before it is refused, checked on the header
/// before any pixel memory is allocated. Every decoder reads its limits from here.
public struct ImageLimits: Sendable, Equatable {
    /// The largest width or height.
    public var maximumSide: Int
    /// The most pixels (width x height).
    public var maximumPixels: Int
    /// The most scans a progressive JPEG may have.
    public var maximumScans: Int

    /// Creates limits; see `standard` for the ones the program uses.
    public init(maximumSide: Int, maximumPixels: Int, maximumScans: Int) {
        self.maximumSide = maximumSide
        self.maximumPixels = maximumPixels
        self.maximumScans = maximumScans
    }

    /// The limits for files people have:
    /// - 50 megapixels: the full-resolution mode of today's phone cameras (48-50 MP) fits,
    ///   and decoding one costs at most 100 MB (8-bit grey and alpha) for a moment;
    /// - 16384 on a side: wider than any camera or scanner page, so only a crafted strip
    ///   (1 x 50,000,000) is refused by it;
    /// - 1000 scans: a real progressive JPEG has about ten; thousands of tiny scans are a
    ///   known way to make libjpeg spend minutes on a small file.
    public static let standard = ImageLimits(maximumSide: 16384, maximumPixels: 50_000_000, maximumScans: 1000)

    /// The largest file read, whatever its format: a binary 16-bit PGM of `PGMImage`'s
    /// largest size is 128 MiB; a PNG or JPEG of 50 megapixels is far smaller.
    public static let maximumFileSize = PGMImage.maximumFileSize
}
