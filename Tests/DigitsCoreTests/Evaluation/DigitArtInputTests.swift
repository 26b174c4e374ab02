@testable import DigitsCore
import Testing

@Suite("Digit art of a network input")
struct DigitArtInputTests {
    @Test("a 28x28 input draws as MNIST bytes would: 0 blank, 1 the densest glyph, values clamped")
    func networkInput() {
        var input = [Float](repeating: 0, count: 784)
        input[0] = 1
        input[29] = 0.5
        input[783] = 7          // out of range: clamped to full ink
        input[782] = -1         // out of range: clamped to blank
        let lines = DigitArt().lines(ofInput: input)
        #expect(lines.count == 28 && lines.allSatisfy { $0.count == 56 })
        #expect(lines[0].hasPrefix("@@  "))
        #expect(lines[1].dropFirst(2).hasPrefix("++"), "0.5 is byte 128, level 5 of 10: \(lines[1])")
        #expect(lines[27].hasSuffix("  @@"))
        #expect(lines[27].dropLast(2).hasSuffix("  "))
        #expect(DigitArt().lines(ofInput: input) == DigitArt().lines(of: input.map { UInt8((min(max($0, 0), 1) * 255).rounded()) },
                                                                   rows: 28, columns: 28))
    }
}
