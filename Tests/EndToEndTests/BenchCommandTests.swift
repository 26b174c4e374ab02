import DigitsCore
import Foundation
import Testing

/// `digits bench --compare` as a user runs it: on a slice of MNIST so a debug build finishes in
/// seconds, with Python missing, with NumPy missing, and (when python3 has NumPy) for real.
@Suite("digits bench --compare", .enabled(if: mnistDirectory != nil, "DIGITS_DATA not set: point it at the MNIST files to run this"),
       .serialized)
struct BenchCommandTests {
    /// A data directory holding the first `count` training images of MNIST, uncompressed.
    static func mnistSlice(count: Int = 640) throws -> String {
        let train = try DataLocation(directory: try #require(mnistDirectory), source: .option).loadTrain()
        let directory = temporaryPath("mnist-slice")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func idx(_ magic: UInt8, _ sizes: [Int], _ data: ArraySlice<UInt8>) -> Data {
            var bytes: [UInt8] = [0, 0, 8, magic]
            for size in sizes { bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: size >> $0) } }
            return Data(bytes + data)
        }
        let pixels = train.pixelsPerImage
        try idx(3, [count, train.rows, train.columns], train.images[0..<(count * pixels)])
            .write(to: URL(fileURLWithPath: directory + "/train-images-idx3-ubyte"))
        try idx(1, [count], train.labels[0..<count]).write(to: URL(fileURLWithPath: directory + "/train-labels-idx1-ubyte"))
        return directory
    }

    /// Whether `python3` on PATH imports NumPy.
    static let pythonHasNumPy: Bool = {
        guard let result = try? TmuxSession.execute(["python3", "-c", "import numpy"]) else { return false }
        return result.status == 0
    }()

    @Test func withoutPythonItSaysSoAndStillMeasuresOurs() throws {
        let data = try Self.mnistSlice()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let run = try CommandRun.digits(["bench", "--compare", "--only", "seed001", "--epochs", "1",
                                         "--python", "/nonexistent/python3", "--data", data])
        #expect([0, 1].contains(run.status), "\(run.stderr)")
        #expect(run.stdout.contains("not compared: no Python: /nonexistent/python3 is not an executable"), "\(run.stdout)")
        #expect(run.stdout.contains("seed 001 (784-10-10, batch 64, SGD 0.1) epoch, median of 1"))
        let row = try #require(run.stdout.split(separator: "\n").last { $0.hasSuffix("seed 001 (784-10-10, batch 64, SGD 0.1)") })
        #expect(row.contains(" s ") && row.contains("(<= 0.40)"), "\(row)")
        #expect(!run.stdout.contains("reference (784-128-10"), "--only measures only the set-up named")
    }

    @Test func withoutNumPyItNamesEachMissingModule() throws {
        let data = try Self.mnistSlice()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let python = temporaryPath("python3")
        defer { try? FileManager.default.removeItem(atPath: python) }
        let script = "#!/bin/sh\necho \"ModuleNotFoundError: No module named '$(echo $2 | cut -d' ' -f2)'\" >&2\nexit 1\n"
        _ = FileManager.default.createFile(atPath: python, contents: Data(script.utf8), attributes: [.posixPermissions: 0o755])
        let run = try CommandRun.digits(["bench", "--compare", "--only", "seed001", "--epochs", "1", "--json",
                                         "--python", python, "--data", data])
        #expect([0, 1].contains(run.status), "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let missing = try #require(object["missing"] as? [String])
        #expect(missing == ["NumPy is not installed for \(python) (ModuleNotFoundError: No module named 'numpy'); pip install numpy",
                            "PyTorch is not installed for \(python) (ModuleNotFoundError: No module named 'torch'); pip install torch"])
        let rows = try #require(object["comparison"] as? [[String: Any]])
        #expect(rows.count == 1 && rows[0]["setup"] as? String == "seed001" && rows[0]["digits"] is Double)
        #expect(rows[0]["ratio"] == nil)
    }

    @Test func aPeerThatFailsInAnyRoundIsNotCompared() throws {
        let data = try Self.mnistSlice()
        let scratch = temporaryPath("failing-peer")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(atPath: data)
            try? FileManager.default.removeItem(atPath: scratch)
        }
        // NumPy imports and answers its first run, then fails; PyTorch is not installed.
        let python = scratch + "/python3"
        let script = """
            #!/bin/sh
            if [ "$1" = "-c" ]; then
              case "$2" in *torch*) echo "ModuleNotFoundError: No module named 'torch'" >&2; exit 1;; esac
              exit 0
            fi
            if [ -e '\(scratch)/ran' ]; then echo "MemoryError" >&2; exit 1; fi
            touch '\(scratch)/ran'
            echo '{"framework": "NumPy 9", "seconds": [0.5], "median": 0.5}'
            """
        _ = FileManager.default.createFile(atPath: python, contents: Data(script.utf8), attributes: [.posixPermissions: 0o755])
        let run = try CommandRun.digits(["bench", "--compare", "--only", "seed001", "--epochs", "1", "--rounds", "2",
                                         "--json", "--python", python, "--data", data])
        #expect([0, 1].contains(run.status), "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let row = try #require((object["comparison"] as? [[String: Any]])?.first)
        #expect(row["numpy"] == nil && row["ratio"] == nil && row["met"] == nil, "\(row)")
        let missing = try #require(object["missing"] as? [String])
        #expect(missing.contains("seed001: the NumPy script failed (status 1): MemoryError"), "\(missing)")
    }

    @Test func optionsAreCheckedBeforeAnyWork() throws {
        for (arguments, message) in [
            (["--only", "seed004"], "--only seed004: not a set-up; choose from reference, seed001, seed002, seed003"),
            (["--epochs", "0"], "--epochs 0: must be 1-100"),
            (["--rounds", "21"], "--rounds 21: must be 1-20"),
            (["--python", "/usr/bin/python3"], "--python and --tools only mean something with --compare"),
            (["--compare", "--tools", ""], "--tools needs a path"),
        ] {
            let run = try CommandRun.digits(["bench"] + arguments + ["--data", "/nonexistent/mnist"])
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test(.enabled(if: pythonHasNumPy, "python3 with NumPy not found: the real comparison is skipped"))
    func withNumPyItComparesInTheSameRun() throws {
        let data = try Self.mnistSlice()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let run = try CommandRun.digits(["bench", "--compare", "--only", "seed001", "--epochs", "1", "--rounds", "2",
                                         "--json", "--data", data])
        #expect([0, 1].contains(run.status), "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let row = try #require((object["comparison"] as? [[String: Any]])?.first)
        let ours = try #require(row["digits"] as? Double), numpy = try #require(row["numpy"] as? Double, "\(object)")
        let ratio = try #require(row["ratio"] as? Double)
        let fastest = min(numpy, row["pytorch"] as? Double ?? .infinity)
        #expect(numpy > 0 && abs(ratio - ours / fastest) < 1e-9)
        #expect(row["target_ratio"] as? Double == 0.4)
        // Two rounds: our epoch and NumPy's each measured twice, alternating.
        #expect(object["rounds"] as? Int == 2)
        let figure = try #require((object["figures"] as? [[String: Any]])?.first)
        #expect((figure["name"] as? String)?.hasSuffix("median of 1 in each of 2 rounds") == true, "\(figure)")
    }
}
