import DigitsCore
import Foundation
import Testing

/// `digits predict` and `digits explain` on the image files people have: PNG and JPEG photos
/// of MNIST test digits (dark ink on white), and broken files.
@Suite("digits predict on PNG and JPEG", .enabled(if: mnistDirectory != nil, "DIGITS_DATA not set"))
struct ImageCommandTests {
    /// Test image `index` enlarged four times, dark on a white sheet, as 8-bit grey bytes.
    static func sheet(_ index: Int) throws -> (width: Int, height: Int, grey: [UInt8], label: Int) {
        let test = try MNIST.loadTest(directory: mnistDirectory ?? "")
        let digit = Array(test.image(index))
        let width = 150, height = 130
        var grey = [UInt8](repeating: 255, count: width * height)
        for y in 0..<112 { for x in 0..<112 { grey[(y + 9) * width + x + 19] = 255 - digit[(y / 4) * 28 + x / 4] } }
        return (width, height, grey, Int(test.labels[index]))
    }

    static func write(_ bytes: [UInt8]?, _ name: String) throws -> String {
        let path = temporaryPath(name)
        try Data(try #require(bytes, "could not encode \(name)")).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func prediction(_ run: CommandRun) -> Int? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] else { return nil }
        return object["prediction"] as? Int
    }

    @Test func pngAndJPEGPredictLikeThePGMOfTheSameImage() throws {
        for index in 0..<3 {
            let sheet = try Self.sheet(index)
            let rgb = sheet.grey.flatMap { [$0, $0, $0] }
            let files = [
                try Self.write(PGMImage.encode(width: sheet.width, height: sheet.height, pixels: sheet.grey), "\(index).pgm"),
                try Self.write(ImageEncoder.png(width: sheet.width, height: sheet.height, colour: .rgb,
                                                samples: rgb.map(UInt16.init)), "\(index).png"),
                try Self.write(ImageEncoder.jpeg(width: sheet.width, height: sheet.height, components: 3, pixels: rgb,
                                                 quality: 90, progressive: true), "\(index).jpg"),
            ]
            defer { for file in files { try? FileManager.default.removeItem(atPath: file) } }
            let predictions = try files.map { file -> Int? in
                let run = try CommandRun.digits(["predict", file, "--json"])
                #expect(run.status == 0, "\(file): \(run.stderr)")
                return Self.prediction(run)
            }
            #expect(predictions == [sheet.label, sheet.label, sheet.label], "image \(index): \(predictions)")
        }
    }

    @Test func showPrintsWhatTheNetworkSaw() throws {
        let sheet = try Self.sheet(0)
        let file = try Self.write(ImageEncoder.png(width: sheet.width, height: sheet.height, colour: .grey,
                                                   samples: sheet.grey.map(UInt16.init)), "show.png")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try CommandRun.digits(["predict", "--show", file])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "\(file): what the network saw (28x28)")
        let frame = lines.filter { $0.hasPrefix("|") && $0.hasSuffix("|") }
        #expect(frame.count == 28 && frame.allSatisfy { $0.count == 58 }, "\(run.stdout)")
        #expect(frame.joined().contains("@"), "ink is drawn")
        #expect(run.stdout.contains("\(file): \(sheet.label) ("), "the table follows:\n\(run.stdout)")
        // JSON stays one object per line on stdout; the picture goes to stderr.
        let json = try CommandRun.digits(["predict", "--show", "--json", file])
        #expect(Self.prediction(json) == sheet.label)
        #expect(json.stderr.contains("what the network saw"))
        let explain = try CommandRun.digits(["explain", "--show", file])
        #expect(explain.status == 0 && explain.stdout.contains("what the network saw"), "\(explain.stderr)")
    }

    @Test func brokenFilesGetOneLineAndExitOneWhileGoodOnesArePredicted() throws {
        let sheet = try Self.sheet(1)
        let png = try #require(ImageEncoder.png(width: sheet.width, height: sheet.height, colour: .grey,
                                                samples: sheet.grey.map(UInt16.init)))
        let good = try Self.write(png, "good.png")
        let truncated = try Self.write(Array(png.prefix(png.count / 2)), "truncated.png")
        let text = try Self.write(Array("not a picture\n".utf8), "text.png")
        let jpeg = try #require(ImageEncoder.jpeg(width: sheet.width, height: sheet.height, components: 1, pixels: sheet.grey))
        let cutJPEG = try Self.write(Array(jpeg.prefix(jpeg.count * 2 / 3)), "cut.jpg")
        let files = [good, truncated, text, cutJPEG]
        defer { for file in files { try? FileManager.default.removeItem(atPath: file) } }
        let run = try CommandRun.digits(["predict", "--json"] + files)
        #expect(run.status == 1)
        #expect(run.errorLines == [
            "digits: \(truncated): PNG data is damaged: the file is truncated",
            "digits: \(text): not an image this program reads (PNG, JPEG or PGM): it starts with \"not a pi\"",
            "digits: \(cutJPEG): JPEG data is damaged: Premature end of JPEG file",
        ], "\(run.stderr)")
        #expect(Self.prediction(run) == sheet.label, "the good file is still read: \(run.stdout)")
    }
}
