import Foundation
import Testing
@testable import DigitsCore

/// The image path (`MNISTFormat.digitImages`, what `digits predict` uses) on MNIST test digits:
/// each alone is one digit, read as before; two and three side by side in one PGM are read as
/// the number. Needs the MNIST files (DIGITS_DATA) and, for reading, the default model.
@Suite("Numbers from images: MNIST test digits side by side",
       .enabled(if: preprocessingDataDirectory != nil, "DIGITS_DATA not set: no MNIST test digits to put side by side"))
struct MNISTNumberTests {
    static func testSet() throws -> Dataset {
        try MNIST.loadTest(directory: preprocessingDataDirectory ?? "")
    }

    /// The ink columns of a 28x28 MNIST image.
    static func inkColumns(_ image: ArraySlice<UInt8>) -> ClosedRange<Int> {
        let pixels = Array(image)
        let columns = (0..<28).filter { x in (0..<28).contains { pixels[$0 * 28 + x] > 0 } }
        return (columns.first ?? 0)...(columns.last ?? 27)
    }

    /// The images side by side on one dark image, their ink `gap` pixels apart, `gap` pixels
    /// of margin left and right; bytes, row-major, 28 high.
    static func sideBySide(_ images: [ArraySlice<UInt8>], gap: Int) -> (pixels: [UInt8], width: Int) {
        let crops = images.map { (Array($0), inkColumns($0)) }
        let width = crops.reduce(gap) { $0 + $1.1.count + gap }
        var pixels = [UInt8](repeating: 0, count: width * 28)
        var left = gap
        for (image, columns) in crops {
            for y in 0..<28 {
                for x in columns { pixels[y * width + left + x - columns.lowerBound] = image[y * 28 + x] }
            }
            left += columns.count + gap
        }
        return (pixels, width)
    }

    @Test("every MNIST test digit alone is one digit, and the image it always was")
    func eachDigitIsOneGroup() throws {
        let test = try Self.testSet()
        var split: [Int] = []
        for index in 0..<test.count {
            let pixels = test.image(index).map { Float($0) / 255 }
            let digits = MNISTFormat.digitImages(pixels: pixels, width: 28, height: 28)
            guard digits.count == 1 else { split.append(index); continue }
            #expect(digits[0].image == MNISTFormat.normalize(pixels: pixels, width: 28, height: 28), "test image \(index)")
        }
        print("MNIST test digits alone: \(test.count - split.count) of \(test.count) are one group; split: \(split.prefix(30))")
        // Measured: a few MNIST digits are drawn in parts with a real gap between them (a 4 or a
        // 5 in two pieces); at most 0.1% may be.
        #expect(split.count <= test.count / 1000, "split: \(split)")
    }

    @Test("two and three digits side by side in a PGM are read as the number",
          .enabled(if: preprocessingModelPath != nil, "no default model to read with"))
    func pairsAndTriplesReadAsTheNumber() throws {
        let test = try Self.testSet()
        let network = try ModelFile.load(path: try #require(preprocessingModelPath)).network
        func readAlone(_ index: Int) -> Int? {
            let pixels = test.image(index).map { Float($0) / 255 }
            return DigitReading.read(MNISTFormat.digitImages(pixels: pixels, width: 28, height: 28), with: network)
                .first?.prediction
        }
        // The first test digits the model reads right alone and that are one group.
        let chosen = (0..<400).filter { readAlone($0) == Int(test.labels[$0]) }.prefix(120)
        var tried = 0, right = 0, wrong: [String] = []
        for size in [2, 3] {
            for start in stride(from: 0, to: chosen.count - size, by: size) {
                let indices = Array(chosen[chosen.index(chosen.startIndex, offsetBy: start)...].prefix(size))
                let (bytes, width) = Self.sideBySide(indices.map { test.image($0) }, gap: 4)
                // Through a PGM file's bytes, dark ink on light paper as a scan would be.
                let file = PGMImage.encode(width: width, height: 28, pixels: bytes.map { 255 - $0 })
                let image = try PGMImage(parsing: file)
                let digits = MNISTFormat.digitImages(pixels: image.ink(), width: image.width, height: image.height)
                let readings = DigitReading.read(digits, with: network)
                let expected = indices.map { String(test.labels[$0]) }.joined()
                tried += 1
                if DigitReading.text(readings) == expected { right += 1 } else {
                    wrong.append("\(indices) read \(DigitReading.text(readings)), not \(expected)")
                }
                // The boxes are where the digits were put, left to right.
                let boxes = digits.map(\.pixelBox)
                #expect(boxes.map(\.x) == boxes.map(\.x).sorted())
                #expect(boxes.allSatisfy { $0.y >= 0 && $0.y + $0.height <= 28 && $0.x + $0.width <= width })
            }
        }
        print("MNIST numbers: \(right) of \(tried) pairs and triples read as the number")
        #expect(wrong.isEmpty, "\(wrong.joined(separator: "; "))")
    }

    @Test("touching digits do not trap and are one group")
    func touching() throws {
        let test = try Self.testSet()
        // Overlap the second digit onto the first by three columns (a gap of -3).
        let first = Array(test.image(0)), second = Array(test.image(1))
        var pixels = [Float](repeating: 0, count: 28 * 53)
        for y in 0..<28 {
            for x in 0..<28 {
                pixels[y * 53 + x] = max(pixels[y * 53 + x], Float(first[y * 28 + x]) / 255)
                pixels[y * 53 + x + 25 - 8] = max(pixels[y * 53 + x + 25 - 8], Float(second[y * 28 + x]) / 255)
            }
        }
        let digits = MNISTFormat.digitImages(pixels: pixels, width: 53, height: 28)
        #expect(digits.count == 1)
        #expect(digits.first?.image == MNISTFormat.normalize(pixels: pixels, width: 53, height: 28))
    }
}
