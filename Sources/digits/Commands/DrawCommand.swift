import ArgumentParser
import DigitsCore
import DigitsTUI
import Foundation

/// `digits draw`, also what `digits` alone runs: the interactive screens, starting on Draw.
struct DrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw",
        abstract: "Draw a digit with the mouse or keyboard and watch the network read it (the default).",
        discussion: """
            Opens the interactive screens in the terminal (80x24 or larger). Press ? for the keys \
            and q to quit. Standard input and output must be a terminal.
            """
    )

    @OptionGroup var modelOptions: ModelOptions
    /// Where the Train and Browse screens find MNIST.
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        try runScreens(startingOn: nil)
    }

    /// Runs the screens with the screen titled `title` active first (`digits browse` starts
    /// on Browse), or Draw.
    func runScreens(startingOn title: String?) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            StandardError.fail(TerminalError.notATerminal.description)
            throw ExitCode.failure
        }
        var model: DrawModel?
        var problem: String?
        switch modelOptions.load() {
        case .success(let loaded):
            model = DrawModel(loaded: loaded)
        case .failure(let failure):
            // A model asked for by name must load; without one, drawing still works and the
            // screen says why there are no predictions.
            if modelOptions.model != nil {
                StandardError.fail(failure.message)
                throw ExitCode.failure
            }
            problem = failure.message
        }
        let ending: TerminalSession.Ending
        do {
            ending = try TerminalSession.run { size, capabilities in
                var app = App.digits(model: model, modelProblem: problem, size: size, capabilities: capabilities,
                                     training: TrainScreenSetup(data: dataOptions.location),
                                     testData: dataOptions.location)
                if let index = app.screens.firstIndex(where: { $0.title == title }) { app.activate(index) }
                return app
            }
        } catch {
            StandardError.fail(error.description)
            throw ExitCode.failure
        }
        if case .signal(let number) = ending { throw ExitCode(128 + number) }
    }
}
