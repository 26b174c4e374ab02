import Foundation
import Testing
@testable import DigitsCore

/// Runs python3 and Tools/safetensors_numpy.py for the interop tests.
enum PythonTool {
    static let numpyAvailable: Bool = (try? python(["-c", "import numpy"]))?.status == 0

    /// <repo>/Tools/safetensors_numpy.py, from this file's place in Tests/DigitsCoreTests/ModelFile/.
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tools/safetensors_numpy.py").path

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        // stderr goes to a file and stdout to a pipe read to the end before waiting, so
        // neither can fill up and block the child.
        let errorPath = NSTemporaryDirectory() + "/digits-python-\(UUID().uuidString).err"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errorHandle
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorHandle.close()
        let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), errors)
    }
}

/// Our model files mean the same in NumPy: Tools/safetensors_numpy.py (NumPy alone, the way a
/// Python user would read the file) must compute the same probabilities as Swift, for our files
/// and for files it writes itself. PyTorch users load the same layout with
/// `nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)).load_state_dict(
/// safetensors.torch.load_file(path))` (see Tools/README.md).
@Suite("NumPy interop", .enabled(if: PythonTool.numpyAvailable,
                                 "python3 with NumPy is not installed; the NumPy interop tests are skipped"))
struct NumPyInteropTests {
    typealias F = ModelFileFixtures

    /// Runs the script; fails the test with its stderr if it fails.
    func runScript(_ arguments: [String]) throws -> String {
        let result = try PythonTool.python([PythonTool.script] + arguments)
        try #require(result.status == 0, "safetensors_numpy.py \(arguments) failed: \(result.errors)")
        return result.output
    }

    /// Fixed inputs: `count` rows of `width` pixels in 0...1, written as raw float32.
    func inputs(count: Int, width: Int, in directory: String) throws -> (rows: [[Float]], path: String) {
        var generator = SeededGenerator(seed: 99)
        let rows = (0..<count).map { _ in (0..<width).map { _ in generator.nextUnitFloat() } }
        let path = directory + "/inputs.f32"
        try Data(F.bytes(rows.flatMap { $0 })).write(to: URL(fileURLWithPath: path))
        return (rows, path)
    }

    func numpyProbabilities(model: String, inputs: String) throws -> [[Float]] {
        try runScript(["predict", model, inputs]).split(separator: "\n").map { line in
            try line.split(separator: " ").map { try #require(Float(String($0))) }
        }
    }

    func expectClose(_ numpy: [[Float]], _ swift: [[Float]], tolerance: Float = 1e-5) {
        #expect(numpy.count == swift.count)
        for (row, (a, b)) in zip(numpy, swift).enumerated() {
            #expect(a.count == b.count)
            let worst = zip(a, b).map { abs($0 - $1) }.max() ?? .infinity
            #expect(worst <= tolerance, "row \(row): numpy \(a) swift \(b)")
        }
    }

    @Test("NumPy reads our files and predicts what Swift predicts", arguments: [
        ([784, 128, 10], Activation.relu), ([784, 32, 16, 10], .sigmoid), ([20, 7, 3], .relu),
    ])
    func numpyReadsOurs(sizes: [Int], activation: Activation) throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let network = F.network(sizes: sizes, activation: activation, seed: 5)
        let model = directory + "/ours.safetensors"
        try ModelFile.save(network, metadata: ModelMetadata(dataset: "none", seed: 5), to: model)
        let (rows, inputPath) = try inputs(count: 6, width: sizes[0], in: directory)
        expectClose(try numpyProbabilities(model: model, inputs: inputPath), rows.map(network.probabilities(for:)))
        #expect(try runScript(["info", model]).hasPrefix(network.architecture + " " + activation.rawValue + "\n"))
    }

    @Test("Swift reads files NumPy writes and predicts what NumPy predicts", arguments: [
        ["--sizes", "784,64,10", "--seed", "7"],
        ["--sizes", "784,48,24,10", "--activation", "sigmoid", "--dtype", "F64", "--seed", "8"],
        ["--sizes", "784,16,10", "--plain", "--seed", "9"],
    ])
    func swiftReadsNumPys(options: [String]) throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let model = directory + "/theirs.safetensors"
        _ = try runScript(["random", model] + options)
        let loaded = try ModelFile.load(path: model)
        let sizes = try #require(options.firstIndex(of: "--sizes").map { options[$0 + 1] })
        #expect(loaded.network.architecture == sizes.replacingOccurrences(of: ",", with: "-"))
        #expect(loaded.network.activation == (options.contains("sigmoid") ? .sigmoid : .relu))
        #expect(options.contains("--plain") == loaded.metadata.isEmpty)
        let (rows, inputPath) = try inputs(count: 6, width: 784, in: directory)
        expectClose(try numpyProbabilities(model: model, inputs: inputPath), rows.map(loaded.network.probabilities(for:)))
    }
}
