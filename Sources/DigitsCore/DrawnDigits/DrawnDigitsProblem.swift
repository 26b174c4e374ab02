/// Everything that can be wrong with a drawn-digit file. The offset of a `DrawnDigitsError` is
/// that of the value at fault; `field` paths look like `drawings[12].strokes[0][3]`.
public enum DrawnDigitsProblem: FileProblem {
    // The file itself.
    case notFound
    case notAFile
    case unreadable(reason: String)
    case invalidJSON(expected: String)

    // The fields.
    /// A value of the wrong type or out of range; `field` is a path like `drawings[3].label`.
    case badValue(field: String, expected: String)
    case missingField(String)
    case unknownField(String, allowed: [String])
    case duplicateKey(String)
    case wrongFormat(found: String)
    case unsupportedVersion(Int)

    // The set as a whole.
    case noWriters
    case noDrawings
    case duplicateWriter(String)
    case duplicateDrawing(String)
    case unknownWriter(field: String, name: String)
    case pointOutsideCanvas(field: String, point: CellPoint, canvas: CellSize)

    public var description: String {
        switch self {
        case .notFound:
            "no such file"
        case .notAFile:
            "is a directory, not a drawn-digit file"
        case .unreadable(let reason):
            "cannot read: \(reason)"
        case .invalidJSON(let expected):
            "not valid JSON: expected \(expected)"
        case .badValue(let field, let expected):
            "\(field): expected \(expected)"
        case .missingField(let field):
            "\(field) is missing"
        case .unknownField(let field, let allowed):
            "unknown field \(field); expected only \(allowed.joined(separator: ", "))"
        case .duplicateKey(let field):
            "\(field) appears twice"
        case .wrongFormat(let found):
            "format is \(quoted(found)); expected '\(DrawnDigitSet.formatName)'"
        case .unsupportedVersion(let version):
            "version \(version) is not supported; this program reads version \(DrawnDigitSet.formatVersion)"
        case .noWriters:
            "writers is empty; a set needs at least one writer"
        case .noDrawings:
            "drawings is empty; a set needs at least one drawing"
        case .duplicateWriter(let name):
            "writer \(quoted(name)) is declared twice"
        case .duplicateDrawing(let id):
            "drawing id \(quoted(id)) is used twice"
        case .unknownWriter(let field, let name):
            "\(field): writer \(quoted(name)) is not declared in writers"
        case .pointOutsideCanvas(let field, let point, let canvas):
            "\(field): point [\(point.column), \(point.row)] is outside the \(canvas) canvas "
                + "(columns 0...\(canvas.columns - 1), rows 0...\(canvas.rows - 1))"
        }
    }
}

/// A drawn-digit set could not be read; see `DrawnDigitsProblem`.
public typealias DrawnDigitsError = FileError<DrawnDigitsProblem>
