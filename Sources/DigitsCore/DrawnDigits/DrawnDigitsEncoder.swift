/// Writes a drawn-digit set in the format `DrawnDigitSet.load` reads: the same field names,
/// one drawing per line so a diff of the file shows which drawings changed.
extension DrawnDigitSet {
    /// The set as JSON bytes.
    public func encoded() -> [UInt8] {
        var text = "{\"format\": \(Self.quoted(Self.formatName)), \"version\": \(Self.formatVersion),"
        text += " \"description\": \(Self.quoted(description)),\n \"writers\": ["
        text += writers.map { writer in
            "{\"name\": \(Self.quoted(writer.name)), \"split\": \(Self.quoted(writer.split.rawValue))"
                + (writer.style.isEmpty ? "" : ", \"style\": \(Self.quoted(writer.style))") + "}"
        }.joined(separator: ", ")
        text += "],\n \"drawings\": [\n"
        text += drawings.map(Self.line).joined(separator: ",\n")
        text += "\n]}\n"
        return Array(text.utf8)
    }

    private static func line(_ drawing: DrawnDigit) -> String {
        var fields = ["\"id\": \(quoted(drawing.id))", "\"label\": \(drawing.label)",
                      "\"writer\": \(quoted(drawing.writer))"]
        if let terminal = drawing.terminal { fields.append("\"terminal\": \(size(terminal))") }
        fields.append("\"canvas\": \(size(drawing.canvas))")
        fields.append("\"brushPercent\": \(drawing.brushPercent)")
        if let template = drawing.template { fields.append("\"template\": \(quoted(template))") }
        let strokes = drawing.strokes.map { stroke in
            "[" + stroke.map { "[\($0.column), \($0.row)]" }.joined(separator: ", ") + "]"
        }
        fields.append("\"strokes\": [" + strokes.joined(separator: ", ") + "]")
        return "  {" + fields.joined(separator: ", ") + "}"
    }

    private static func size(_ size: CellSize) -> String {
        "{\"columns\": \(size.columns), \"rows\": \(size.rows)}"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
