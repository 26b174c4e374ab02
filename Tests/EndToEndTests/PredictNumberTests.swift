import DigitsCore
import Foundation
import Testing

/// `digits predict` on images of several digits: `reading`, the `digits` array with boxes, the
/// old fields kept, and the table.
@Suite("digits predict: numbers")
struct PredictNumberTests {
    /// A dark-on-light PGM, `width` x `height`, with the given rectangles inked (x, y, width, height).
    static func writeImage(width: Int, height: Int, ink rectangles: [(Int, Int, Int, Int)], name: String) throws -> String {
        var pixels = [UInt8](repeating: 255, count: width * height)
        for (x, y, w, h) in rectangles {
            for row in y..<(y + h) { for column in x..<(x + w) { pixels[row * width + column] = 0 } }
        }
        let path = temporaryPath(name)
        try Data(PGMImage.encode(width: width, height: height, pixels: pixels)).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func object(_ line: Substring) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func jsonGivesTheReadingAndEachDigitWithItsBox() throws {
        let model = try DigitsBinary.writeRandomModel()
        // Three bars, a 7-pixel gap between them, on light paper; and a single bar.
        let three = try Self.writeImage(width: 60, height: 40, ink: [(5, 6, 4, 28), (16, 4, 5, 30), (28, 8, 20, 3)],
                                        name: "three.pgm")
        let one = try Self.writeImage(width: 30, height: 40, ink: [(12, 5, 4, 30)], name: "one.pgm")
        defer { for path in [model, three, one] { try? FileManager.default.removeItem(atPath: path) } }
        let run = try CommandRun.digits(["predict", "--model", model, "--json", three, one])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        try #require(lines.count == 2, "\(run.stdout)")

        let number = try Self.object(lines[0])
        #expect(number["file"] as? String == three)
        let digits = try #require(number["digits"] as? [[String: Any]])
        try #require(digits.count == 3, "\(lines[0])")
        let boxes = digits.compactMap { $0["box"] as? [String: Int] }
        #expect(boxes == [["x": 5, "y": 6, "width": 4, "height": 28], ["x": 16, "y": 4, "width": 5, "height": 30],
                          ["x": 28, "y": 8, "width": 20, "height": 3]])
        let predictions = digits.compactMap { $0["prediction"] as? Int }
        #expect(number["reading"] as? String == predictions.map(String.init).joined())
        for digit in digits {
            let probabilities = try #require(digit["probabilities"] as? [Double])
            #expect(probabilities.count == 10)
            #expect(abs(probabilities.reduce(0, +) - 1) < 1e-4)
            #expect(probabilities.indices.max { probabilities[$0] < probabilities[$1] } == digit["prediction"] as? Int)
        }
        // The old fields stay: the whole image read as one digit.
        #expect((number["probabilities"] as? [Double])?.count == 10)
        #expect(number["prediction"] is Int)

        // A single digit: one entry, the same as the old fields.
        let single = try Self.object(lines[1])
        let only = try #require((single["digits"] as? [[String: Any]])?.first)
        #expect((single["digits"] as? [[String: Any]])?.count == 1)
        #expect(only["probabilities"] as? [Double] == single["probabilities"] as? [Double])
        #expect(only["prediction"] as? Int == single["prediction"] as? Int)
        #expect(single["reading"] as? String == (single["prediction"] as? Int).map(String.init))
        #expect(only["box"] as? [String: Int] == ["x": 12, "y": 5, "width": 4, "height": 30])
    }

    @Test func tableShowsTheReadingThenEachDigit() throws {
        let model = try DigitsBinary.writeRandomModel()
        let two = try Self.writeImage(width: 40, height: 30, ink: [(4, 3, 4, 24), (24, 3, 4, 24)], name: "two.pgm")
        defer { for path in [model, two] { try? FileManager.default.removeItem(atPath: path) } }
        let run = try CommandRun.digits(["predict", "--model", model, two])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("\(two): ") == true)
        #expect(lines.first?.contains("(2 digits: ") == true, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("digit 1 of 2: ") && $0.hasSuffix("at x 4, y 3, 4x24 pixels") }, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("digit 2 of 2: ") && $0.hasSuffix("at x 24, y 3, 4x24 pixels") }, "\(run.stdout)")
        #expect(lines.filter { $0 == "digit  percent" }.count == 2)
        #expect(lines.filter { $0.hasSuffix("  <") }.count == 2)
    }

    @Test(.enabled(if: mnistDirectory != nil, "DIGITS_DATA not set: no MNIST digits to write side by side"))
    func mnistDigitsSideBySideReadAsTheNumber() throws {
        let test = try MNIST.loadTest(directory: mnistDirectory ?? "")
        // Test images 0, 1, 2 (7, 2, 1) side by side on one 28-row image, 4 blank columns apart
        // (each image is cropped to its ink columns first).
        var columns: [[UInt8]] = []
        for index in 0..<3 {
            let image = Array(test.image(index))
            let inked = (0..<28).filter { x in (0..<28).contains { image[$0 * 28 + x] > 0 } }
            if !columns.isEmpty { columns += Array(repeating: [UInt8](repeating: 0, count: 28), count: 4) }
            columns += inked.map { x in (0..<28).map { image[$0 * 28 + x] } }
        }
        let margin = Array(repeating: [UInt8](repeating: 0, count: 28), count: 4)
        columns = margin + columns + margin
        let width = columns.count
        let pixels = (0..<28).flatMap { y in (0..<width).map { columns[$0][y] } }
        let path = temporaryPath("721.pgm")
        try Data(PGMImage.encode(width: width, height: 28, pixels: pixels)).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try CommandRun.digits(["predict", "--json", path])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try Self.object(run.stdout.split(separator: "\n").first ?? "")
        let expected = (0..<3).map { String(test.labels[$0]) }.joined()
        #expect(object["reading"] as? String == expected, "\(run.stdout)")
        #expect((object["digits"] as? [[String: Any]])?.count == 3)
    }
}
