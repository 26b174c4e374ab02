import Foundation

extension SafetensorsFile {
    /// Parses and fully validates the bytes of a safetensors file; `path` only names the file
    /// in errors. Checks, in order: the length field, the header length against the limit and
    /// the file size (before reading the header), the JSON, each entry's dtype, shape and
    /// offsets, that the offsets tile the data section exactly (in bounds, no overlap, no
    /// hole, as the format requires), and that `__metadata__` maps strings to strings.
    public static func decode(_ data: Data, path: String) throws(ModelFileError) -> SafetensorsFile {
        func fail(_ problem: ModelFileProblem, at offset: Int? = nil) -> ModelFileError {
            ModelFileError(path: path, offset: offset, problem: problem)
        }

        guard data.count >= 8 else { throw fail(.tooShort(size: data.count)) }
        let start = data.startIndex
        let declaredLength = data[start..<(start + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard declaredLength <= UInt64(maximumHeaderLength) else {
            throw fail(.headerTooLarge(length: declaredLength, limit: maximumHeaderLength), at: 0)
        }
        let headerLength = Int(declaredLength)
        guard headerLength <= data.count - 8 else {
            throw fail(.headerBeyondEnd(length: declaredLength, available: data.count - 8), at: 0)
        }
        let dataStart = 8 + headerLength
        let dataSize = data.count - dataStart

        let root: JSONNode
        do {
            root = try JSONParser.parse(Array(data[(start + 8)..<(start + dataStart)]))
        } catch {
            throw fail(.invalidJSON(expected: error.expected), at: 8 + error.offset)
        }
        guard case .object(let members) = root.value else { throw fail(.headerNotObject, at: 8 + root.offset) }

        var seen = Set<String>()
        var metadata: [String: String] = [:]
        var entries: [Entry] = []
        for member in members {
            guard seen.insert(member.key).inserted else {
                throw fail(.duplicateName(member.key), at: 8 + member.keyOffset)
            }
            if member.key == "__metadata__" {
                metadata = try parseMetadata(member.value, fail: fail)
            } else {
                entries.append(try parseEntry(member, dataSize: dataSize, fail: fail))
            }
        }

        // The entries must tile the data section: sorted by position, each begins where the
        // one before ended. Empty tensors may sit anywhere on that line.
        // Ties are broken by name so the same file always gets the same message.
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var covered = 0
        var previous: String?
        for entry in entries {
            if entry.begin < covered, let previous {
                throw fail(.overlap(tensor: entry.name, other: previous), at: dataStart + entry.begin)
            }
            if entry.begin > covered {
                throw fail(.hole(begin: covered, end: entry.begin), at: dataStart + covered)
            }
            covered = entry.end
            previous = entry.name
        }
        if covered < dataSize {
            throw fail(.hole(begin: covered, end: dataSize), at: dataStart + covered)
        }

        let tensors = entries.map { entry in
            SafetensorsTensor(
                name: entry.name, dtype: entry.dtype, shape: entry.shape,
                data: Data(data[(start + dataStart + entry.begin)..<(start + dataStart + entry.end)]),
                fileOffset: dataStart + entry.begin)
        }
        return SafetensorsFile(tensors: tensors, metadata: metadata)
    }

    /// A header entry, validated on its own; its place among the others is checked later.
    private struct Entry {
        let name: String
        let dtype: SafetensorsDType
        let shape: [Int]
        let begin: Int
        let end: Int
    }

    private static func parseEntry(
        _ member: JSONNode.Member, dataSize: Int,
        fail: (ModelFileProblem, Int?) -> ModelFileError
    ) throws(ModelFileError) -> Entry {
        let name = member.key
        func bad(_ expected: String, at node: JSONNode) -> ModelFileError {
            fail(.badEntry(tensor: name, expected: expected), 8 + node.offset)
        }
        guard case .object(let fields) = member.value.value else {
            throw bad("an object with dtype, shape and data_offsets", at: member.value)
        }
        // Later duplicates are caught with the other duplicate keys; extra fields are ignored,
        // as the reference reader ignores them.
        var byKey: [String: JSONNode] = [:]
        for field in fields {
            guard byKey[field.key] == nil else {
                throw fail(.duplicateName("\(name).\(field.key)"), 8 + field.keyOffset)
            }
            byKey[field.key] = field.value
        }

        guard let dtypeNode = byKey["dtype"] else { throw bad("a \"dtype\" field", at: member.value) }
        guard case .string(let dtypeName) = dtypeNode.value else { throw bad("\"dtype\" to be a string", at: dtypeNode) }
        guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
            throw fail(.unknownDType(tensor: name, dtype: dtypeName), 8 + dtypeNode.offset)
        }

        guard let shapeNode = byKey["shape"] else { throw bad("a \"shape\" field", at: member.value) }
        let shapeExpectation = "\"shape\" to be a list of non-negative integers"
        guard case .array(let dimensionNodes) = shapeNode.value else { throw bad(shapeExpectation, at: shapeNode) }
        var shape: [Int] = []
        var elements = 1
        for node in dimensionNodes {
            guard case .integer(let dimension) = node.value, dimension >= 0 else {
                throw bad(shapeExpectation, at: node)
            }
            shape.append(dimension)
            let (product, overflow) = elements.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw fail(.shapeTooLarge(tensor: name, shape: shapeText(dimensionNodes)), 8 + shapeNode.offset)
            }
            elements = product
        }
        let (byteCount, overflow) = elements.multipliedReportingOverflow(by: dtype.byteCount)
        guard !overflow else {
            throw fail(.shapeTooLarge(tensor: name, shape: shapeText(dimensionNodes)), 8 + shapeNode.offset)
        }

        guard let offsetsNode = byKey["data_offsets"] else { throw bad("a \"data_offsets\" field", at: member.value) }
        let offsetsExpectation = "\"data_offsets\" to be [begin, end] with 0 <= begin <= end"
        guard case .array(let bounds) = offsetsNode.value, bounds.count == 2,
              case .integer(let begin) = bounds[0].value, case .integer(let end) = bounds[1].value,
              begin >= 0, begin <= end else {
            throw bad(offsetsExpectation, at: offsetsNode)
        }
        guard end <= dataSize else {
            throw fail(.outOfBounds(tensor: name, end: end, dataSize: dataSize), 8 + offsetsNode.offset)
        }
        guard end - begin == byteCount else {
            throw fail(.sizeMismatch(tensor: name, expectedBytes: byteCount, actualBytes: end - begin),
                       8 + offsetsNode.offset)
        }
        return Entry(name: name, dtype: dtype, shape: shape, begin: begin, end: end)
    }

    private static func parseMetadata(
        _ node: JSONNode, fail: (ModelFileProblem, Int?) -> ModelFileError
    ) throws(ModelFileError) -> [String: String] {
        guard case .object(let members) = node.value else { throw fail(.metadataNotObject, 8 + node.offset) }
        var metadata: [String: String] = [:]
        for member in members {
            guard case .string(let value) = member.value.value else {
                throw fail(.metadataNotString(key: member.key), 8 + member.value.offset)
            }
            guard metadata.updateValue(value, forKey: member.key) == nil else {
                throw fail(.duplicateName("__metadata__.\(member.key)"), 8 + member.keyOffset)
            }
        }
        return metadata
    }

    /// A shape as written in the file, for an error about a shape too large to multiply out.
    private static func shapeText(_ nodes: [JSONNode]) -> String {
        "[" + nodes.map { node in
            if case .integer(let value) = node.value { String(value) } else { "?" }
        }.joined(separator: ", ") + "]"
    }
}
