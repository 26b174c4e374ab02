import Foundation

/// The user's own labelled drawings: a drawn-digit set file that the Draw screen adds to, one
/// drawing at a time, written atomically so that the file on disk is always a whole set.
public enum DrawingCollection {
    /// The file's name in the user's data directory when no other is given.
    public static let defaultFileName = "my-drawings.json"
    /// The one writer of a collection: whoever uses this account.
    public static let writer = DrawnWriter(name: "me", split: .development, style: "drawn on the Draw screen")

    /// `$XDG_DATA_HOME/digits/my-drawings.json`, else `~/.local/share/digits/my-drawings.json`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        UserDirectories.data(environment: environment) + "/" + defaultFileName
    }

    /// A new file for drawings that cannot go where they were meant to, stamped so it is not
    /// an existing one: `recovered-drawings-20261202-130512.json` in the user's data directory.
    public static func fallbackPath(now: Date = Date(),
                                    environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        UserDirectories.data(environment: environment) + "/recovered-drawings-\(ModelRescue.timestamp(now)).json"
    }

    /// The set at `path`: nil when there is no file yet. A file that is there but is not a
    /// valid set is an error, so that nothing ever writes over it.
    public static func load(path: String) throws(DrawingCollectionError) -> DrawnDigitSet? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try DrawnDigitSet.load(path: path)
        } catch {
            throw .notASet(error)
        }
    }

    /// Adds `drawings` to the set at `path` (creating it and its directory), each given an id
    /// unique in the set, and writes it atomically. Returns the set as written.
    public static func append(_ drawings: [DrawnDigit], to path: String) throws(DrawingCollectionError) -> DrawnDigitSet {
        var set = try load(path: path)
            ?? DrawnDigitSet(description: "Digits drawn and labelled on the Draw screen", writers: [writer], drawings: [])
        if set.writer(named: writer.name) == nil { set.writers.append(writer) }
        var ids = Set(set.drawings.map(\.id))
        for var drawing in drawings {
            var number = set.drawings.count + 1
            let label = drawing.label.map(String.init) ?? "none"
            while ids.contains("\(writer.name)/\(label)/\(number)") { number += 1 }
            drawing.id = "\(writer.name)/\(label)/\(number)"
            drawing.writer = writer.name
            ids.insert(drawing.id)
            set.drawings.append(drawing)
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let bytes = set.encoded()
        // Never write a file that would not read back: it would lock the user out of it.
        do {
            _ = try DrawnDigitSet.decode(bytes, path: path)
        } catch {
            throw .invalidDrawing(error)
        }
        do {
            try AtomicFile.write(Data(bytes), to: path)
        } catch {
            throw .cannotWrite(error)
        }
        return set
    }
}

/// Why the user's drawings could not be read or saved.
public enum DrawingCollectionError: Error, Equatable, CustomStringConvertible {
    /// The file exists but is not a drawn-digit set; it is left as it is.
    case notASet(DrawnDigitsError)
    case cannotWrite(FileWriteError)
    /// A drawing to add is not valid in the format (a point off its canvas, say); nothing written.
    case invalidDrawing(DrawnDigitsError)

    public var description: String {
        switch self {
        case .notASet(let error): "\(error.description) (not a drawn-digit set, so it is left alone)"
        case .cannotWrite(let error): error.description
        case .invalidDrawing(let error): "a drawing would not be valid in the file: \(error.description)"
        }
    }
}
