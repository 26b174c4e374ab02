import Foundation

extension SafetensorsFile {
    /// The file's bytes, laid out as the reference implementation lays them out so that any
    /// safetensors reader accepts them: tensors sorted by alignment (widest dtype first) then
    /// by name, `__metadata__` first in the header, the header padded with spaces to a
    /// multiple of 8 bytes so the data section starts aligned.
    ///
    /// The tensors' byte counts must match their shapes and dtypes and their names must be
    /// unique and not `__metadata__`: that is the caller's contract, not something a file can
    /// get wrong.
    public func encoded() -> Data {
        precondition(Set(tensors.map(\.name)).count == tensors.count, "tensor names must be unique")
        precondition(!tensors.contains { $0.name == "__metadata__" }, "__metadata__ is not a tensor name")
        let ordered = tensors.sorted { left, right in
            if left.dtype.byteCount != right.dtype.byteCount {
                return left.dtype.byteCount > right.dtype.byteCount
            }
            // The reference compares names as bytes, so "10.bias" sorts before "2.bias".
            return left.name.utf8.lexicographicallyPrecedes(right.name.utf8)
        }

        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { key in
                jsonString(key) + ":" + jsonString(metadata[key] ?? "")
            }
            entries.append(jsonString("__metadata__") + ":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for tensor in ordered {
            precondition(tensor.data.count == tensor.elementCount * tensor.dtype.byteCount,
                         "tensor \(tensor.name): \(tensor.data.count) bytes for shape \(tensor.shape)")
            let end = offset + tensor.data.count
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append(jsonString(tensor.name) + ":{\"dtype\":\"\(tensor.dtype.rawValue)\","
                           + "\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }

        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))

        var file = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(contentsOf: header)
        for tensor in ordered { file.append(tensor.data) }
        return file
    }
}
