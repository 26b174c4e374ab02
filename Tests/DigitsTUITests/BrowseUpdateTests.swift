import DigitsCore
import Testing
@testable import DigitsTUI

/// The Browse screen's `update` against the hand-made evaluation of `BrowseFixture`.
@Suite("Browse screen: update")
struct BrowseUpdateTests {
    @Test func startsWithTheMistakesInIndexOrder() throws {
        let screen = try BrowseFixture.screen()
        #expect(screen.phase == .ready)
        #expect(screen.listed == [0, 2, 3, 5])
        #expect(screen.selected?.index == 0)
        #expect(screen.view == .list)
        // The matrix cursor starts on the biggest confusion: two 4s read as 9.
        #expect(screen.matrixCursor == MatrixCell(trueLabel: 4, predicted: 9))
    }

    @Test func movingStopsAtTheEnds() throws {
        var screen = try BrowseFixture.screen()
        screen.press(.down, .character("j"))
        #expect(screen.selected?.index == 3)
        screen.press(.down, .down, .down)
        #expect(screen.selected?.index == 5)
        screen.press(.character("k"))
        #expect(screen.selected?.index == 3)
        screen.press(.home)
        #expect(screen.selected?.index == 0)
        screen.press(.end)
        #expect(screen.selected?.index == 5)
        screen.press(.pageUp)
        #expect(screen.selected?.index == 0)
        screen.press(.pageDown)
        #expect(screen.selected?.index == 5)
    }

    @Test func sortByConfidenceKeepsTheSelectedImage() throws {
        var screen = try BrowseFixture.screen()
        screen.press(.down)
        screen.type("s")
        #expect(screen.order == .confidence)
        #expect(screen.listed == [5, 3, 0, 2])
        #expect(screen.selected?.index == 2)
        screen.type("s")
        #expect(screen.listed == [0, 2, 3, 5])
    }

    @Test func toggleBetweenMistakesAndAllImages() throws {
        var screen = try BrowseFixture.screen()
        screen.type("a")
        #expect(screen.includesCorrect)
        #expect(screen.listed == [0, 1, 2, 3, 4, 5])
        screen.type("a")
        #expect(screen.listed == [0, 2, 3, 5])
    }

    @Test func filterByTrueAndPredictedDigit() throws {
        var screen = try BrowseFixture.screen()
        screen.type("t")
        #expect(screen.capturesKeyboard, "the digit after t must reach the screen, not switch screens")
        screen.type("4")
        #expect(!screen.capturesKeyboard)
        #expect(screen.filter == ClassificationFilter(trueLabel: 4))
        #expect(screen.listed == [0, 5])
        screen.type("p4")
        #expect(screen.listed == [], "no 4 is predicted as 4 among the mistakes")
        screen.type("a")
        #expect(screen.listed == [], "the fixture has no correct 4")
        screen.type("px")
        #expect(screen.filter == ClassificationFilter(trueLabel: 4))
        screen.type("c")
        #expect(screen.filter == .all)
        screen.type("p9")
        #expect(screen.listed == [0, 5])
        // Esc leaves a prompt without changing anything.
        screen.type("t")
        screen.press(.escape)
        #expect(screen.prompt == nil)
        #expect(screen.filter == ClassificationFilter(predicted: 9))
    }

    @Test func choosingAConfusionCellListsItsImages() throws {
        var screen = try BrowseFixture.screen()
        screen.type("m")
        #expect(screen.view == .matrix)
        // From (4, 9) to (9, 4): down five rows, left five columns.
        screen.press(.down, .down, .down, .down, .down)
        screen.type("hhhhh")
        #expect(screen.matrixCursor == MatrixCell(trueLabel: 9, predicted: 4))
        screen.press(.enter)
        #expect(screen.view == .list)
        #expect(screen.filter == .cell(trueLabel: 9, predicted: 4))
        #expect(screen.listed == [3])
        // A diagonal cell holds correct answers: choosing it lists all images.
        screen.type("m")
        screen.press(.home)
        screen.press(.down)
        screen.type("l")
        #expect(screen.matrixCursor == MatrixCell(trueLabel: 1, predicted: 1))
        screen.press(.enter)
        #expect(screen.includesCorrect)
        #expect(screen.listed == [4])
        // The cursor stays inside the matrix.
        screen.type("m")
        screen.press(.end, .down, .right)
        #expect(screen.matrixCursor == MatrixCell(trueLabel: 9, predicted: 9))
        screen.press(.escape)
        #expect(screen.view == .list)
    }

    @Test func jumpToAnIndex() throws {
        var screen = try BrowseFixture.screen()
        screen.type("g")
        #expect(screen.capturesKeyboard)
        screen.type("3")
        screen.press(.enter)
        #expect(screen.selected?.index == 3)
        #expect(!screen.capturesKeyboard)
        // A correct image is not listed: the jump lists all images to show it.
        screen.type("t9g4")
        screen.press(.enter)
        #expect(screen.filter == .all)
        #expect(screen.includesCorrect)
        #expect(screen.selected?.index == 4)
        // Out of range: a note, nothing moves.
        screen.type("g77")
        screen.press(.enter)
        #expect(screen.selected?.index == 4)
        #expect(screen.note?.contains("No image #77") == true)
    }

    @Test func jumpFromTheMatrixShowsTheImageInTheList() throws {
        var screen = try BrowseFixture.screen()
        screen.type("m")
        #expect(screen.statusHints.contains(KeyHint("g", "go to")))
        screen.type("g2")
        screen.press(.enter)
        #expect(screen.view == .list)
        #expect(screen.selected?.index == 2)
    }

    @Test func gridImageAndBackNavigation() throws {
        var screen = try BrowseFixture.screen()
        screen.type("v")
        #expect(screen.view == .grid)
        screen.press(.right)
        #expect(screen.selected?.index == 2)
        screen.press(.enter)
        #expect(screen.view == .image)
        screen.type("l")
        #expect(screen.selected?.index == 3)
        screen.press(.escape)
        #expect(screen.view == .grid)
        screen.type("v")
        #expect(screen.view == .list)
    }

    @Test func clicksSelectAndOpen() throws {
        var screen = try BrowseFixture.screen()
        let context = ScreenContext(size: screen.size, theme: Theme(.full))
        func click(_ x: Int, _ y: Int) {
            _ = screen.update(.mouse(MouseEvent(.press, .left, x: x, y: y)), context: context)
        }
        // List rows start on screen row 3, under the box's top edge and the column header.
        click(5, 4)
        #expect(screen.selected?.index == 2)
        #expect(screen.view == .list)
        click(5, 4)
        #expect(screen.view == .image)
        screen.press(.escape)
        // Thumbnails are 14 columns wide with 2 between them: column 20 is the second.
        screen.type("v")
        click(60, 5)
        #expect(screen.selected?.index == 5)
        click(20, 5)
        #expect(screen.selected?.index == 2)
        #expect(screen.view == .grid)
        // Matrix counts start at column 9, row 3 (true 0), 6 columns each.
        screen.type("m")
        click(9 + 4 * 6 + 3, 3 + 9)
        #expect(screen.matrixCursor == MatrixCell(trueLabel: 9, predicted: 4))
        click(9 + 4 * 6 + 3, 3 + 9)
        #expect(screen.view == .grid)
        #expect(screen.listed == [3])
    }

    @Test func leavingNoImagesGoesBackFromTheImageView() throws {
        var screen = try BrowseFixture.screen()
        screen.press(.enter)
        #expect(screen.view == .image)
        screen.type("t0")
        #expect(screen.listed.isEmpty)
        #expect(screen.view == .list)
    }

    @Test func appRoutesDigitsToThePromptNotTheTabs() throws {
        let browse = try BrowseFixture.screen()
        var app = App(screens: [PlaceholderScreen(title: "Draw"), browse],
                      size: Size(width: 80, height: 24), capabilities: .full, activeIndex: 1)
        app.type("t4")
        #expect(app.activeIndex == 1)
        let screen = try #require(app.screens[1] as? BrowseScreen)
        #expect(screen.listed == [0, 5])
        app.type("1")
        #expect(app.activeIndex == 0, "without a prompt, number keys switch screens")
    }

    @Test func aNewModelForDrawIsEvaluatedAgainAndLateOldResultsAreDropped() throws {
        let location = DataLocation(directory: "/nonexistent/digits-browse-test", source: .option)
        let first = try sampleModel()
        var screen = BrowseScreen(model: first, testData: location, size: Size(width: 80, height: 24))
        let context = ScreenContext(size: screen.size, theme: Theme(.full))
        #expect(screen.activate(context: context) == [.evaluateTestSet(model: first, data: location, generation: 0)])
        #expect(screen.phase == .loading)
        let newModel = try randomModel()
        #expect(screen.update(.drawModelChanged(newModel), context: context)
                == [.evaluateTestSet(model: newModel, data: location, generation: 1)])
        // The first model's result arrives late: it no longer applies.
        let stale = BrowseData(images: try BrowseFixture.screen().data!.images,
                               report: try BrowseFixture.screen().data!.report, modelName: "old")
        #expect(screen.update(.evaluated(generation: 0, .success(stale)), context: context).isEmpty)
        #expect(screen.phase == .loading)
        #expect(screen.data == nil)
    }

    @Test func evaluatesOnlyOnceShownAndShowsTheAnswer() throws {
        let location = DataLocation(directory: "/nonexistent/digits-browse-test", source: .option)
        let model = try sampleModel()
        var screen = BrowseScreen(model: model, testData: location, size: Size(width: 80, height: 24))
        let context = ScreenContext(size: screen.size, theme: Theme(.full))
        #expect(screen.update(.drawModelChanged(model), context: context).isEmpty,
                "nothing is evaluated until somebody opens Browse")
        #expect(screen.activate(context: context) == [.evaluateTestSet(model: model, data: location, generation: 1)])
        #expect(screen.activate(context: context).isEmpty, "showing it again does not evaluate again")
        let problem = BrowseProblem(title: "The MNIST test set could not be loaded.",
                                    details: ["looked in /nonexistent/digits-browse-test"],
                                    advice: BrowseProblem.dataAdvice)
        _ = screen.update(.evaluated(generation: 1, .failure(problem)), context: context)
        #expect(screen.phase == .failed(problem))
    }
}

/// `i` explains the selected image, `,` and `.` ask about other digits, moving starts over.
@Suite("Browse screen: explaining an image")
struct BrowseExplainTests {
    @Test func iExplainsTheSelectedImage() throws {
        var data = try BrowseFixture.data()
        data.network = try randomModel().network
        var screen = BrowseScreen(data: data, size: Size(width: 80, height: 24))
        screen.press(.character("i"))
        #expect(screen.view == .image && screen.explains)
        let item = try #require(screen.selected)
        let explanation = try #require(screen.explain(item, data: data))
        #expect(explanation.digit == item.predicted, "the digit the list shows")
        screen.press(.character(","))
        #expect(screen.explain(item, data: data)?.digit == (item.predicted + 9) % 10)
        screen.press(.right)
        #expect(screen.askedDigit == nil)
        screen.press(.character("i"))
        #expect(!screen.explains && screen.view == .image)

        var without = try BrowseFixture.screen()
        without.press(.character("i"))
        #expect(!without.explains && without.note == "No model to explain with.")
    }
}
