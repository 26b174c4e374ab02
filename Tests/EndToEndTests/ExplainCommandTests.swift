import DigitsCore
import Foundation
import Testing

/// `digits explain` on a real MNIST test image, written as a PGM as a user would have it.
@Suite("digits explain", .enabled(if: mnistDirectory != nil, "DIGITS_DATA not set"))
struct ExplainCommandTests {
    /// The first test images as PGM files, with their labels.
    static func testImages(_ count: Int) throws -> [(path: String, label: Int)] {
        let test = try MNIST.loadTest(directory: mnistDirectory ?? "")
        return try (0..<count).map { index in
            let path = temporaryPath("test-\(index).pgm")
            try (Data("P5\n28 28\n255\n".utf8) + Data(test.image(index))).write(to: URL(fileURLWithPath: path))
            return (path, Int(test.labels[index]))
        }
    }

    @Test func jsonHasTheFieldsAndPredictsProbabilities() throws {
        for (path, label) in try Self.testImages(3) {
            defer { try? FileManager.default.removeItem(atPath: path) }
            let run = try CommandRun.digits(["explain", path, "--json"])
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let predict = try CommandRun.digits(["predict", path, "--json"])
            let predicted = try #require(try JSONSerialization.jsonObject(with: Data(predict.stdout.utf8)) as? [String: Any])
            #expect(object["probabilities"] as? [Double] == predicted["probabilities"] as? [Double])
            #expect(object["prediction"] as? Int == label)
            let layers = try #require(object["layers"] as? [[String: Any]])
            #expect(!layers.isEmpty)
            for layer in layers {
                #expect((layer["activations"] as? [Double])?.count == layer["size"] as? Int)
            }
            #expect((object["evidence"] as? [Double])?.count == 784)
            let decomposition = try #require(object["decomposition"] as? [String: Any])
            #expect(decomposition["digit"] as? Int == label)
            let contributions = try #require(decomposition["contributions"] as? [Double])
            #expect(contributions.count == layers.last?["size"] as? Int)
            // Foundation's JSON parser on Linux rounds some numbers; Double(String) does not,
            // and exactness is about the digits printed.
            let exact = try #require(Self.numbers(after: "\"contributions\":[", in: run.stdout))
            #expect(exact.count == contributions.count)
            let bias = try #require(Self.numbers(after: "\"bias\":", in: run.stdout)?.first)
            let logit = try #require(Self.numbers(after: "\"logit\":", in: run.stdout)?.first)
            #expect(exact.reduce(0, +) + bias == logit, "exact, read back from the printed digits")
            #expect(exact.reversed().reduce(bias, +) == logit)
        }
    }

    /// The numbers printed after `marker`, up to the next `]` or `}` or `,"`, read exactly.
    static func numbers(after marker: String, in text: String) -> [Double]? {
        guard let start = text.range(of: marker)?.upperBound else { return nil }
        let rest = text[start...].prefix { $0 != "]" && $0 != "}" && $0 != "\"" }
        let values = rest.split(separator: ",").compactMap { Double($0) }
        return values.isEmpty ? nil : values
    }

    @Test func textShowsTheEvidenceAndAnotherDigitOnRequest() throws {
        let (path, label) = try #require(try Self.testImages(1).first)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try CommandRun.digits(["explain", path])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("\(path): \(label) ("))
        #expect(run.stdout.contains("Evidence for \(label)"))
        #expect(run.stdout.contains("#") && run.stdout.contains(EvidenceLevel.legend))
        #expect(run.stdout.contains("units for \(label):"))
        let other = (label + 1) % 10
        let why = try CommandRun.digits(["explain", path, "--digit", "\(other)"])
        #expect(why.stdout.contains("explaining \(other)") && why.stdout.contains("Evidence for \(other)"))
        let bad = try CommandRun.digits(["explain", path, "--digit", "12"])
        #expect(bad.status != 0 && bad.stderr.contains("--digit"))
        let missing = try CommandRun.digits(["explain", "/nonexistent.pgm"])
        #expect(missing.status == 1 && missing.errorLines.count == 1 && missing.stderr.contains("/nonexistent.pgm"))
    }
}
