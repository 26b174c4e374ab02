import Testing
@testable import DigitsCore

@Suite("Digit art")
struct DigitArtTests {
    /// A 3x4 image whose grey values sit on and near the ramp's bin edges (25 blank, 26 '.',
    /// 229 and 230 '%', 255 '@').
    static let pixels: [UInt8] = [
        0, 255, 255, 0,
        0, 128, 26, 25,
        230, 229, 0, 255,
    ]

    @Test func fullScaleDrawsTwoCharactersPerPixel() {
        #expect(DigitArt().lines(of: Self.pixels, rows: 3, columns: 4) == [
            "  @@@@  ",
            "  ++..  ",
            "%%%%  @@",
        ])
    }

    @Test func halfScaleAveragesPairsOfRows() {
        // Column 1 of rows 0-1: (255 + 128) / 2 = 192 -> '#'; row 2 is a partial block on its own.
        #expect(DigitArt(scale: .half).lines(of: Self.pixels, rows: 3, columns: 4) == [
            " #+ ",
            "%% @",
        ])
    }

    @Test func quarterScaleAveragesBlocks() {
        // Left block: (0+255+0+128+230+229) / 6 = 140 -> '+'; right: 561 / 6 = 94 -> '-'.
        #expect(DigitArt(scale: .quarter).lines(of: Self.pixels, rows: 3, columns: 4) == ["+-"])
        #expect(DigitArt(scale: .quarter).shades(of: Self.pixels, rows: 3, columns: 4) == [[140, 94]])
    }

    @Test func shadesAreTheGreyBehindEachCharacter() {
        #expect(DigitArt().shades(of: Self.pixels, rows: 3, columns: 4)[0] == [0, 0, 255, 255, 255, 255, 0, 0])
    }

    @Test func rampBins() {
        let art = DigitArt()
        #expect(art.ramp == Array(" .:-=+*#%@"))
        #expect((0...25).allSatisfy { art.character(for: UInt8($0)) == " " })
        #expect(art.character(for: 26) == ".")
        #expect(art.character(for: 230) == "%")
        #expect((231...255).allSatisfy { art.character(for: UInt8($0)) == "@" })
        // Levels never go down as the grey goes up.
        let levels = (0...255).map { art.level(of: UInt8($0)) }
        #expect(zip(levels, levels.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func customRamp() {
        let art = DigitArt(ramp: " #")
        #expect(art.lines(of: [0, 127, 128, 255], rows: 1, columns: 4) == ["    ####"])
        #expect(DigitArt(ramp: "").ramp == Array(DigitArt.standardRamp))
    }

    @Test func sizes() {
        #expect(ArtScale.full.size(rows: 28, columns: 28) == (56, 28))
        #expect(ArtScale.half.size(rows: 28, columns: 28) == (28, 14))
        #expect(ArtScale.quarter.size(rows: 28, columns: 28) == (14, 7))
        #expect(ArtScale.quarter.size(rows: 3, columns: 5) == (3, 1))
    }

    @Test func shortBuffersDrawAsBackground() {
        #expect(DigitArt().lines(of: [255], rows: 1, columns: 2) == ["@@  "])
    }

    @Test func datasetImage() {
        let dataset = Dataset(images: [0, 0, 0, 0, 255, 255, 255, 255], labels: [0, 1], rows: 2, columns: 2)
        #expect(DigitArt().lines(ofImage: 1, in: dataset) == ["@@@@", "@@@@"])
    }
}

@Suite("Art layout")
struct ArtLayoutTests {
    static let a = ArtPanel(art: ["ab", "cd"], caption: ["x"])
    static let b = ArtPanel(art: ["efg"], caption: ["long caption"])

    @Test func sideBySidePadsEachPanelAndTrimsLines() {
        #expect(ArtLayout.sideBySide([Self.a, Self.b]) == [
            "ab  efg",
            "cd  long caption",
            "x",
        ])
        #expect(ArtLayout.sideBySide([Self.b, Self.a], gap: 1) == [
            "efg          ab",
            "long caption cd",
            "             x",
        ])
        #expect(ArtLayout.sideBySide([]).isEmpty)
    }

    @Test func panelsPerRow() {
        #expect(ArtLayout.panelsPerRow(panelWidth: 56, width: 80) == 1)
        #expect(ArtLayout.panelsPerRow(panelWidth: 56, width: 114) == 2)
        #expect(ArtLayout.panelsPerRow(panelWidth: 56, width: 113) == 1)
        #expect(ArtLayout.panelsPerRow(panelWidth: 100, width: 80) == 1)
    }

    @Test func gridWrapsRowsToTheWidth() {
        let c = ArtPanel(art: ["hi"], caption: [])
        // Panels are 12 wide: two fit in 26 columns, the third starts a new row.
        #expect(ArtLayout.grid([Self.a, Self.b, c], width: 26) == [
            "ab            efg",
            "cd            long caption",
            "x",
            "",
            "hi",
        ])
        #expect(ArtLayout.grid([Self.a, c], width: 4, rowGap: 0) == ["ab", "cd", "x", "hi"])
        #expect(ArtLayout.grid([Self.a, c], width: 10) == ["ab  hi", "cd", "x"])
    }

    @Test func panelSize() {
        #expect(Self.b.width == 12)
        #expect(Self.b.height == 2)
        #expect(Self.a.lines == ["ab", "cd", "x"])
    }
}
