import DigitsCore
import Foundation

/// Finds the `digits` executable that `swift build` / `swift test` made, and the models the
/// tests run it with.
enum DigitsBinary {
    /// `DIGITS_BINARY` if set; else `digits` beside the test bundle (SwiftPM puts test bundles
    /// and executables in the same bin directory, and `swift test` builds both); else what
    /// `swift build --show-bin-path` names.
    static let path: String? = {
        let fileManager = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["DIGITS_BINARY"] { return explicit }
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        // macOS: .../debug/digitsPackageTests.xctest/Contents/MacOS/runner.
        var directory = runner
        for _ in 0..<4 {
            directory = directory.deletingLastPathComponent()
            candidates.append(directory)
        }
        for candidate in candidates {
            let binary = candidate.appendingPathComponent("digits").path
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: binary, isDirectory: &isDirectory), !isDirectory.boolValue,
               fileManager.isExecutableFile(atPath: binary) {
                return binary
            }
        }
        if let result = try? TmuxSession.execute(["swift", "build", "--show-bin-path"]), result.status == 0 {
            let binary = result.output.trimmingCharacters(in: .whitespacesAndNewlines) + "/digits"
            if fileManager.isExecutableFile(atPath: binary) { return binary }
        }
        return nil
    }()

    /// The package's root, from this file's place in Tests/EndToEndTests.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped model, once the lead has trained it.
    static var shippedModel: String? {
        let path = packageRoot.appendingPathComponent("Assets/\(ModelLocator.fileName)").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Writes a 784-32-10 network with random weights: its answers mean nothing, but they change
    /// with the drawing, which is what the screen tests need.
    ///
    /// Its answers are near-uniform, so by the usual rule every drawing would be "not sure
    /// this is a digit": its file says `reject_below` 0 unless a test asks for another.
    static func writeRandomModel(rejectBelow: Float = 0) throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("digits-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("random.safetensors").path
        let network = try Network(sizes: [784, 32, 10], activation: .relu, seed: 11)
        try ModelFile.save(network, metadata: ModelMetadata(rejectBelow: rejectBelow), to: path)
        return path
    }

    /// Single-quoted for the shell.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// The probability bars as the screen shows them: digit to percentage.
enum ScreenReading {
    /// Reads "│ 3 ████▍    62% │" rows of the Probabilities box; nil until all ten show a number.
    static func probabilities(in screen: String) -> [Int: Double]? {
        var found: [Int: Double] = [:]
        let pattern = /│ ([0-9]) [^│]*?([0-9]+(?:\.[0-9])?)% │/
        for line in screen.split(separator: "\n") {
            if let match = line.matches(of: pattern).last,
               let digit = Int(match.1), let value = Double(match.2) {
                found[digit] = value
            }
        }
        return found.count == 10 ? found : nil
    }

    /// The digit with the highest bar.
    static func prediction(in screen: String) -> Int? {
        probabilities(in: screen)?.max { $0.value < $1.value }?.key
    }
}
