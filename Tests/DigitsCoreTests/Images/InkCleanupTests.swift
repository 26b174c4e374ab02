@testable import DigitsCore
import Foundation
import Testing

/// The cleaning of photos and scans: each step on small made-up images, and clean images
/// left as they were.
@Suite("Ink cleanup")
struct InkCleanupTests {
    /// A white 80x60 sheet with a dark upright bar (a "1") at columns 36..<44, rows 12..<48.
    static func sheet(_ paint: (inout [Float], Int, Int) -> Void = { _, _, _ in }) -> GreyImage {
        let width = 80, height = 60
        var values = [Float](repeating: 1, count: width * height)
        for y in 12..<48 { for x in 36..<44 { values[y * width + x] = 0.05 } }
        paint(&values, width, height)
        return GreyImage(width: width, height: height, brightness: values)
    }

    static let clean = sheet()

    @Test("a clean sheet: inverted, cropped to the bar, the bar full strength")
    func cleanSheet() throws {
        let ink = try #require(InkCleanup.ink(of: Self.clean))
        #expect(ink.width == 8 && ink.height == 36)
        #expect(ink.values.allSatisfy { $0 == 1 })
    }

    @Test("dust specks are dropped; the digit's read is unchanged")
    func specks() throws {
        let dusty = Self.sheet { values, width, _ in
            for (x, y) in [(5, 5), (70, 50), (20, 40), (60, 10)] { values[y * width + x] = 0 }
            values[30 * width + 10] = 0
            values[30 * width + 11] = 0
        }
        #expect(InkCleanup.ink(of: dusty) == InkCleanup.ink(of: Self.clean))
        #expect(dusty.mnistImage() == Self.clean.mnistImage())
    }

    @Test("the page's edge (a dark band along a side) is dropped")
    func pageBorder() throws {
        let framed = Self.sheet { values, width, height in
            for y in 0..<height { for x in 0..<4 { values[y * width + x] = 0.1 } }       // the table at the left
            for x in 0..<width { values[(height - 1) * width + x] = 0.2 }                // a shadow along the bottom
        }
        #expect(InkCleanup.ink(of: framed) == InkCleanup.ink(of: Self.clean))
    }

    @Test("a digit cut by a tight crop, touching the edges, is kept")
    func tightCrop() throws {
        var values = [Float](repeating: 1, count: 20 * 30)
        for y in 0..<30 { for x in 8..<12 { values[y * 20 + x] = 0 } }
        let ink = try #require(InkCleanup.ink(of: GreyImage(width: 20, height: 30, brightness: values)))
        #expect(ink.width == 4 && ink.height == 30)
    }

    @Test("uneven lighting: a bar on paper darkening to one side reads like the bar on even paper")
    func unevenLighting() throws {
        let shaded = Self.sheet { values, width, height in
            for y in 0..<height {
                for x in 0..<width { values[y * width + x] *= 1 - 0.5 * Float(x + y) / Float(width + height) }
            }
        }
        // Without the background estimate, the dark corner would be ink and the border's
        // spread would raise the floor; with it the bar is found alone.
        let ink = try #require(InkCleanup.ink(of: shaded))
        #expect(ink.width == 8 && ink.height == 36, "\(ink.width)x\(ink.height)")
        let expected = try #require(Self.clean.mnistImage()), actual = try #require(shaded.mnistImage())
        // The bar fades where the light does, so its centre of mass may move by a pixel: compare the totals.
        let mean = zip(actual, expected).map { abs($0 - $1) }.reduce(0, +) / 784
        #expect(mean < 0.03, "mean difference \(mean)")
        #expect(ink.values.allSatisfy { $0 > 0.75 }, "the bar is ink from end to end")
    }

    @Test("blank images and speck-only images have no ink")
    func blank() {
        #expect(InkCleanup.ink(of: GreyImage(width: 9, height: 9, brightness: [Float](repeating: 0.7, count: 81))) == nil)
        var dust = [Float](repeating: 1, count: 300 * 300)
        dust[150 * 300 + 150] = 0
        #expect(InkCleanup.ink(of: GreyImage(width: 300, height: 300, brightness: dust)) == nil)
    }

    @Test("MNIST test digits as PGM read exactly as before the cleaning existed (normalize(ink()))",
          .enabled(if: preprocessingDataDirectory != nil, "DIGITS_DATA not set: no MNIST files to test against"))
    func mnistUnchanged() throws {
        let test = try MNIST.loadTest(directory: preprocessingDataDirectory ?? "")
        var changed: [Int] = []
        for index in 0..<1000 {
            let image = try PGMImage(parsing: PGMImage.encode(width: 28, height: 28, pixels: Array(test.image(index))))
            let before = MNISTFormat.normalize(pixels: image.ink(), width: 28, height: 28)
            if image.mnistImage() != before { changed.append(index) }
        }
        #expect(changed.isEmpty, "changed: \(changed)")
    }
}
