import Foundation

/// A file to fetch from a mirror: its name there, and the SHA-256 of its *uncompressed*
/// content, which is what is verified, so that a mirror may recompress the data without
/// breaking verification while any change to the pixels or labels is caught.
public struct DownloadItem: Sendable, Equatable {
    /// The file's name on the mirrors and on disk, e.g. `train-images-idx3-ubyte.gz`.
    public let name: String
    /// The SHA-256 of the file's content after decompression, as 64 lowercase hex digits.
    public let sha256: String

    /// A file called `name` whose uncompressed content hashes to `sha256`.
    public init(name: String, sha256: String) {
        self.name = name
        self.sha256 = sha256.lowercased()
    }

    /// The name without a trailing `.gz`: the standard name the loader looks for.
    public var baseName: String { name.hasSuffix(".gz") ? String(name.dropLast(3)) : name }

    /// The four MNIST files with the SHA-256 of their uncompressed bytes (the IDX content
    /// readers see: for example 2051, 60000, 28, 28 and 47,040,000 pixels for the training
    /// images).
    public static let mnist: [DownloadItem] = [
        DownloadItem(name: "train-images-idx3-ubyte.gz",
                     sha256: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        DownloadItem(name: "train-labels-idx1-ubyte.gz",
                     sha256: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        DownloadItem(name: "t10k-images-idx3-ubyte.gz",
                     sha256: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        DownloadItem(name: "t10k-labels-idx1-ubyte.gz",
                     sha256: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    ]

    /// Public mirrors of the original MNIST files, tried in order. The original site
    /// (yann.lecun.com) now often refuses downloads, so it is not among them.
    public static let defaultMirrors: [URL] = [
        URL(string: "https://ossci-datasets.s3.amazonaws.com/mnist/"),
        URL(string: "https://storage.googleapis.com/cvdf-datasets/mnist/"),
    ].compactMap { $0 }

    /// The SHA-256 of the content of `bytes` after decompression when they are gzip or zlib
    /// data, or of the bytes themselves otherwise. `path` names them in errors.
    public static func contentDigest(of bytes: [UInt8], path: String) throws(DataError) -> String {
        try digest(of: MemorySource(bytes, path: path), compressed: Gzip.isCompressed(bytes.prefix(2)))
    }

    /// The SHA-256 of the content of the file at `path`, decompressed when it is compressed.
    /// Streams: the file is never held in memory whole.
    public static func contentDigest(ofFileAt path: String) throws(DataError) -> String {
        let file = try FileSource(path: path)
        let prefix = try file.readBytes(2)
        try file.rewind()
        return try digest(of: file, compressed: Gzip.isCompressed(prefix))
    }

    private static func digest(of source: ByteSource, compressed: Bool) throws(DataError) -> String {
        let input: ByteSource = compressed ? try Inflater(source, limit: Gzip.defaultLimit) : source
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try input.read(into: buffer)
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
        return hasher.hexDigest()
    }
}
