/// Turns the parsed JSON of a drawn-digit file into a `DrawnDigitSet`, checking every field
/// and naming the first one at fault by its path and byte offset.
struct DrawnDigitsDecoder {
    let path: String

    private func fail(_ node: JSONNode, _ problem: DrawnDigitsProblem) -> DrawnDigitsError {
        DrawnDigitsError(path: path, offset: node.offset, problem: problem)
    }

    func set(from root: JSONNode) throws(DrawnDigitsError) -> DrawnDigitSet {
        let fields = try object(root, field: "the file",
                                required: ["format", "version", "writers", "drawings"],
                                optional: ["description"], prefix: "")
        let format = try string(fields["format"]!, field: "format")
        guard format == DrawnDigitSet.formatName else { throw fail(fields["format"]!, .wrongFormat(found: format)) }
        let version = try integer(fields["version"]!, field: "version", in: Int.min...Int.max)
        guard version == DrawnDigitSet.formatVersion else {
            throw fail(fields["version"]!, .unsupportedVersion(version))
        }
        let description = try fields["description"].map { node throws(DrawnDigitsError) in
            try string(node, field: "description")
        } ?? ""

        let writerNodes = try array(fields["writers"]!, field: "writers")
        guard !writerNodes.isEmpty else { throw fail(fields["writers"]!, .noWriters) }
        var writers: [DrawnWriter] = []
        var writerNames: Set<String> = []
        for (index, node) in writerNodes.enumerated() {
            let writer = try self.writer(node, field: "writers[\(index)]")
            guard writerNames.insert(writer.name).inserted else { throw fail(node, .duplicateWriter(writer.name)) }
            writers.append(writer)
        }

        let drawingNodes = try array(fields["drawings"]!, field: "drawings")
        guard !drawingNodes.isEmpty else { throw fail(fields["drawings"]!, .noDrawings) }
        var drawings: [DrawnDigit] = []
        var ids: Set<String> = []
        for (index, node) in drawingNodes.enumerated() {
            let field = "drawings[\(index)]"
            let drawing = try self.drawing(node, field: field, writers: writerNames)
            guard ids.insert(drawing.id).inserted else { throw fail(node, .duplicateDrawing(drawing.id)) }
            drawings.append(drawing)
        }
        return DrawnDigitSet(description: description, writers: writers, drawings: drawings)
    }

    private func writer(_ node: JSONNode, field: String) throws(DrawnDigitsError) -> DrawnWriter {
        let fields = try object(node, field: field, required: ["name", "split"], optional: ["style"],
                                prefix: field + ".")
        let name = try string(fields["name"]!, field: field + ".name", nonEmpty: true)
        let splitNode = fields["split"]!
        let splitName = try string(splitNode, field: field + ".split")
        guard let split = DrawnDigitSplit(rawValue: splitName) else {
            let names = DrawnDigitSplit.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or ")
            throw fail(splitNode, .badValue(field: field + ".split", expected: names))
        }
        let style = try fields["style"].map { node throws(DrawnDigitsError) in
            try string(node, field: field + ".style")
        } ?? ""
        return DrawnWriter(name: name, split: split, style: style)
    }

    private func drawing(_ node: JSONNode, field: String,
                         writers: Set<String>) throws(DrawnDigitsError) -> DrawnDigit {
        let fields = try object(node, field: field,
                                required: ["id", "writer", "canvas", "strokes"],
                                optional: ["label", "terminal", "brushPercent", "template"], prefix: field + ".",
                                listed: ["id", "label", "writer", "canvas", "strokes", "terminal", "brushPercent", "template"])
        let id = try string(fields["id"]!, field: field + ".id", nonEmpty: true)
        // No label: the drawing is not a digit (it measures rejection).
        let label = try fields["label"].map { node throws(DrawnDigitsError) in
            try integer(node, field: field + ".label", in: DrawnDigitSet.labels)
        }
        let writerNode = fields["writer"]!
        let writer = try string(writerNode, field: field + ".writer", nonEmpty: true)
        guard writers.contains(writer) else {
            throw fail(writerNode, .unknownWriter(field: field + ".writer", name: writer))
        }
        let canvas = try size(fields["canvas"]!, field: field + ".canvas", sides: DrawnDigitSet.canvasSides)
        let terminal = try fields["terminal"].map { node throws(DrawnDigitsError) in
            try size(node, field: field + ".terminal", sides: 1...100_000)
        }
        let brush = try fields["brushPercent"].map { node throws(DrawnDigitsError) in
            try integer(node, field: field + ".brushPercent", in: DrawnDigitSet.brushPercents)
        } ?? 100
        let template = try fields["template"].map { node throws(DrawnDigitsError) in
            try string(node, field: field + ".template")
        }

        let strokeNodes = try array(fields["strokes"]!, field: field + ".strokes")
        guard !strokeNodes.isEmpty else {
            throw fail(fields["strokes"]!, .badValue(field: field + ".strokes", expected: "at least one stroke"))
        }
        var strokes: [[CellPoint]] = []
        for (strokeIndex, strokeNode) in strokeNodes.enumerated() {
            let strokeField = "\(field).strokes[\(strokeIndex)]"
            let pointNodes = try array(strokeNode, field: strokeField)
            guard !pointNodes.isEmpty else {
                throw fail(strokeNode, .badValue(field: strokeField, expected: "at least one point"))
            }
            var stroke: [CellPoint] = []
            stroke.reserveCapacity(pointNodes.count)
            for (pointIndex, pointNode) in pointNodes.enumerated() {
                let pointField = "\(strokeField)[\(pointIndex)]"
                let point = try self.point(pointNode, field: pointField)
                guard canvas.contains(point) else {
                    throw fail(pointNode, .pointOutsideCanvas(field: pointField, point: point, canvas: canvas))
                }
                stroke.append(point)
            }
            strokes.append(stroke)
        }
        return DrawnDigit(id: id, label: label, writer: writer, canvas: canvas, terminal: terminal,
                          brushPercent: brush, strokes: strokes, template: template)
    }

    private func point(_ node: JSONNode, field: String) throws(DrawnDigitsError) -> CellPoint {
        let expected = "a point [column, row] of two integers"
        guard case .array(let values) = node.value, values.count == 2,
              case .integer(let column) = values[0].value, case .integer(let row) = values[1].value
        else { throw fail(node, .badValue(field: field, expected: expected)) }
        return CellPoint(column: column, row: row)
    }

    private func size(_ node: JSONNode, field: String, sides: ClosedRange<Int>) throws(DrawnDigitsError) -> CellSize {
        let fields = try object(node, field: field, required: ["columns", "rows"], optional: [],
                                prefix: field + ".")
        return CellSize(columns: try integer(fields["columns"]!, field: field + ".columns", in: sides),
                        rows: try integer(fields["rows"]!, field: field + ".rows", in: sides))
    }

    // MARK: Typed values

    /// The members of an object, checked: every required key present, no key outside
    /// `required` and `optional`, none twice. `prefix` turns a key into a field path; `listed`
    /// is the order a message lists the allowed keys in, when not required then optional.
    private func object(_ node: JSONNode, field: String, required: [String], optional: [String],
                        prefix: String, listed: [String]? = nil) throws(DrawnDigitsError) -> [String: JSONNode] {
        guard case .object(let members) = node.value else {
            throw fail(node, .badValue(field: field, expected: "an object"))
        }
        let allowed = listed ?? (required + optional)
        var fields: [String: JSONNode] = [:]
        for member in members {
            guard allowed.contains(member.key) else {
                throw DrawnDigitsError(path: path, offset: member.keyOffset,
                                       problem: .unknownField(prefix + member.key, allowed: allowed))
            }
            guard fields[member.key] == nil else {
                throw DrawnDigitsError(path: path, offset: member.keyOffset,
                                       problem: .duplicateKey(prefix + member.key))
            }
            fields[member.key] = member.value
        }
        for key in required where fields[key] == nil {
            throw fail(node, .missingField(prefix + key))
        }
        return fields
    }

    private func array(_ node: JSONNode, field: String) throws(DrawnDigitsError) -> [JSONNode] {
        guard case .array(let elements) = node.value else {
            throw fail(node, .badValue(field: field, expected: "an array"))
        }
        return elements
    }

    private func string(_ node: JSONNode, field: String, nonEmpty: Bool = false) throws(DrawnDigitsError) -> String {
        guard case .string(let text) = node.value, !nonEmpty || !text.isEmpty else {
            throw fail(node, .badValue(field: field, expected: nonEmpty ? "a non-empty string" : "a string"))
        }
        return text
    }

    private func integer(_ node: JSONNode, field: String, in range: ClosedRange<Int>) throws(DrawnDigitsError) -> Int {
        guard case .integer(let value) = node.value, range.contains(value) else {
            let expected = range == Int.min...Int.max
                ? "an integer" : "an integer \(range.lowerBound)...\(range.upperBound)"
            throw fail(node, .badValue(field: field, expected: expected))
        }
        return value
    }
}
