import Foundation
import Testing
@testable import DigitsCore

@Suite("PGM images")
struct PGMImageTests {
    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// The error `body` throws, or nil (recorded as an issue) if it does not throw.
    func error(_ body: () throws(PGMError) -> PGMImage) -> PGMError? {
        do throws(PGMError) {
            _ = try body()
            Issue.record("expected a PGMError")
            return nil
        } catch {
            #expect(!error.description.contains("\n"))
            return error
        }
    }

    func parseError(_ data: [UInt8], path: String = "test.pgm") -> PGMError? {
        error { () throws(PGMError) in try PGMImage(parsing: data, path: path) }
    }

    /// A scratch directory for files, removed by the caller.
    func scratchDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "digits-pgm-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("binary 8-bit PGM with comments in the header")
    func binary8Bit() throws {
        let data = bytes("P5\n# made by hand\n3 2 # width and height\n#another\n255\n") + [0, 10, 20, 200, 254, 255]
        let image = try PGMImage(parsing: data)
        #expect(image.width == 3 && image.height == 2 && image.maximumValue == 255)
        #expect(image.samples == [0, 10, 20, 200, 254, 255])
        #expect(image.brightness[5] == 1 && image.brightness[0] == 0)
    }

    @Test("binary 16-bit PGM is big-endian")
    func binary16Bit() throws {
        let data = bytes("P5 2 2 65535\n") + [0x00, 0x00, 0x01, 0x02, 0xFF, 0xFF, 0x80, 0x00]
        let image = try PGMImage(parsing: data)
        #expect(image.samples == [0, 0x0102, 0xFFFF, 0x8000])
        #expect(abs(image.brightness[3] - 0x8000 / 65535) < 1e-6)
    }

    @Test("a binary raster may start with bytes that look like whitespace or a comment")
    func binaryRasterIsRaw() throws {
        let data = bytes("P5 4 1 255\n") + [0x0A, 0x23, 0x20, 0x09]
        #expect(try PGMImage(parsing: data).samples == [0x0A, 0x23, 0x20, 0x09])
    }

    @Test("plain PGM with free-form whitespace and comments; a small maximum value")
    func plain() throws {
        let image = try PGMImage(parsing: bytes("P2\n# plain\n2\t3\n15\n0 15\n\n 7   8 # row\n1\r\n2"))
        #expect(image.width == 2 && image.height == 3 && image.maximumValue == 15)
        #expect(image.samples == [0, 15, 7, 8, 1, 2])
        #expect(image.brightness[1] == 1)
    }

    @Test("encode then parse gives the same pixels; a file holding more than one image gives the first")
    func encodeRoundTrip() throws {
        let pixels: [UInt8] = (0..<35).map { UInt8($0 * 7) }
        let data = PGMImage.encode(width: 5, height: 7, pixels: pixels)
        let image = try PGMImage(parsing: data)
        #expect(image.samples == pixels.map(UInt16.init))
        #expect(try PGMImage(parsing: data + data).samples == image.samples)
    }

    @Test("files that are not PGM are refused by their first bytes")
    func notPGM() throws {
        for (data, found) in [(bytes("P6\n1 1\n255\n\0\0\0"), "\"P6\\x0a1 1\\x0a2\""),
                              (bytes("GIF89a"), "\"GIF89a\""),
                              ([], "the end of the file"),
                              (bytes("P"), "\"P\""),
                              (bytes("P55 1 1 255\n\0"), "\"P55 1 1 \"")] {
            let failure = parseError(data)
            #expect(failure?.problem == .notPGM(found: found))
            #expect(failure?.offset == 0)
        }
        #expect(parseError(bytes("P6 1 1 255\n..."))?.description
                == "test.pgm: byte 0: not a PGM image: it starts with \"P6 1 1 2\", expected \"P5\" (binary PGM) or \"P2\" (plain PGM)")
    }

    @Test("malformed header fields name the field, the offset and what stood there")
    func badHeaderFields() {
        let failure = parseError(bytes("P5\nabc 28\n255\n"))
        #expect(failure == PGMError(path: "test.pgm", offset: 3, problem: .badHeaderField(name: "width", found: "\"abc\"")))
        #expect(failure?.description == "test.pgm: byte 3: PGM header: expected the width as a decimal number, found \"abc\"")
        #expect(parseError(bytes("P5 28"))?.problem == .badHeaderField(name: "height", found: "the end of the file"))
        #expect(parseError(bytes("P5 28 -3 255\n"))?.problem == .badHeaderField(name: "height", found: "\"-3\""))
        #expect(parseError(bytes("P5 28 28 25x5\n"))?.problem == .badHeaderField(name: "maximum value", found: "\"25x5\""))
        #expect(parseError(bytes("P5 2.5 28 255\n"))?.problem == .badHeaderField(name: "width", found: "\"2.5\""))
    }

    @Test("absurd sizes and maximum values are refused before anything is allocated")
    func absurdSizes() {
        #expect(parseError(bytes("P5 0 28 255\n"))?.problem
                == .headerFieldOutOfRange(name: "width", value: 0, allowed: 1...8192))
        #expect(parseError(bytes("P5 28 100000 255\n"))?.problem
                == .headerFieldOutOfRange(name: "height", value: 100000, allowed: 1...8192))
        #expect(parseError(bytes("P5 99999999999999999999999999 1 255\n"))?.offset == 3)
        #expect(parseError(bytes("P5 28 28 0\n"))?.problem
                == .headerFieldOutOfRange(name: "maximum value", value: 0, allowed: 1...65535))
        #expect(parseError(bytes("P2 28 28 65536\n"))?.problem
                == .headerFieldOutOfRange(name: "maximum value", value: 65536, allowed: 1...65535))
        #expect(parseError(bytes("P5 8193 1 255\n"))?.description
                == "test.pgm: byte 3: PGM width is 8193, expected 1...8192")
    }

    @Test("truncated pixel data says how much was promised and how much is there")
    func truncated() {
        let header = bytes("P5 28 28 255\n")
        let failure = parseError(header + [UInt8](repeating: 9, count: 700))
        #expect(failure == PGMError(path: "test.pgm", offset: header.count,
                                    problem: .truncated(expected: 784, found: 700, unit: "bytes")))
        #expect(failure?.description == "test.pgm: byte 13: PGM pixel data is truncated: the header promises 784 bytes, found 700")
        #expect(parseError(bytes("P5 28 28 255"))?.problem == .truncated(expected: 784, found: 0, unit: "bytes"))
        #expect(parseError(bytes("P5 2 2 1000\n") + [0, 1, 0, 2, 0, 3, 0])?.problem
                == .truncated(expected: 8, found: 7, unit: "bytes"))
        #expect(parseError(bytes("P2 2 2 9\n1 2 3"))?.problem == .truncated(expected: 4, found: 3, unit: "samples"))
        #expect(parseError(bytes("P5 1 1 255x"))?.problem == .badHeaderField(name: "maximum value", found: "\"255x\""))
    }

    @Test("pixels above the maximum value, and plain pixels that are not numbers, are refused")
    func badSamples() {
        #expect(parseError(bytes("P5 3 1 100\n") + [5, 200, 7])
                == PGMError(path: "test.pgm", offset: 12, problem: .sampleAboveMaximum(index: 1, value: 200, maximum: 100)))
        #expect(parseError(bytes("P5 1 2 300\n") + [0x01, 0x00, 0x01, 0x2D])?.problem
                == .sampleAboveMaximum(index: 1, value: 301, maximum: 300))
        #expect(parseError(bytes("P2 2 2 9\n1 2 x 4"))
                == PGMError(path: "test.pgm", offset: 13, problem: .badSample(index: 2, found: "\"x\"")))
        #expect(parseError(bytes("P2 2 1 9\n1 10"))?.problem == .sampleAboveMaximum(index: 1, value: 10, maximum: 9))
        #expect(parseError(bytes("P2 2 1 9\n1 -1"))?.problem == .badSample(index: 1, found: "\"-1\""))
    }

    @Test("every truncation and random corruption of a valid file either parses or throws; none traps")
    func mutations() {
        let pixels: [UInt8] = (0..<64).map { UInt8(($0 * 37) % 256) }
        let binary = PGMImage.encode(width: 8, height: 8, pixels: pixels)
        let plain = bytes("P2\n# x\n8 8\n255\n" + pixels.map(String.init).joined(separator: " ") + "\n")
        for valid in [binary, plain] {
            for length in 0..<valid.count {
                _ = try? PGMImage(parsing: Array(valid[0..<length]))
            }
            var generator = SeededGenerator(seed: 7)
            for _ in 0..<2000 {
                var mutated = valid
                for _ in 0...Int(generator.next() % 4) {
                    let index = Int(generator.next() % UInt64(mutated.count))
                    switch generator.next() % 3 {
                    case 0: mutated[index] = UInt8(truncatingIfNeeded: generator.next())
                    case 1: mutated.remove(at: index)
                    default: mutated.insert(UInt8(truncatingIfNeeded: generator.next()), at: index)
                    }
                }
                if let image = try? PGMImage(parsing: mutated) {
                    #expect(image.samples.count == image.width * image.height)
                    #expect(image.samples.allSatisfy { Int($0) <= image.maximumValue })
                }
            }
        }
    }

    @Test("file problems name the file: missing, a directory, too large")
    func fileProblems() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let missing = directory + "/nope.pgm"
        let missingError = error { () throws(PGMError) in try PGMImage(contentsOf: missing) }
        #expect(missingError == PGMError(path: missing, problem: .missingFile))
        #expect(missingError?.description == "\(missing): no such file")
        let directoryError = error { () throws(PGMError) in try PGMImage(contentsOf: directory) }
        #expect(directoryError?.problem == .unreadable("it is a directory"))

        let good = directory + "/good.pgm"
        try Data(PGMImage.encode(width: 2, height: 1, pixels: [3, 4])).write(to: URL(fileURLWithPath: good))
        #expect(try PGMImage(contentsOf: good).samples == [3, 4])

        // A sparse file just over the limit: refused by its size, without reading it.
        let huge = directory + "/huge.pgm"
        #expect(FileManager.default.createFile(atPath: huge, contents: Data("P5 1 1 255\n0".utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: huge))
        try handle.truncate(atOffset: UInt64(PGMImage.maximumFileSize + 1))
        try handle.close()
        let hugeError = error { () throws(PGMError) in try PGMImage(contentsOf: huge) }
        #expect(hugeError?.problem == .fileTooLarge(limit: PGMImage.maximumFileSize))
    }

    @Test("white ink on black passes through; black ink on white is inverted; both give the same MNIST image")
    func polarity() throws {
        var light = [UInt8](repeating: 0, count: 40 * 30)
        for y in 5..<25 { for x in 18..<23 { light[y * 40 + x] = 255 } }
        for x in 10..<30 { light[5 * 40 + x] = 128 }
        let lightImage = try PGMImage(parsing: PGMImage.encode(width: 40, height: 30, pixels: light))
        #expect(!lightImage.isDarkOnLight)
        #expect(lightImage.ink() == lightImage.brightness)

        let dark = try PGMImage(parsing: PGMImage.encode(width: 40, height: 30, pixels: light.map { 255 - $0 }))
        #expect(dark.isDarkOnLight)
        for (a, b) in zip(dark.ink(), lightImage.ink()) { #expect(abs(a - b) < 1e-6) }
        let expected = try #require(lightImage.mnistImage())
        let actual = try #require(dark.mnistImage())
        for (a, b) in zip(actual, expected) { #expect(abs(a - b) < 1e-5) }
    }

    @Test("grey, noisy paper becomes background and faint ink is stretched to full strength")
    func paperAndNoise() throws {
        var generator = SeededGenerator(seed: 3)
        var pixels = [UInt8](repeating: 0, count: 60 * 60)
        for index in pixels.indices { pixels[index] = UInt8(200 + generator.next() % 16) }   // paper: 200...215
        for y in 10..<50 { for x in 28..<33 { pixels[y * 60 + x] = 90 } }                  // pencil: 90
        let image = try PGMImage(parsing: PGMImage.encode(width: 60, height: 60, pixels: pixels))
        let ink = image.ink()
        for y in 0..<60 {
            for x in 0..<60 {
                let inStroke = (10..<50).contains(y) && (28..<33).contains(x)
                #expect(inStroke ? ink[y * 60 + x] == 1 : ink[y * 60 + x] == 0)
            }
        }
        let normalised = try #require(image.mnistImage())
        #expect(normalised.filter { $0 > 0.9999 }.count == 40)                             // 2.5 x 20, rounded by the box
        #expect(normalised.max() == 1)
    }

    @Test("a uniform image has no ink")
    func uniform() throws {
        for value: UInt8 in [0, 128, 255] {
            let image = try PGMImage(parsing: PGMImage.encode(width: 10, height: 10,
                                                             pixels: [UInt8](repeating: value, count: 100)))
            #expect(image.mnistImage() == nil)
        }
        #expect(try PGMImage(parsing: bytes("P2 1 1 1\n1")).mnistImage() == nil)
    }

    @Test("an MNIST digit saved as a large dark-on-light 16-bit PGM comes back as the original",
          .enabled(if: preprocessingDataDirectory != nil, "DIGITS_DATA not set: no MNIST files to test against"))
    func mnistDigitAsPGM() throws {
        let test = try MNIST.loadTest(directory: preprocessingDataDirectory ?? "")
        for index in 0..<50 {
            let original = Array(test.image(index))
            // 4x larger, on a 150x130 sheet, at an odd place, dark on light, 16 bits per sample.
            var samples = [UInt16](repeating: 65535, count: 150 * 130)
            for y in 0..<112 { for x in 0..<112 { samples[(y + 9) * 150 + x + 31] = 65535 - UInt16(original[(y / 4) * 28 + x / 4]) * 257 } }
            var data = bytes("P5\n150 130\n65535\n")
            for sample in samples { data += [UInt8(sample >> 8), UInt8(sample & 0xFF)] }
            let image = try PGMImage(parsing: data)
            let result = try #require(image.mnistImage())
            // ink() stretches the darkest ink to 1; a few MNIST digits peak at 254 rather than 255.
            let peak = Float(original.max() ?? 255)
            let expected = original.map { Float($0) / peak }
            let worst = zip(result, expected).map { abs($0 - $1) }.max() ?? 0
            // 9,996 of 10,000 MNIST images are fixed points of the normalisation; none of these 50 is an exception.
            #expect(worst < 1e-4, "image \(index): worst difference \(worst)")
        }
    }
}

/// A trained model to predict with: $DIGITS_MODEL or the shipped default; nil when neither exists.
let preprocessingModelPath: String? = try? ModelLocator.defaultModelPath()

@Suite("PGM predictions")
struct PGMPredictionTests {
    @Test("MNIST test digits saved as large dark-on-light PGM files are read as the model reads MNIST",
          .enabled(if: preprocessingDataDirectory != nil, "DIGITS_DATA not set: no MNIST files to test against"),
          .enabled(if: preprocessingModelPath != nil, "no model: set DIGITS_MODEL or ship Assets/default-model.safetensors"))
    func predictions() throws {
        let test = try MNIST.loadTest(directory: preprocessingDataDirectory ?? "")
        let model = try ModelFile.load(path: preprocessingModelPath ?? "")
        let count = 300
        var agree = 0, correct = 0
        for index in 0..<count {
            let original = Array(test.image(index))
            var sheet = [UInt8](repeating: 255, count: 120 * 100)
            for y in 0..<84 { for x in 0..<84 { sheet[(y + 7) * 120 + x + 29] = 255 - original[(y / 3) * 28 + x / 3] } }
            let image = try PGMImage(parsing: PGMImage.encode(width: 120, height: 100, pixels: sheet))
            let pixels = try #require(image.mnistImage())
            let fromFile = model.network.probabilities(for: pixels)
            let direct = model.network.probabilities(for: original.map { Float($0) / 255 })
            let predicted = fromFile.indices.max { fromFile[$0] < fromFile[$1] } ?? -1
            if predicted == (direct.indices.max { direct[$0] < direct[$1] } ?? -1) { agree += 1 }
            if predicted == Int(test.labels[index]) { correct += 1 }
        }
        print("PGM predictions with \(preprocessingModelPath ?? ""): \(agree)/\(count) agree with the raw MNIST input, \(correct)/\(count) correct")
        // Preprocessing reproduces MNIST images (up to the ink stretch), so predictions agree.
        #expect(agree >= count * 99 / 100)
        #expect(correct >= count * 9 / 10)
    }
}
