/// Writes a drawn-digit set in the format `DrawnDigitSet.load` reads: the same field names,
/// one drawing per line so a diff of the file shows which drawings changed.
extension DrawnDigitSet {
    /// The set as JSON bytes.
    public func encoded() -> [UInt8] {
        var text = "{\"format\": \(jsonString(Self.formatName)), \"version\": \(Self.formatVersion),"
        text += " \"description\": \(jsonString(description)),\n \"writers\": ["
        text += writers.map { writer in
            "{\"name\": \(jsonString(writer.name)), \"split\": \(jsonString(writer.split.rawValue))"
                + (writer.style.isEmpty ? "" : ", \"style\": \(jsonString(writer.style))") + "}"
        }.joined(separator: ", ")
        text += "],\n \"drawings\": [\n"
        text += drawings.map(Self.line).joined(separator: ",\n")
        text += "\n]}\n"
        return Array(text.utf8)
    }

    private static func line(_ drawing: DrawnDigit) -> String {
        var fields = ["\"id\": \(jsonString(drawing.id))"]
        if let label = drawing.label { fields.append("\"label\": \(label)") }
        fields.append("\"writer\": \(jsonString(drawing.writer))")
        if let terminal = drawing.terminal { fields.append("\"terminal\": \(size(terminal))") }
        fields.append("\"canvas\": \(size(drawing.canvas))")
        fields.append("\"brushPercent\": \(drawing.brushPercent)")
        if let template = drawing.template { fields.append("\"template\": \(jsonString(template))") }
        let strokes = drawing.strokes.map { stroke in
            "[" + stroke.map { "[\($0.column), \($0.row)]" }.joined(separator: ", ") + "]"
        }
        fields.append("\"strokes\": [" + strokes.joined(separator: ", ") + "]")
        return "  {" + fields.joined(separator: ", ") + "}"
    }

    private static func size(_ size: CellSize) -> String {
        "{\"columns\": \(size.columns), \"rows\": \(size.rows)}"
    }
}
