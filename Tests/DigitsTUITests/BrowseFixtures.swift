import DigitsCore
@testable import DigitsTUI

/// A hand-made evaluation of six 28x28 images, for the Browse screen tests.
///
/// | image | true | predicted | confidence |
/// |-------|------|-----------|------------|
/// | 0     | 4    | 9         | 0.70       |
/// | 1     | 7    | 7         | 0.90       |
/// | 2     | 3    | 5         | 0.55       |
/// | 3     | 9    | 4         | 0.90       |
/// | 4     | 1    | 1         | 0.97       |
/// | 5     | 4    | 9         | 0.95       |
///
/// So the mistakes are 0, 2, 3, 5; by confidence 5, 3, 0, 2; cell (4, 9) holds 0 and 5.
enum BrowseFixture {
    static let labels: [UInt8] = [4, 7, 3, 9, 1, 4]

    /// Ten probabilities with the given ones set and the rest of 1 spread evenly.
    static func probabilities(_ given: [Int: Float]) -> [Float] {
        let rest = (1 - given.values.reduce(0, +)) / Float(10 - given.count)
        return (0..<10).map { given[$0] ?? rest }
    }

    static let rows: [[Float]] = [
        probabilities([9: 0.70, 4: 0.25]),
        probabilities([7: 0.90]),
        probabilities([5: 0.55, 3: 0.40]),
        probabilities([4: 0.90, 9: 0.08]),
        probabilities([1: 0.97]),
        probabilities([9: 0.95, 4: 0.04]),
    ]

    /// Image `n` is a bar two pixels wide at column 8 + 2n, rows 4...23, with a fainter pixel
    /// beside it; its art is easy to predict.
    static func image(_ n: Int) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: 28 * 28)
        for row in 4...23 {
            pixels[row * 28 + 8 + 2 * n] = 255
            pixels[row * 28 + 9 + 2 * n] = 255
            pixels[row * 28 + 10 + 2 * n] = 128
        }
        return pixels
    }

    static func data() throws -> BrowseData {
        let images = Dataset(images: (0..<6).flatMap(image), labels: labels, rows: 28, columns: 28)
        let report = try EvaluationReport(trueLabels: labels, probabilities: rows.flatMap { $0 }, classCount: 10)
        return BrowseData(images: images, report: report, modelName: "hand.safetensors")
    }

    static func screen(size: Size = Size(width: 80, height: 24)) throws -> BrowseScreen {
        BrowseScreen(data: try data(), size: size)
    }
}

extension BrowseScreen {
    /// Applies key events, as the App would route them while Browse is active.
    mutating func press(_ keys: Key...) {
        let context = ScreenContext(size: size, theme: Theme(.full))
        for key in keys { _ = update(.key(key), context: context) }
    }

    /// Types characters one key at a time.
    mutating func type(_ text: String) {
        for character in text { press(.character(character)) }
    }

    /// The test-image indices listed, in order.
    var listed: [Int] { items.map(\.index) }
}
