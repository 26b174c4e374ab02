import Foundation

/// A test set of digits drawn on the Draw screen: who drew them, and the drawings as the
/// terminal reported them. The file format is JSON, documented in
/// Tests/Fixtures/drawn-digits/README.md:
///
/// ```json
/// {
///   "format": "digits-drawn-strokes", "version": 1, "description": "...",
///   "writers": [{"name": "writer-a", "split": "development", "style": "tidy"}],
///   "drawings": [{"id": "writer-a/7/0", "label": 7, "writer": "writer-a",
///                 "canvas": {"columns": 28, "rows": 20}, "terminal": {"columns": 80, "rows": 24},
///                 "brushPercent": 100, "template": "seven_plain",
///                 "strokes": [[[3, 2], [4, 2], [20, 2], [12, 17]]]}]
/// }
/// ```
///
/// Points are `[column, row]`, 0-based from the canvas's top-left cell. `terminal`,
/// `brushPercent` (default 100), `template`, `description` and `style` are optional; any other
/// field is an error, so a misspelt one is caught rather than ignored.
public struct DrawnDigitSet: Hashable, Sendable {
    public static let formatName = "digits-drawn-strokes"
    public static let formatVersion = 1
    /// Labels a drawing may carry.
    public static let labels = 0...9
    /// Canvas sides, in cells, that a replay can paint (the internal canvas is up to 4 pixels
    /// per cell across and 8 down, and `Canvas` caps a side at 8192).
    public static let canvasSides = 1...1024
    /// Brush sizes accepted, in percent of the suggested radius.
    public static let brushPercents = 10...400

    public var description: String
    public var writers: [DrawnWriter]
    public var drawings: [DrawnDigit]

    public init(description: String = "", writers: [DrawnWriter], drawings: [DrawnDigit]) {
        self.description = description
        self.writers = writers
        self.drawings = drawings
    }

    /// The writer called `name`, if the set declares one.
    public func writer(named name: String) -> DrawnWriter? {
        writers.first { $0.name == name }
    }

    /// The split `drawing` belongs to, through its writer.
    public func split(of drawing: DrawnDigit) -> DrawnDigitSplit? {
        writer(named: drawing.writer)?.split
    }

    /// The drawings by writers in `split`, in file order.
    public func drawings(in split: DrawnDigitSplit) -> [DrawnDigit] {
        let names = Set(writers.filter { $0.split == split }.map(\.name))
        return drawings.filter { names.contains($0.writer) }
    }

    /// Reads and validates the set at `path`.
    public static func load(path: String) throws(DrawnDigitsError) -> DrawnDigitSet {
        try decode(bytes(at: path), path: path)
    }

    /// The set at `path` and the SHA-256 of its file, which names exactly the drawings a model
    /// learnt from: both from one read, so they cannot disagree.
    public static func loadWithDigest(path: String) throws(DrawnDigitsError) -> (set: DrawnDigitSet, sha256: String) {
        let bytes = try bytes(at: path)
        return (try decode(bytes, path: path), SHA256.hexDigest(of: bytes))
    }

    private static func bytes(at path: String) throws(DrawnDigitsError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DrawnDigitsError(path: path, problem: .notFound)
        }
        if isDirectory.boolValue { throw DrawnDigitsError(path: path, problem: .notAFile) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DrawnDigitsError(path: path, problem: .unreadable(reason: error.localizedDescription))
        }
        return [UInt8](data)
    }

    /// Validates `bytes`, the contents of a drawn-digit file; `path` names it in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws(DrawnDigitsError) -> DrawnDigitSet {
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw DrawnDigitsError(path: path, offset: error.offset, problem: .invalidJSON(expected: error.expected))
        }
        return try DrawnDigitsDecoder(path: path).set(from: root)
    }
}
