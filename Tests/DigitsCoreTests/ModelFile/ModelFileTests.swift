import Foundation
import Testing
@testable import DigitsCore

@Suite("ModelFile save and load")
struct ModelFileTests {
    typealias F = ModelFileFixtures

    static let architectures: [([Int], Activation)] = [
        ([784, 128, 10], .relu), ([784, 10, 10], .sigmoid), ([784, 64, 32, 10], .relu), ([3, 2], .sigmoid),
    ]

    @Test("save then load gives the same network, metadata and predictions", arguments: architectures)
    func roundTrip(sizes: [Int], activation: Activation) throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let network = F.network(sizes: sizes, activation: activation, seed: 42)
        let metadata = ModelMetadata(dataset: "mnist", epochs: 12, testAccuracy: 0.9813, seed: 42,
                                     optimizer: "adam", extras: ["learning_rate": "0.001", "note": "a \"quoted\" word"])
        let path = directory + "/model.safetensors"
        try ModelFile.save(network, metadata: metadata, to: path)

        let loaded = try ModelFile.load(path: path)
        #expect(loaded.path == path)
        #expect(loaded.network == network)
        #expect(loaded.network.parameters.elementsEqual(network.parameters) { $0.bitPattern == $1.bitPattern })
        #expect(loaded.typedMetadata == metadata)
        #expect(loaded.metadata["format"] == "digits-mlp")
        #expect(loaded.metadata["architecture"] == network.architecture)
        #expect(loaded.metadata["activation"] == activation.rawValue)
        #expect(loaded.metadata["test_accuracy"] == "0.9813")

        var generator = SeededGenerator(seed: 7)
        for _ in 0..<3 {
            let input = (0..<sizes[0]).map { _ in generator.nextUnitFloat() }
            #expect(loaded.network.probabilities(for: input) == network.probabilities(for: input))
        }
        #expect(F.contents(of: directory) == ["model.safetensors"], "no temporary file left behind")
    }

    @Test("tensors are named and shaped like a PyTorch nn.Sequential of Linear layers")
    func pyTorchNaming() throws {
        let network = F.network(sizes: [784, 128, 64, 10])
        let file = try SafetensorsFile.decode(ModelFile.encode(network), path: "x")
        let shapes = Dictionary(uniqueKeysWithValues: file.tensors.map { ($0.name, $0.shape) })
        #expect(shapes == ["0.weight": [128, 784], "0.bias": [128], "2.weight": [64, 128], "2.bias": [64],
                           "4.weight": [10, 64], "4.bias": [10]])
        #expect(file.tensors.allSatisfy { $0.dtype == .f32 })
        // Row-major [out, in]: element (o, i) of layer 0 is weight[o * 784 + i].
        let weights = try #require(file["0.weight"]?.floatValues())
        #expect(weights[5 * 784 + 300] == network.weights(ofLayer: 0)[5 * 784 + 300])
        #expect(file.metadata == ["format": "digits-mlp", "architecture": "784-128-64-10", "activation": "relu"])
    }

    @Test("a plain PyTorch-style file without metadata loads as ReLU")
    func noMetadata() throws {
        let network = F.network(sizes: [4, 3, 2])
        var file = try SafetensorsFile.decode(ModelFile.encode(network), path: "x")
        file.metadata = [:]
        let loaded = try ModelFile.decode(file.encoded(), path: "plain.safetensors")
        #expect(loaded.network == network)
        #expect(loaded.metadata.isEmpty)
        #expect(loaded.typedMetadata == ModelMetadata())
    }

    @Test("weights stored as F64, F16 or BF16 load as the same Float values", arguments: [
        SafetensorsDType.f64, .f16, .bf16,
    ])
    func otherFloatTypes(dtype: SafetensorsDType) throws {
        // Values every type holds exactly, so the comparison can be exact.
        var network = try Network(sizes: [3, 2, 2], activation: .sigmoid)
        network.parameters = (0..<network.parameters.count).map { Float($0 % 7) * 0.25 - 0.75 }
        var file = try SafetensorsFile.decode(ModelFile.encode(network), path: "x")
        file.tensors = try file.tensors.map { tensor in
            let values = try #require(tensor.floatValues())
            var data = Data()
            for value in values {
                switch dtype {
                case .f64: withUnsafeBytes(of: Double(value).bitPattern.littleEndian) { data.append(contentsOf: $0) }
                case .bf16: withUnsafeBytes(of: UInt16(value.bitPattern >> 16).littleEndian) { data.append(contentsOf: $0) }
                default:
                    // float32 -> binary16 for these small multiples of 1/4: rebias the exponent.
                    let bits = value.bitPattern
                    let sign = UInt16(bits >> 16) & 0x8000
                    let exponent = Int((bits >> 23) & 0xFF)
                    let half: UInt16 = value == 0 ? sign : sign | UInt16(exponent - 127 + 15) << 10 | UInt16((bits >> 13) & 0x3FF)
                    withUnsafeBytes(of: half.littleEndian) { data.append(contentsOf: $0) }
                }
            }
            return SafetensorsTensor(name: tensor.name, dtype: dtype, shape: tensor.shape, data: data)
        }
        let loaded = try ModelFile.decode(file.encoded(), path: "x")
        #expect(loaded.network == network)
    }

    @Test("metadata with values other programs write keeps them as extras")
    func foreignMetadata() {
        let metadata = ModelMetadata(entries: ["format": "pt", "test_accuracy": "98%", "epochs": "3", "seed": "-1"])
        #expect(metadata.epochs == 3)
        #expect(metadata.testAccuracy == nil)
        #expect(metadata.seed == nil)
        #expect(metadata.extras == ["test_accuracy": "98%", "seed": "-1"])
    }

    @Test("checkSizes tells the program's needs from the model's")
    func sizesCheck() throws {
        let loaded = try ModelFile.decode(ModelFile.encode(F.network(sizes: [100, 10])), path: "small.safetensors")
        #expect(throws: Never.self) { try loaded.checkSizes(input: 100, output: 10) }
        #expect(throws: ModelFileError.self) { try loaded.checkSizes(input: 784, output: 10) }
        do {
            try loaded.checkSizes(input: 784, output: 10)
        } catch {
            #expect(error.description == "small.safetensors: model is 100-10; this program needs 784 inputs and 10 outputs")
        }
    }

    @Test("saving over an existing model replaces it whole")
    func overwrite() throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/model.safetensors"
        try ModelFile.save(F.network(sizes: [784, 128, 10]), to: path)
        let small = F.network(sizes: [5, 2])
        try ModelFile.save(small, to: path)
        #expect(try ModelFile.load(path: path).network == small)
        #expect(F.contents(of: directory) == ["model.safetensors"])
    }

    @Test("loading a missing file, a directory or a device says so in one line")
    func unreadable() throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func problem(_ path: String) -> ModelFileError? {
            do { _ = try ModelFile.load(path: path); return nil } catch { return error }
        }
        let missing = problem(directory + "/nope.safetensors")
        #expect(missing?.problem == .notFound)
        #expect(missing?.description == "\(directory)/nope.safetensors: no such file")
        #expect(problem(directory)?.problem == .notAFile)
        #expect(problem("/dev/zero")?.problem == .unreadable(reason: "not a regular file"))
        let fifo = directory + "/fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(problem(fifo)?.problem == .unreadable(reason: "not a regular file"), "a FIFO must not block the load")
    }
}

@Suite("ModelFile atomic save")
struct ModelFileAtomicSaveTests {
    typealias F = ModelFileFixtures

    func saveError(to path: String) -> ModelFileError? {
        do {
            try ModelFile.save(F.network(), to: path)
            return nil
        } catch {
            return error
        }
    }

    @Test("a missing directory: a one-line write error and nothing created")
    func missingDirectory() {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let error = saveError(to: directory + "/absent/model.safetensors")
        guard case .write(.cannotWrite)? = error?.problem else {
            Issue.record("expected a write error, got \(String(describing: error))")
            return
        }
        #expect(error?.path == directory + "/absent/model.safetensors")
        #expect(error?.description.hasPrefix("\(directory)/absent/model.safetensors: cannot write: ") == true)
        #expect(error?.description.contains("\n") == false)
        #expect(F.contents(of: directory).isEmpty)
    }

    @Test("a path under a regular file fails and leaves the file alone")
    func parentIsAFile() throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let blocker = directory + "/file"
        try Data("keep".utf8).write(to: URL(fileURLWithPath: blocker))
        guard case .write? = saveError(to: blocker + "/model.safetensors")?.problem else {
            Issue.record("expected a write error")
            return
        }
        #expect(F.contents(of: directory) == ["file"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: blocker)) == Data("keep".utf8))
    }

    @Test("a target that is a directory fails at the rename and leaves no temporary file")
    func targetIsADirectory() throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/model.safetensors", withIntermediateDirectories: false)
        guard case .write? = saveError(to: directory + "/model.safetensors")?.problem else {
            Issue.record("expected a write error")
            return
        }
        #expect(F.contents(of: directory) == ["model.safetensors"])
        #expect(F.contents(of: directory + "/model.safetensors").isEmpty)
    }

    // Root ignores directory permissions, so this case only means something for other users.
    @Test("a read-only directory fails and stays empty", .enabled(if: geteuid() != 0, "running as root, which can write anywhere"))
    func readOnlyDirectory() throws {
        let directory = F.temporaryDirectory()
        defer {
            chmod(directory, 0o700)
            try? FileManager.default.removeItem(atPath: directory)
        }
        chmod(directory, 0o500)
        guard case .write? = saveError(to: directory + "/model.safetensors")?.problem else {
            Issue.record("expected a write error")
            return
        }
        #expect(F.contents(of: directory).isEmpty)
    }
}

@Suite("Model rescue: never over an existing file")
struct ModelRescueTests {
    func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("digits-rescue-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func goesToTheChosenPathWhenItIsFree() throws {
        let base = try directory()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let network = try Network(sizes: [784, 4, 10], activation: .relu, seed: 2)
        let path = try ModelRescue.save(network, metadata: ModelMetadata(), preferring: base + "/model.safetensors",
                                        environment: ["XDG_DATA_HOME": base + "/data"])
        #expect(path == base + "/model.safetensors")
        #expect(try ModelFile.load(path: path).network == network)
    }

    @Test func anExistingFileIsKeptAndTheModelGoesToTheDataDirectory() throws {
        let base = try directory()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let taken = base + "/model.safetensors"
        #expect(FileManager.default.createFile(atPath: taken, contents: Data("mine".utf8)))
        let network = try Network(sizes: [784, 4, 10], activation: .relu, seed: 2)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try ModelRescue.save(network, metadata: ModelMetadata(), preferring: taken,
                                         environment: ["XDG_DATA_HOME": base + "/data"], now: now)
        let second = try ModelRescue.save(network, metadata: ModelMetadata(), preferring: nil,
                                          environment: ["XDG_DATA_HOME": base + "/data"], now: now)
        #expect(FileManager.default.contents(atPath: taken) == Data("mine".utf8))
        #expect(first.hasPrefix(base + "/data/digits/recovered-model-"))
        #expect(second != first, "a second rescue in the same second gets its own name")
        #expect(try ModelFile.load(path: first).network == network)
        #expect(try ModelFile.load(path: second).network == network)
    }

    @Test func dataDirectoryFollowsXDG() {
        #expect(UserDirectories.data(environment: ["XDG_DATA_HOME": "/x/share", "HOME": "/h"]) == "/x/share/digits")
        #expect(UserDirectories.data(environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"]) == "/h/.local/share/digits")
        #expect(UserDirectories.data(environment: ["HOME": "/h"]) == "/h/.local/share/digits")
    }
}
