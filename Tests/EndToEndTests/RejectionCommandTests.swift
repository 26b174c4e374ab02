import DigitsCore
import Foundation
import Testing

/// "Not sure this is a digit" on the command line: `predict` and `explain` say it in text and
/// JSON (`not_a_digit`), from the model file's `reject_below`; `eval --rejection` reports the
/// rates.
@Suite("Command line: not a digit", .enabled(if: mnistDirectory != nil, "DIGITS_DATA not set"))
struct RejectionCommandTests {
    /// The default model re-saved with `reject_below` set to `threshold`.
    static func model(rejectBelow threshold: Float) throws -> String {
        let loaded = try ModelFile.load(path: ModelLocator.defaultModelPath())
        var metadata = loaded.typedMetadata
        metadata.rejectBelow = threshold
        let path = temporaryPath("reject.safetensors")
        try ModelFile.save(loaded.network, metadata: metadata, to: path)
        return path
    }

    /// MNIST test image 0 (a 7) as a PGM file.
    static func seven() throws -> String {
        let test = try MNIST.loadTest(directory: mnistDirectory ?? "")
        let path = temporaryPath("seven.pgm")
        try (Data("P5\n28 28\n255\n".utf8) + Data(test.image(0))).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("a clear 7 is a digit; above a threshold no answer reaches, predict and explain say it is not sure")
    func predictAndExplain() throws {
        let seven = try Self.seven()
        let strict = try Self.model(rejectBelow: 1)
        defer { for path in [seven, strict] { try? FileManager.default.removeItem(atPath: path) } }

        let sure = try CommandRun.digits(["predict", seven, "--json"])
        #expect(sure.status == 0, "\(sure.stderr)")
        #expect(try Self.object(sure.stdout)["not_a_digit"] as? Bool == false)
        #expect(!(try CommandRun.digits(["predict", seven]).stdout.contains(RejectionRule.message)))

        // reject_below 1: only a probability of exactly 1 would pass.
        let unsure = try CommandRun.digits(["predict", "--model", strict, seven, "--json"])
        let object = try Self.object(unsure.stdout)
        let probabilities = try #require(object["probabilities"] as? [Double])
        if probabilities.max() ?? 1 < 1 {
            #expect(object["not_a_digit"] as? Bool == true)
            let table = try CommandRun.digits(["predict", "--model", strict, seven])
            let lines = table.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count > 1 && lines[1].hasPrefix(RejectionRule.message), "\(table.stdout)")
            let explained = try CommandRun.digits(["explain", "--model", strict, seven, "--json"])
            #expect(try Self.object(explained.stdout)["not_a_digit"] as? Bool == true)
            let text = try CommandRun.digits(["explain", "--model", strict, seven])
            #expect(text.stdout.split(separator: "\n").dropFirst().first?.hasPrefix(RejectionRule.message) == true)
        }
        let explainedSure = try CommandRun.digits(["explain", seven, "--json"])
        #expect(try Self.object(explainedSure.stdout)["not_a_digit"] as? Bool == false)
    }

    @Test("eval --rejection --json counts the MNIST test set and the committed non-digits")
    func evalRejection() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/non-digits/non-digits.json").path
        let run = try CommandRun.digits(["eval", "--rejection", "--drawn", fixture, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try Self.object(run.stdout)
        let mnist = try #require(object["mnist_test"] as? [String: Any])
        #expect(mnist["count"] as? Int == 10_000)
        let rule = try #require(object["rule"] as? [String: Any])
        #expect(["model", "fallback"].contains(rule["source"] as? String ?? ""))
        let drawn = try #require((object["drawn"] as? [[String: Any]])?.first)
        let nonDigits = try #require(drawn["non_digits"] as? [String: Any])
        #expect(nonDigits["count"] as? Int == NonDigitSet.make().drawings.count)
        #expect((drawn["digits"] as? [String: Any])?["count"] as? Int == 0)
        let splits = try #require(drawn["non_digits_by_split"] as? [String: Any])
        #expect(Set(splits.keys) == ["development", "held-out"])

        let text = try CommandRun.digits(["eval", "--rejection", "--drawn", fixture])
        #expect(text.stdout.contains("MNIST test digits flagged:") && text.stdout.contains("non-digits flagged:"))
        let missing = try CommandRun.digits(["eval", "--rejection", "--drawn", "/nonexistent/set.json"])
        #expect(missing.status == 1 && missing.errorLines.count == 1, "\(missing.stderr)")
        #expect(missing.stderr.contains("/nonexistent/set.json"))
        // Several sets only with --rejection.
        let refused = try CommandRun.digits(["eval", "--drawn", fixture, "--drawn", fixture])
        #expect(refused.status != 0)
    }
}
