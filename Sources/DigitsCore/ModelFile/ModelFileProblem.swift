/// Everything that can be wrong with a model file, from the bytes up to the network.
public enum ModelFileProblem: FileProblem {
    // The file itself.
    case notFound
    case notAFile
    case unreadable(reason: String)
    case write(WriteProblem)

    // The safetensors container.
    case tooShort(size: Int)
    case headerTooLarge(length: UInt64, limit: Int)
    case headerBeyondEnd(length: UInt64, available: Int)
    case invalidJSON(expected: String)
    case headerNotObject
    case duplicateName(String)
    case badEntry(tensor: String, expected: String)
    case unknownDType(tensor: String, dtype: String)
    case shapeTooLarge(tensor: String, shape: String)
    case sizeMismatch(tensor: String, expectedBytes: Int, actualBytes: Int)
    case outOfBounds(tensor: String, end: Int, dataSize: Int)
    case overlap(tensor: String, other: String)
    case hole(begin: Int, end: Int)
    case metadataNotObject
    case metadataNotString(key: String)

    // The network the tensors should describe.
    case unsupportedDType(tensor: String, dtype: String)
    case noLayers
    case badLayerIndices(found: [Int])
    case missingTensor(String)
    case unexpectedTensors([String])
    case wrongShape(tensor: String, shape: [Int], expected: String)
    case shapesDoNotChain(tensor: String, shape: [Int], expected: String)
    case notFinite(tensor: String, index: Int)
    case unknownActivation(String)
    case architectureMismatch(metadata: String, tensors: String)
    case invalidNetwork(NetworkError)
    case wrongSizes(expected: String, found: String)

    public var description: String {
        switch self {
        case .notFound:
            "no such file"
        case .notAFile:
            "is a directory, not a model file"
        case .unreadable(let reason):
            "cannot read: \(reason)"
        case .write(let error):
            error.description
        case .tooShort(let size):
            "file is \(size) bytes; a safetensors file starts with an 8-byte header length"
        case .headerTooLarge(let length, let limit):
            "header length \(length) is over the \(limit)-byte limit; not a safetensors file?"
        case .headerBeyondEnd(let length, let available):
            "header length \(length) runs past the end of the file (\(available) bytes follow the length)"
        case .invalidJSON(let expected):
            "header is not valid JSON: expected \(expected)"
        case .headerNotObject:
            "header must be a JSON object of tensors"
        case .duplicateName(let name):
            "header names \(quoted(name)) twice"
        case .badEntry(let tensor, let expected):
            "tensor \(quoted(tensor)): expected \(expected)"
        case .unknownDType(let tensor, let dtype):
            "tensor \(quoted(tensor)) has unknown dtype \(quoted(dtype))"
        case .shapeTooLarge(let tensor, let shape):
            "tensor \(quoted(tensor)) has shape \(shape), too many elements"
        case .sizeMismatch(let tensor, let expected, let actual):
            "tensor \(quoted(tensor)): its shape and dtype need \(expected) bytes, its data_offsets span \(actual)"
        case .outOfBounds(let tensor, let end, let dataSize):
            "tensor \(quoted(tensor)) ends at data byte \(end), past the end of the \(dataSize)-byte data section"
        case .overlap(let tensor, let other):
            "tensor \(quoted(tensor)) overlaps tensor \(quoted(other))"
        case .hole(let begin, let end):
            "data bytes \(begin)..<\(end) belong to no tensor (safetensors allows no holes)"
        case .metadataNotObject:
            "__metadata__ must be an object of strings"
        case .metadataNotString(let key):
            "__metadata__ value for \(quoted(key)) must be a string"
        case .unsupportedDType(let tensor, let dtype):
            "tensor \(quoted(tensor)) has dtype \(dtype); a model's weights must be F32, F64, F16 or BF16"
        case .noLayers:
            "holds no layers; expected tensors 0.weight, 0.bias, 2.weight, 2.bias, ..."
        case .badLayerIndices(let found):
            "layer indices are \(found.map(String.init).joined(separator: ", ")); expected 0, 2, 4, ... as in an nn.Sequential of Linear layers with activations between"
        case .missingTensor(let name):
            "tensor \(quoted(name)) is missing"
        case .unexpectedTensors(let names):
            "unexpected tensor\(names.count == 1 ? "" : "s") \(names.map(quoted).joined(separator: ", ")); expected only N.weight and N.bias of Linear layers"
        case .wrongShape(let tensor, let shape, let expected):
            "tensor \(quoted(tensor)) has shape \(shapeText(shape)), expected \(expected)"
        case .shapesDoNotChain(let tensor, let shape, let expected):
            "tensor \(quoted(tensor)) has shape \(shapeText(shape)), expected \(expected) to follow the layer before"
        case .notFinite(let tensor, let index):
            "tensor \(quoted(tensor)) holds a NaN or infinite value at element \(index)"
        case .unknownActivation(let name):
            "unknown activation \(quoted(name)) in __metadata__; expected relu or sigmoid"
        case .architectureMismatch(let metadata, let tensors):
            "__metadata__ says architecture \(metadata) but the tensors make \(tensors)"
        case .invalidNetwork(let error):
            "not a usable network: \(error)"
        case .wrongSizes(let expected, let found):
            "model is \(found); this program needs \(expected)"
        }
    }
}

/// A model file could not be read, understood or written; see `ModelFileProblem`.
public typealias ModelFileError = FileError<ModelFileProblem>

func shapeText(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}
