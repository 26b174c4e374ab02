import DigitsCore
import Testing
@testable import DigitsTUI

@Suite("App: global keys, screens, help")
struct AppTests {
    func makeApp(size: Size = Size(width: 80, height: 24)) throws -> App {
        App.digits(model: try sampleModel(), size: size, capabilities: .full)
    }

    @Test func qAndControlCQuit() throws {
        var app = try makeApp()
        #expect(app.update(.key(.character("q"))).contains(.quit))
        #expect(app.update(.key(.control("c"))).contains(.quit))
        #expect(app.update(.terminate).contains(.quit))
        #expect(!app.update(.key(.character("h"))).contains(.quit))
    }

    @Test func questionMarkTogglesHelpAndOtherKeysCloseIt() throws {
        var app = try makeApp()
        app.type("?")
        #expect(app.showsHelp)
        app.type("?")
        #expect(!app.showsHelp)
        app.type("?")
        app.send([.key(.escape)])
        #expect(!app.showsHelp)
        // A key meant for the canvas only closes help; it does not act unseen.
        app.type("?")
        app.type(" ")
        #expect(!app.showsHelp)
        #expect(try app.draw.history.operations.isEmpty)
    }

    @Test func tabAndNumbersSwitchScreens() throws {
        var app = try makeApp()
        #expect(app.activeScreen.title == "Draw")
        app.send([.key(.tab)])
        #expect(app.activeScreen.title == "Train")
        app.send([.key(.tab)])
        #expect(app.activeScreen.title == "Browse")
        app.send([.key(.tab)])
        #expect(app.activeScreen.title == "Draw")
        app.send([.key(.backTab)])
        #expect(app.activeScreen.title == "Browse")
        app.type("2")
        #expect(app.activeScreen.title == "Train")
        app.type("9")
        #expect(app.activeScreen.title == "Train")
        app.type("1")
        #expect(app.activeScreen.title == "Draw")
    }

    @Test func clickingATabSwitches() throws {
        var app = try makeApp()
        let tabs = HeaderBar.tabs(for: app.screens.map(\.title))
        app.send([.mouse(MouseEvent(.press, .left, x: tabs[2].columns.lowerBound + 1, y: 0))])
        #expect(app.activeScreen.title == "Browse")
    }

    @Test func placeholderScreensStillQuitAndSwitchBack() throws {
        var app = try makeApp()
        app.type("3")
        let text = app.render().text
        // Browse is built now; without a test set given it says how to get one.
        #expect(text.contains("No MNIST test set was given."))
        #expect(text.contains("digits download"))
        app.type("1")
        #expect(app.activeScreen.title == "Draw")
        app.type("2")
        #expect(app.update(.key(.character("q"))).contains(.quit))
    }

    @Test func tooSmallTerminalShowsOnlyTheMessageAndIgnoresInput() throws {
        var app = try makeApp(size: Size(width: 60, height: 20))
        #expect(app.isTooSmall)
        let frame = app.render()
        #expect(frame.text.contains("Terminal too small: need 80x24, have 60x20"))
        app.send(drag(verticalLine(x: 5, from: 3, to: 10)))
        app.type(" ")
        #expect(try app.draw.history.operations.isEmpty)
        #expect(app.update(.key(.character("q"))).contains(.quit))
        app.send([.resize(Size(width: 80, height: 24))])
        #expect(!app.isTooSmall)
        #expect(app.render().text.contains("Canvas"))
    }

    @Test func aModelForDrawReachesTheDrawScreenEvenWhenInactive() throws {
        var app = App.digits(model: nil, modelProblem: "no file", size: Size(width: 80, height: 24),
                             capabilities: .full)
        app.type("2")
        let model = try sampleModel()
        app.send([.drawModelChanged(model)])
        #expect(try app.draw.model == model)
    }

    @Test func statusLineKeepsHelpAndQuitWhenNarrow() {
        let hints = (0..<20).map { KeyHint("k\($0)", "action \($0)") } + [KeyHint("?", "help"), KeyHint("q", "quit")]
        let shown = StatusLine.fitting(hints, width: 40)
        #expect(shown.suffix(2).map(\.keys) == ["?", "q"])
        #expect(shown.count < hints.count)
        #expect(shown.first?.keys == "k0")
    }

    @Test func startingOnDrawAsksOnlyForTheDataCheck() throws {
        let data = DataLocation(directory: "/digits-tests/mnist", source: .option)
        var app = App.digits(model: try sampleModel(), size: Size(width: 80, height: 24), capabilities: .full,
                             training: TrainScreenSetup(data: data), testData: data)
        // Browse waits until it is shown; Train looks for the data so it can say where it looked.
        #expect(app.start() == [.checkData(data)])
        #expect(app.update(.key(.character("3"))) == [.evaluateTestSet(model: try sampleModel(), data: data,
                                                                        generation: 0)])
    }
}
