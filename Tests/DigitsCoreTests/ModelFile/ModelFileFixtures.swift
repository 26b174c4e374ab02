import Foundation
@testable import DigitsCore

/// Small networks, hand-made files and temporary directories for the model file tests.
enum ModelFileFixtures {
    /// A network with random weights and random (non-zero) biases, so a bias that went
    /// missing or moved would show.
    static func network(sizes: [Int] = [6, 5, 3], activation: Activation = .relu, seed: UInt64 = 1) -> Network {
        guard var network = try? Network(sizes: sizes, activation: activation, seed: seed) else {
            preconditionFailure("fixture sizes \(sizes) are valid")
        }
        var generator = SeededGenerator(seed: seed &+ 1000)
        for layer in network.layers {
            for i in layer.biasOffset..<(layer.biasOffset + layer.outputs) {
                network.parameters[i] = generator.nextNormal() * 0.1
            }
        }
        return network
    }

    /// A safetensors file from a header written by hand and the bytes after it.
    static func rawFile(header: String, data: [UInt8] = []) -> Data {
        var file = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(contentsOf: Array(header.utf8))
        file.append(contentsOf: data)
        return file
    }

    /// Float32 values as little-endian bytes.
    static func bytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
    }

    /// The problem decoding `data` as a model reports, or nil when it loads.
    static func problem(decoding data: Data) -> ModelFileProblem? {
        do {
            _ = try ModelFile.decode(data, path: "test.safetensors")
            return nil
        } catch {
            return error.problem
        }
    }

    /// The error decoding `data` as a model reports, or nil when it loads.
    static func error(decoding data: Data) -> ModelFileError? {
        do {
            _ = try ModelFile.decode(data, path: "test.safetensors")
            return nil
        } catch {
            return error
        }
    }

    /// A fresh empty directory under the system's temporary directory.
    static func temporaryDirectory() -> String {
        var template = Array((NSTemporaryDirectory() + "/digits-model-test-XXXXXX").utf8CString)
        guard let path = mkdtemp(&template) else { preconditionFailure("mkdtemp failed: \(errno)") }
        return String(cString: path)
    }

    /// The names in a directory, hidden ones included.
    static func contents(of directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }
}
