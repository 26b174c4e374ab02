import DigitsCore
import Testing
@testable import DigitsTUI

/// Details of the Browse screen's rendering beyond its snapshots (BrowseSnapshotTests): the
/// thumbnail geometry, the art of a known image, the missing-data message.
@Suite("Browse screen: render")
struct BrowseRenderTests {
    /// The Browse screen as the App draws it, active, at `size`.
    func render(_ screen: BrowseScreen, size: Size = Size(width: 80, height: 24),
                capabilities: Capabilities = .full) -> Frame {
        App(screens: [PlaceholderScreen(title: "Draw"), screen], size: size, capabilities: capabilities,
            activeIndex: 1).render()
    }

    @Test func largeTerminalsGetHalfScaleThumbnails() throws {
        #expect(BrowseLayout(size: Size(width: 80, height: 24)).thumbnailScale == .quarter)
        #expect(BrowseLayout(size: Size(width: 160, height: 50)).thumbnailScale == .quarter)
        let layout = BrowseLayout(size: Size(width: 200, height: 60))
        #expect(layout.thumbnailScale == .half)
        #expect(layout.gridColumns == 6 && layout.gridRows == 3)
        var screen = try BrowseFixture.screen(size: Size(width: 200, height: 60))
        screen.type("v")
        let lines = render(screen, size: Size(width: 200, height: 60)).lines()
        // Each thumbnail is 28 columns by 14 lines, its caption right under it, 30 columns apart.
        let captions = try #require(lines.firstIndex { $0.contains("#0: 4 as 9") })
        #expect(captions == 2 + 14)
        #expect(lines[captions].range(of: "#2: 3 as 5")?.lowerBound
                == lines[captions].index(lines[captions].range(of: "#0: 4 as 9")!.lowerBound, offsetBy: 30))
    }

    @Test func artOfAKnownImageAtHalfScale() throws {
        // Image 0: full ink in columns 8 and 9 and half ink in column 10, rows 4...23. At half
        // scale a character is a pixel across and two rows down: "@@+" on lines 2...11.
        var frame = Frame(size: Size(width: 28, height: 14))
        let images = try BrowseFixture.data().images
        ArtCells.render(image: 0, of: images, scale: .half, into: &frame, x: 0, y: 0, clip: frame.bounds,
                        theme: Theme(.full))
        let expected = ["", ""] + Array(repeating: "        @@+", count: 10) + ["", ""]
        #expect(frame.lines() == expected)
        // With 256 colours the ink is shaded too; without, it is plain text.
        #expect(frame[8, 2].style.background == Theme(.full).grey(0.75))
        #expect(frame[0, 0].style == .plain)
        var plain = Frame(size: Size(width: 28, height: 14))
        ArtCells.render(image: 0, of: images, scale: .half, into: &plain, x: 0, y: 0, clip: plain.bounds,
                        theme: Theme(.eightColors))
        #expect(plain.lines() == expected)
        #expect(plain[8, 2].style == .plain)
    }

    @Test func artAtFullScaleIsDigitArtWithTwoColumnsPerPixel() throws {
        let images = try BrowseFixture.data().images
        var frame = Frame(size: Size(width: 56, height: 28))
        ArtCells.render(image: 3, of: images, scale: .full, into: &frame, x: 0, y: 0, clip: frame.bounds,
                        theme: Theme(.full))
        let art = DigitArt(scale: .full).lines(ofImage: 3, in: images)
        #expect(frame.lines(trimmingTrailingSpaces: false) == art)
        // Image 3's bar is at columns 14 and 15: characters 28...31, "++" after them.
        #expect(frame.lines()[4] == String(repeating: " ", count: 28) + "@@@@++")
    }

    @Test func missingTestSetSaysWhereItLookedAndHowToGetIt() throws {
        var screen = BrowseScreen(model: try sampleModel(),
                                  testData: DataLocation(directory: "/nonexistent/mnist", source: .option),
                                  size: Size(width: 80, height: 24))
        let context = ScreenContext(size: screen.size, theme: Theme(.full))
        _ = screen.activate(context: context)
        #expect(render(screen).text.contains("Evaluating the model"))
        // What the runtime answers for a directory without MNIST.
        let problem = BrowseProblem(
            title: "The MNIST test set could not be loaded.",
            details: [DataError(path: "/nonexistent/mnist",
                                problem: .dataNotFound(file: "t10k-images-idx3-ubyte",
                                                      hint: "looked in /nonexistent/mnist (given by --data)")).description],
            advice: BrowseProblem.dataAdvice)
        _ = screen.update(.evaluated(generation: 0, .failure(problem)), context: context)
        let text = render(screen).text
        #expect(text.contains("The MNIST test set could not be loaded."))
        #expect(text.contains("/nonexistent/mnist"))
        #expect(text.contains("digits download"))
        #expect(text.contains("--data DIR"))
    }

    /// Every size's layout is checked by LayoutSweepTests; this is about the state a resize keeps.
    @Test func resizeKeepsTheSelectionInView() throws {
        // A resize re-lays out: the list keeps its selection and shows it.
        var screen = try BrowseFixture.screen()
        screen.press(.end)
        _ = screen.update(.resize(Size(width: 120, height: 40)), context: ScreenContext(size: Size(width: 120, height: 40), theme: Theme(.full)))
        #expect(screen.layout.artScale(besideList: true) == .full)
        #expect(render(screen, size: Size(width: 120, height: 40)).text.contains("#5"))
    }
}
