import Foundation
import Testing
@testable import DigitsCore

/// Needs the real MNIST files: set DIGITS_DATA to their directory (CI does). Without it the
/// suite is skipped, as there is nothing to draw.
@Suite("Digit art of MNIST test images",
       .enabled(if: ProcessInfo.processInfo.environment["DIGITS_DATA"] != nil,
                "DIGITS_DATA not set: point it at the MNIST directory to draw real test images"))
struct MNISTDigitArtTests {
    static func testSet() throws -> Dataset {
        try MNIST.loadTest(directory: ProcessInfo.processInfo.environment["DIGITS_DATA"] ?? "")
    }

    /// Columns of `line` that hold ink.
    static func ink(_ line: String) -> [Int] {
        line.enumerated().filter { $0.element != " " }.map(\.offset)
    }

    @Test func testImageZeroIsDrawnAsASeven() throws {
        let test = try Self.testSet()
        #expect(test.labels[0] == 7)
        let lines = DigitArt().lines(ofImage: 0, in: test)
        #expect(lines.count == 28)
        #expect(lines.allSatisfy { $0.count == 56 })
        // The top quarter and the last row are blank paper.
        #expect(lines[0..<7].allSatisfy { Self.ink($0).isEmpty })
        #expect(Self.ink(lines[27]).isEmpty)

        // The bar: one of rows 7...9 carries a wide run of ink, at least half the width.
        let bar = try #require((7...9).max { Self.ink(lines[$0]).count < Self.ink(lines[$1]).count })
        let barInk = Self.ink(lines[bar])
        #expect(barInk.count >= 28)
        #expect(lines[bar].filter { $0 == "@" }.count >= 10)

        // The stem: every row from 11 to 26 has a narrow run of ink, and it slants down to the
        // left, from the right end of the bar to the left half of the image.
        for row in 11...26 {
            let ink = Self.ink(lines[row])
            #expect(!ink.isEmpty && ink.count <= 16, "row \(row): \(lines[row])")
        }
        let stemTop = try #require(Self.ink(lines[12]).first)
        let stemMiddle = try #require(Self.ink(lines[18]).first)
        let stemBottom = try #require(Self.ink(lines[24]).first)
        #expect(stemTop > stemMiddle && stemMiddle > stemBottom)
        #expect(stemTop > 28, "the stem starts in the right half")
        #expect(stemBottom < 28, "the stem ends in the left half")
        #expect(abs((Self.ink(lines[11]).last ?? 0) - (barInk.last ?? 0)) <= 6, "the stem hangs from the bar's end")
    }

    @Test func thumbnailsKeepTheShape() throws {
        let lines = DigitArt(scale: .half).lines(ofImage: 0, in: try Self.testSet())
        #expect(lines.count == 14)
        #expect(lines.allSatisfy { $0.count == 28 })
        let bar = Self.ink(lines[4]).count
        let foot = Self.ink(lines[12]).count
        #expect(bar > 2 * foot)
    }
}
