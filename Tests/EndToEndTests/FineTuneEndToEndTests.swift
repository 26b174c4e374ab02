import DigitsCore
import Foundation
import Testing

/// The real pen digits: the drawn-digit set `DIGITS_DRAWN_SET` names (CI sets it in .ci/run).
let penDigitsPath = ProcessInfo.processInfo.environment["DIGITS_DRAWN_SET"]

/// Teaching the shipped model someone's handwriting, measured the way a user lives it (issue
/// #11): fine-tune on sample 01 of every writer and digit of the real pen set, then read their
/// sample 02, which it never saw.
@Suite("Fine-tuning on real pen digits",
       .enabled(if: mnistDirectory != nil && penDigitsPath != nil,
                "DIGITS_DATA and DIGITS_DRAWN_SET (the real pen digits) are needed for this"),
       .serialized)
struct FineTuneEndToEndTests {
    /// The drawings of `set` whose id says sample `sample` ("trn_UJI_W01-01/7/80x24"), as a set file.
    static func writeSample(_ sample: String, of set: DrawnDigitSet) throws -> String {
        let picked = DrawnDigitSet(description: set.description + ", sample \(sample)", writers: set.writers,
                                   drawings: set.drawings.filter { $0.id.split(separator: "/").first?.hasSuffix("-" + sample) == true })
        #expect(picked.drawings.count == set.drawings.count / 2)
        let path = temporaryPath("pen-sample-\(sample).json")
        try Data(picked.encoded()).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func accuracy(_ run: CommandRun) throws -> Double {
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return try #require(object?["accuracy"] as? Double, "no accuracy in \(run.stdout)")
    }

    @Test("sample 01 learnt: sample 02 read at least 99%, MNIST at least 99.0%, the set in the file")
    func sampleTwoIsReadAfterLearningSampleOne() throws {
        let shipped = try #require(DigitsBinary.shippedModel)
        let set = try DrawnDigitSet.load(path: try #require(penDigitsPath))
        let first = try Self.writeSample("01", of: set), second = try Self.writeSample("02", of: set)
        let output = temporaryPath("fine-tuned.safetensors")
        defer { for path in [first, second, output] { try? FileManager.default.removeItem(atPath: path) } }

        let before = try Self.accuracy(CommandRun.digits(["eval", "--drawn", second, "--json", "--model", shipped]))
        let started = Date()
        let train = try CommandRun.digits(["train", "--init-from", shipped, "--drawn", first, "-o", output, "--no-tui"])
        let seconds = Date().timeIntervalSince(started)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.contains("learning 200 drawings of \(first)"))
        let after = try Self.accuracy(CommandRun.digits(["eval", "--drawn", second, "--json", "--model", output]))
        let mnist = try Self.accuracy(CommandRun.digits(["eval", "--json", "--model", output]))
        // Not a timed test: the time (a debug build here) is printed for the record.
        print("fine-tuning on sample 01: sample 02 \(before) -> \(after), MNIST \(mnist), \(Int(seconds)) s")
        #expect(after >= 0.99)
        #expect(mnist >= 0.99)

        let metadata = try ModelFile.load(path: output).metadata
        #expect(metadata["dataset"] == "mnist+drawn")
        #expect(metadata["drawn_set_count"] == "200")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: first)))
        #expect(metadata["drawn_set_sha256"] == SHA256.hexDigest(of: bytes))
        #expect(metadata["started_from"] == shipped)
    }

    @Test("refused with one line: an empty set, a bad label, a model that does not read 28x28, --drawn alone")
    func refusals() throws {
        let shipped = try #require(DigitsBinary.shippedModel)
        // Where each refused run was told to save: nothing must be written there.
        let output = temporaryPath("refused.safetensors")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let empty = temporaryPath("empty.json")
        try Data(DrawnDigitSet(writers: [DrawnWriter(name: "me", split: .development)], drawings: []).encoded()).write(to: URL(fileURLWithPath: empty))
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let run = try CommandRun.digits(["train", "--init-from", shipped, "--drawn", empty, "-o", output])
        #expect(run.status == 1 && run.errorLines.count == 1 && run.stderr.contains(empty) && run.stderr.contains("drawing"), "\(run.stderr)")

        let badLabel = temporaryPath("bad.json")
        let set = DrawnDigitSet(writers: [DrawnWriter(name: "me", split: .development)], drawings: [
            DrawnDigit(id: "me/1", label: 1, writer: "me", canvas: CellSize(columns: 28, rows: 20),
                       strokes: [[CellPoint(column: 10, row: 3), CellPoint(column: 10, row: 15)]])])
        let text = String(decoding: set.encoded(), as: UTF8.self).replacingOccurrences(of: "\"label\": 1", with: "\"label\": 12")
            .replacingOccurrences(of: "\"label\":1,", with: "\"label\":12,")
        try text.write(toFile: badLabel, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: badLabel) }
        let bad = try CommandRun.digits(["train", "--init-from", shipped, "--drawn", badLabel, "-o", output])
        #expect(bad.status == 1 && bad.errorLines.count == 1 && bad.stderr.contains(badLabel) && bad.stderr.contains("label"),
                "\(bad.stderr)")

        let wide = temporaryPath("wide.safetensors")
        try ModelFile.save(try Network(sizes: [100, 8, 10], activation: .relu, seed: 1), to: wide)
        let good = temporaryPath("good.json")
        try Data(set.encoded()).write(to: URL(fileURLWithPath: good))
        defer { for path in [wide, good] { try? FileManager.default.removeItem(atPath: path) } }
        let unsuitable = try CommandRun.digits(["train", "--init-from", wide, "--drawn", good, "-o", output])
        #expect(unsuitable.status == 1 && unsuitable.stderr.contains("784 inputs"), "\(unsuitable.stderr)")

        #expect(!FileManager.default.fileExists(atPath: output), "a refused run wrote a model")
        let alone = try CommandRun.digits(["train", "--drawn", good])
        #expect(alone.status != 0 && alone.stderr.contains("--init-from"), "\(alone.stderr)")
    }
}
