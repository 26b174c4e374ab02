@testable import DigitsCore
import Foundation
import Testing

/// MNIST test digits written as the files people have, PNG and JPEG, grey and colour, clean
/// and as a photo would be (dark on light, uneven light, noise and dust, the page's edge),
/// read back: the same digit as the PGM of the clean image.
@Suite("Image round trips",
       .enabled(if: preprocessingDataDirectory != nil, "DIGITS_DATA not set: no MNIST files to test against"),
       .enabled(if: preprocessingModelPath != nil, "no model: set DIGITS_MODEL or ship Assets/default-model.safetensors"))
struct ImageRoundTripTests {
    static let count = 30

    func setUp() throws -> (test: Dataset, network: Network) {
        (try MNIST.loadTest(directory: preprocessingDataDirectory ?? ""),
         try ModelFile.load(path: preprocessingModelPath ?? "").network)
    }

    static func predicted(_ probabilities: [Float]) -> Int {
        probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? -1
    }

    func read(_ bytes: [UInt8]?, _ what: String) throws -> [Float] {
        let image = try ImageFile.decode(try #require(bytes, "\(what): the encoder failed"), path: what)
        return try #require(image.mnistImage(), "\(what): no ink")
    }

    @Test("clean sheets: PNG reads exactly as the PGM, JPEG within a few percent, same prediction")
    func clean() throws {
        let (test, network) = try setUp()
        var worstJPEG: Float = 0
        for index in 0..<Self.count {
            for variant: PhotoSheet.Variant in [[], .darkOnLight] {
                let sheet = PhotoSheet(mnist: Array(test.image(index)), scale: 4, variant: variant)
                let reference = network.probabilities(for: try read(sheet.pgm(), "pgm"))
                for colour in [false, true] {
                    let png = network.probabilities(for: try read(sheet.png(colour: colour), "png"))
                    #expect(png == reference, "image \(index) \(variant), PNG colour \(colour)")
                    for progressive in [false, true] {
                        let jpeg = network.probabilities(for: try read(sheet.jpeg(colour: colour, progressive: progressive), "jpeg"))
                        #expect(Self.predicted(jpeg) == Self.predicted(reference),
                                "image \(index) \(variant), JPEG colour \(colour) progressive \(progressive)")
                        worstJPEG = max(worstJPEG, zip(jpeg, reference).map { abs($0 - $1) }.max() ?? 0)
                    }
                }
            }
        }
        print("clean round trips: worst JPEG probability difference \(worstJPEG)")
        #expect(worstJPEG < 0.1)
    }

    @Test("photo-like sheets read as the clean PGM of the same digit",
          arguments: [PhotoSheet.Variant.darkOnLight.union(.uneven), [.darkOnLight, .specks], [.darkOnLight, .border],
                      [.darkOnLight, .colour, .uneven, .specks, .border]])
    func photos(variant: PhotoSheet.Variant) throws {
        let (test, network) = try setUp()
        var agreePNG = 0, agreeJPEG = 0
        for index in 0..<Self.count {
            let clean = PhotoSheet(mnist: Array(test.image(index)), scale: 8, variant: [])
            let reference = Self.predicted(network.probabilities(for: try read(clean.pgm(), "clean")))
            let photo = PhotoSheet(mnist: Array(test.image(index)), scale: 8, variant: variant, seed: UInt64(index + 1))
            let colour = variant.contains(.colour)
            if Self.predicted(network.probabilities(for: try read(photo.png(colour: colour), "png"))) == reference { agreePNG += 1 }
            let jpeg = photo.jpeg(colour: colour, progressive: index % 2 == 1, quality: 85)
            if Self.predicted(network.probabilities(for: try read(jpeg, "jpeg"))) == reference { agreeJPEG += 1 }
        }
        print("\(variant): PNG \(agreePNG)/\(Self.count), JPEG \(agreeJPEG)/\(Self.count) read as the clean PGM")
        #expect(agreePNG >= Self.count - 1, "\(variant): PNG \(agreePNG)/\(Self.count)")
        #expect(agreeJPEG >= Self.count - 1, "\(variant): JPEG \(agreeJPEG)/\(Self.count)")
    }

    @Test("16-bit, palette and alpha PNGs of a digit read as its 8-bit grey PNG")
    func pngKinds() throws {
        let (test, network) = try setUp()
        for index in 0..<10 {
            let sheet = PhotoSheet(mnist: Array(test.image(index)), scale: 3, variant: .darkOnLight)
            let grey = sheet.greyBytes
            let reference = Self.predicted(network.probabilities(for: try read(sheet.png(colour: false), "grey")))
            let w = sheet.width, h = sheet.height
            let sixteen = ImageEncoder.png(width: w, height: h, colour: .grey, bitDepth: 16, samples: grey.map { UInt16($0) * 257 })
            let sixteenRGB = ImageEncoder.png(width: w, height: h, colour: .rgb, bitDepth: 16,
                                              samples: grey.flatMap { [UInt16($0) * 257, UInt16($0) * 257, UInt16($0) * 257] })
            // A 4-bit palette of 16 greys.
            let palette: [UInt8] = (0..<16).flatMap { (level: Int) -> [UInt8] in [UInt8(level * 17), UInt8(level * 17), UInt8(level * 17)] }
            let indexed = ImageEncoder.png(width: w, height: h, colour: .palette, bitDepth: 4,
                                           samples: grey.map { UInt16((Int($0) + 8) / 17) }, palette: palette)
            // Black ink whose opacity is the ink, on a transparent sheet: composited on white.
            let alpha = ImageEncoder.png(width: w, height: h, colour: .greyAlpha, samples: grey.flatMap { [0, UInt16(255 - $0)] })
            let rgba = ImageEncoder.png(width: w, height: h, colour: .rgba, bitDepth: 16,
                                        samples: grey.flatMap { [0, 0, 0, UInt16(255 - $0) * 257] }, interlaced: true)
            for (name, bytes) in [("16-bit", sixteen), ("16-bit RGB", sixteenRGB), ("palette", indexed),
                                  ("grey+alpha", alpha), ("RGBA 16-bit interlaced", rgba)] {
                #expect(Self.predicted(network.probabilities(for: try read(bytes, name))) == reference, "image \(index): \(name)")
            }
        }
    }
}
