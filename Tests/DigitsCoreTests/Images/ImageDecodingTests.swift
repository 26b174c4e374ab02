@testable import DigitsCore
import Foundation
import Testing

/// Every kind of PNG and JPEG people have decodes to the grey levels it holds.
@Suite("Image decoding")
struct ImageDecodingTests {
    func decode(_ bytes: [UInt8]?) throws -> GreyImage {
        try ImageFile.decode(try #require(bytes, "the encoder failed"), path: "test")
    }

    /// A 7x5 ramp of grey bytes, 0 to 255.
    static let ramp: [UInt8] = (0..<35).map { UInt8($0 * 255 / 34) }

    @Test("8-bit grey PNG, plain and interlaced, gives its bytes / 255 exactly")
    func greyPNG() throws {
        for interlaced in [false, true] {
            let image = try decode(ImageEncoder.png(width: 7, height: 5, colour: .grey, samples: Self.ramp.map(UInt16.init),
                                                    interlaced: interlaced))
            #expect(image.width == 7 && image.height == 5)
            #expect(image.brightness == Self.ramp.map { Float($0) * (1 / 255) })
        }
    }

    @Test("low bit depths of grey and palette expand to 8 bits")
    func lowBitDepths() throws {
        for depth in [1, 2, 4] {
            let top = (1 << depth) - 1
            let samples = (0..<35).map { UInt16($0 % (top + 1)) }
            let grey = try decode(ImageEncoder.png(width: 7, height: 5, colour: .grey, bitDepth: depth, samples: samples))
            for (value, sample) in zip(grey.brightness, samples) {
                #expect(abs(value - Float(sample) / Float(top)) < 1e-6, "\(depth)-bit grey")
            }
            // A palette of greys, index i is grey i * 255 / top.
            let palette = (0...top).flatMap { index -> [UInt8] in
                let level = UInt8(index * 255 / top)
                return [level, level, level]
            }
            let indexed = try decode(ImageEncoder.png(width: 7, height: 5, colour: .palette, bitDepth: depth,
                                                      samples: samples, palette: palette))
            for (value, sample) in zip(indexed.brightness, samples) {
                #expect(abs(value - Float(Int(sample) * 255 / top) / 255) < 1.5 / 255, "\(depth)-bit palette")
            }
        }
    }

    @Test("16-bit grey and RGB are scaled to 8 bits, rounded")
    func sixteenBit() throws {
        let samples = Self.ramp.map { UInt16(min(Int($0) * 257 + 100, 65535)) }
        let grey = try decode(ImageEncoder.png(width: 7, height: 5, colour: .grey, bitDepth: 16, samples: samples))
        for (value, sample) in zip(grey.brightness, samples) { #expect(abs(value - Float(sample) / 65535) <= 0.5 / 255 + 1e-6) }
        let rgb = try decode(ImageEncoder.png(width: 7, height: 5, colour: .rgb, bitDepth: 16,
                                              samples: samples.flatMap { [$0, $0, $0] }))
        for (value, sample) in zip(rgb.brightness, samples) { #expect(abs(value - Float(sample) / 65535) <= 1.5 / 255) }
    }

    @Test("colour becomes grey by luminance: green is bright, blue dark")
    func colourToGrey() throws {
        let pixels: [UInt16] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 200, 200, 200]
        let image = try decode(ImageEncoder.png(width: 4, height: 1, colour: .rgb, samples: pixels))
        let expected: [Float] = [0.2126, 0.7152, 0.0722, 200 / 255]
        for (value, wanted) in zip(image.brightness, expected) { #expect(abs(value - wanted) < 2.5 / 255) }
    }

    @Test("alpha is composited on white: transparent is paper, half-transparent black is mid grey")
    func alpha() throws {
        // Black at alpha 0, 128, 255, then white opaque.
        let greyAlpha: [UInt16] = [0, 0, 0, 128, 0, 255, 255, 255]
        let image = try decode(ImageEncoder.png(width: 4, height: 1, colour: .greyAlpha, samples: greyAlpha))
        let expected: [Float] = [1, 127 / 255, 0, 1]
        for (value, wanted) in zip(image.brightness, expected) { #expect(abs(value - wanted) < 1.5 / 255) }
        let rgba = try decode(ImageEncoder.png(width: 4, height: 1, colour: .rgba,
                                               samples: [0, 0, 0, 0, 0, 0, 0, 128, 0, 0, 0, 255, 255, 255, 255, 255]))
        for (value, wanted) in zip(rgba.brightness, expected) { #expect(abs(value - wanted) < 1.5 / 255) }
        let rgba16 = try decode(ImageEncoder.png(width: 4, height: 1, colour: .rgba, bitDepth: 16,
                                                 samples: [0, 0, 0, 0, 0, 0, 0, 32896, 0, 0, 0, 65535, 65535, 65535, 65535, 65535]))
        for (value, wanted) in zip(rgba16.brightness, expected) { #expect(abs(value - wanted) < 1.5 / 255) }
    }

    @Test("tRNS: a transparent palette entry, and a transparent grey key colour, read as white paper")
    func transparencyChunk() throws {
        // Entry 0 black opaque, 1 black transparent, 2 black half.
        let palette = try decode(ImageEncoder.png(width: 3, height: 1, colour: .palette, samples: [0, 1, 2],
                                                  palette: [0, 0, 0, 0, 0, 0, 0, 0, 0], transparency: [255, 0, 128]))
        for (value, wanted) in zip(palette.brightness, [0, 1, 127 / 255] as [Float]) { #expect(abs(value - wanted) < 1.5 / 255) }
        let keyed = try decode(ImageEncoder.png(width: 3, height: 1, colour: .grey, samples: [0, 7, 100], transparency: [7]))
        for (value, wanted) in zip(keyed.brightness, [0, 1, 100 / 255] as [Float]) { #expect(abs(value - wanted) < 0.5 / 255) }
        let keyedRGB = try decode(ImageEncoder.png(width: 2, height: 1, colour: .rgb, samples: [10, 20, 30, 0, 0, 0],
                                                   transparency: [10, 20, 30]))
        for (value, wanted) in zip(keyedRGB.brightness, [1, 0] as [Float]) { #expect(abs(value - wanted) < 0.5 / 255) }
    }

    @Test("JPEG baseline and progressive, grey and colour, decode close to what was encoded")
    func jpeg() throws {
        let width = 64, height = 48
        let grey = (0..<(width * height)).map { UInt8(($0 % width) * 4) }
        for progressive in [false, true] {
            let fromGrey = try decode(ImageEncoder.jpeg(width: width, height: height, components: 1, pixels: grey,
                                                        quality: 95, progressive: progressive))
            #expect(fromGrey.width == width && fromGrey.height == height)
            let error = zip(fromGrey.brightness, grey).map { abs($0 - Float($1) / 255) }.reduce(0, +) / Float(grey.count)
            #expect(error < 0.01, "grey, progressive \(progressive): mean error \(error)")
            let fromColour = try decode(ImageEncoder.jpeg(width: width, height: height, components: 3,
                                                          pixels: grey.flatMap { [$0, $0, $0] }, quality: 95, progressive: progressive))
            let colourError = zip(fromColour.brightness, grey).map { abs($0 - Float($1) / 255) }.reduce(0, +) / Float(grey.count)
            #expect(colourError < 0.015, "colour, progressive \(progressive): mean error \(colourError)")
        }
    }

    @Test("the format is told by the first bytes, whatever the file is called")
    func detection() throws {
        let png = try #require(ImageEncoder.png(width: 2, height: 2, colour: .grey, samples: [0, 50, 100, 150]))
        let jpeg = try #require(ImageEncoder.jpeg(width: 8, height: 8, components: 1, pixels: [UInt8](repeating: 9, count: 64)))
        #expect(ImageFormat.detect(png) == .png)
        #expect(ImageFormat.detect(jpeg) == .jpeg)
        #expect(ImageFormat.detect(PGMImage.encode(width: 1, height: 1, pixels: [0])) == .pgm)
        #expect(ImageFormat.detect(Array("GIF89a".utf8)) == nil)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("digits-images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let misnamed = directory.appendingPathComponent("photo.jpg")
        try Data(png).write(to: misnamed)
        #expect(try ImageFile.read(contentsOf: misnamed.path).brightness == [0, 50, 100, 150].map { Float($0) * (1 / 255) })
        let pgmNamedPNG = directory.appendingPathComponent("scan.png")
        try Data(PGMImage.encode(width: 2, height: 1, pixels: [0, 255])).write(to: pgmNamedPNG)
        #expect(try ImageFile.read(contentsOf: pgmNamedPNG.path).brightness == [0, 1])
    }

    @Test("a photo larger than the working size is reduced by area averaging, keeping its shape and brightness")
    func reduction() throws {
        let width = 2100, height = 300
        // Left half black, right half white.
        let pixels = (0..<(width * height)).map { UInt16($0 % width < width / 2 ? 0 : 255) }
        let image = try decode(ImageEncoder.png(width: width, height: height, colour: .grey, samples: pixels))
        #expect(image.width == GreyImage.workingSide)
        #expect(image.height == Int(Double(height) * Double(GreyImage.workingSide) / Double(width)))
        let mean = image.brightness.reduce(0, +) / Float(image.brightness.count)
        #expect(abs(mean - 0.5) < 0.01)
        #expect(image.brightness.first == 0 && image.brightness.last == 1)
        // Every pixel fully covered: the right edge column is as white as the paper, not darker.
        #expect(image.brightness[image.width - 1] == 1)
    }
}
