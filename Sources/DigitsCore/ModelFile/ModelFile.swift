import Foundation

/// Networks to and from safetensors files, laid out as a PyTorch
/// `nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))` state dict:
/// `0.weight` [128, 784], `0.bias` [128], `2.weight` [10, 128], `2.bias` [10], float32
/// little-endian (the activations sit at the odd indices and have no tensors). So a PyTorch
/// user loads our file with `model.load_state_dict(safetensors.torch.load_file(path))`, and we
/// load theirs. See Tools/README.md.
///
/// `__metadata__` holds `format`, `architecture`, `activation` and the training facts of
/// `ModelMetadata`.
public enum ModelFile {
    /// The `format` written in `__metadata__`.
    public static let format = "digits-mlp"

    /// The file's bytes for `network`.
    public static func encode(_ network: Network, metadata: ModelMetadata = ModelMetadata()) -> Data {
        var tensors: [SafetensorsTensor] = []
        for (index, layer) in network.layers.enumerated() {
            tensors.append(SafetensorsTensor(name: "\(2 * index).weight", shape: [layer.outputs, layer.inputs],
                                             values: network.weights(ofLayer: index)))
            tensors.append(SafetensorsTensor(name: "\(2 * index).bias", shape: [layer.outputs],
                                             values: network.bias(ofLayer: index)))
        }
        var entries = metadata.entries
        entries[ModelMetadata.Key.format] = format
        entries[ModelMetadata.Key.architecture] = network.architecture
        entries[ModelMetadata.Key.activation] = network.activation.rawValue
        return SafetensorsFile(tensors: tensors, metadata: entries).encoded()
    }

    /// Writes `network` to `path` atomically: on failure nothing is left behind and an
    /// existing file is untouched.
    public static func save(_ network: Network, metadata: ModelMetadata = ModelMetadata(),
                            to path: String) throws(ModelFileError) {
        do {
            try AtomicFile.write(encode(network, metadata: metadata), to: path)
        } catch {
            throw ModelFileError(path: error.path, problem: .write(error.problem))
        }
    }

    /// Reads and validates the model file at `path`.
    public static func load(path: String) throws(ModelFileError) -> LoadedModel {
        try decode(readRegularFile(path), path: path)
    }

    /// Validates `data`, the bytes of a model file, and builds its network; `path` names the
    /// file in errors. Beyond the container's checks: the tensors are exactly `N.weight` and
    /// `N.bias` for N = 0, 2, 4, ..., their shapes chain into a network, their dtype is a
    /// float type, every value is finite, and the activation is one this program knows
    /// (ReLU when the metadata does not say, as in a plain PyTorch file).
    public static func decode(_ data: Data, path: String) throws(ModelFileError) -> LoadedModel {
        let file = try SafetensorsFile.decode(data, path: path)
        return try model(from: file, path: path)
    }

    /// Builds the network a decoded safetensors file describes.
    public static func model(from file: SafetensorsFile, path: String) throws(ModelFileError) -> LoadedModel {
        func fail(_ problem: ModelFileProblem, at offset: Int? = nil) -> ModelFileError {
            ModelFileError(path: path, offset: offset, problem: problem)
        }

        var weights: [Int: SafetensorsTensor] = [:]
        var biases: [Int: SafetensorsTensor] = [:]
        var unexpected: [String] = []
        for tensor in file.tensors {
            switch layerName(tensor.name) {
            case (let index?, "weight"): weights[index] = tensor
            case (let index?, "bias"): biases[index] = tensor
            default: unexpected.append(tensor.name)
            }
        }
        guard unexpected.isEmpty else { throw fail(.unexpectedTensors(unexpected.sorted())) }
        let indices = Set(weights.keys).union(biases.keys).sorted()
        guard !indices.isEmpty else { throw fail(.noLayers) }
        guard indices == Array(stride(from: 0, to: 2 * indices.count, by: 2)) else {
            throw fail(.badLayerIndices(found: indices))
        }

        // Walk the layers in order: each weight is [out, in] with `in` the width so far.
        var sizes: [Int] = []
        var layerTensors: [(weight: SafetensorsTensor, bias: SafetensorsTensor)] = []
        for index in indices {
            guard let weight = weights[index] else { throw fail(.missingTensor("\(index).weight")) }
            guard let bias = biases[index] else { throw fail(.missingTensor("\(index).bias")) }
            for tensor in [weight, bias] where !tensor.dtype.isFloatingPoint {
                throw fail(.unsupportedDType(tensor: tensor.name, dtype: tensor.dtype.rawValue))
            }
            guard weight.shape.count == 2 else {
                throw fail(.wrongShape(tensor: weight.name, shape: weight.shape, expected: "[out, in]"))
            }
            if let width = sizes.last {
                guard weight.shape[1] == width else {
                    throw fail(.shapesDoNotChain(tensor: weight.name, shape: weight.shape, expected: "[_, \(width)]"))
                }
            } else {
                sizes.append(weight.shape[1])
            }
            sizes.append(weight.shape[0])
            guard bias.shape == [weight.shape[0]] else {
                throw fail(.wrongShape(tensor: bias.name, shape: bias.shape, expected: "[\(weight.shape[0])]"))
            }
            layerTensors.append((weight, bias))
        }

        let activation: Activation
        if let name = file.metadata[ModelMetadata.Key.activation] {
            guard let known = Activation(rawValue: name.lowercased()) else { throw fail(.unknownActivation(name)) }
            activation = known
        } else {
            activation = .relu
        }

        var network: Network
        do {
            network = try Network(sizes: sizes, activation: activation)
        } catch {
            throw fail(.invalidNetwork(error))
        }
        if let declared = file.metadata[ModelMetadata.Key.architecture], declared != network.architecture {
            throw fail(.architectureMismatch(metadata: declared, tensors: network.architecture))
        }

        for (layer, tensors) in zip(network.layers, layerTensors) {
            for (tensor, destination) in [(tensors.weight, layer.weightOffset), (tensors.bias, layer.biasOffset)] {
                guard let values = tensor.floatValues() else {
                    throw fail(.unsupportedDType(tensor: tensor.name, dtype: tensor.dtype.rawValue))
                }
                if let bad = values.firstIndex(where: { !$0.isFinite }) {
                    throw fail(.notFinite(tensor: tensor.name, index: bad),
                               at: tensor.fileOffset.map { $0 + bad * tensor.dtype.byteCount })
                }
                network.parameters.replaceSubrange(destination..<(destination + values.count), with: values)
            }
        }
        return LoadedModel(path: path, network: network, metadata: file.metadata)
    }

    /// Splits "12.weight" into (12, "weight"). Only canonical decimal indices count (no sign,
    /// no leading zeros), as PyTorch writes them.
    private static func layerName(_ name: String) -> (index: Int?, kind: Substring) {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let digits = parts.first, (1...9).contains(digits.count),
              digits.allSatisfy({ ("0"..."9").contains($0) }),
              digits == "0" || !digits.hasPrefix("0"),
              let index = Int(digits) else {
            return (nil, "")
        }
        return (index, parts[1])
    }

    /// The whole of a regular file. Refuses directories and devices (a `--model /dev/zero`
    /// would otherwise read forever, a FIFO block) and reports the system's reason for any failure.
    private static func readRegularFile(_ path: String) throws(ModelFileError) -> Data {
        func fail(_ problem: ModelFileProblem) -> ModelFileError {
            ModelFileError(path: path, problem: problem)
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw fail(errno == ENOENT ? .notFound : .unreadable(reason: String(cString: strerror(errno))))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw fail(.unreadable(reason: String(cString: strerror(errno)))) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw fail(.notAFile) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw fail(.unreadable(reason: "not a regular file")) }

        let size = Int(status.st_size)
        var data = Data(count: size)
        var failure: String?
        let filled = data.withUnsafeMutableBytes { buffer -> Int in
            var offset = 0
            while offset < size {
                let count = read(descriptor, buffer.baseAddress! + offset, size - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    break
                }
                if count == 0 { break }  // the file shrank while we read it
                offset += count
            }
            return offset
        }
        if let failure { throw fail(.unreadable(reason: failure)) }
        data.count = filled
        return data
    }
}
