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
            and q to quit. Standard input and output must be a terminal. On Draw, s then a digit \
            (or Enter for the digit read) saves the drawing with its label to the --drawn file, \
            by default my-drawings.json in $XDG_DATA_HOME/digits (else ~/.local/share/digits), \
            a drawn-digit set that `digits eval --drawn` reads.
            """
    )

    @OptionGroup var modelOptions: ModelOptions
    /// Where the Train and Browse screens find MNIST.
    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: ArgumentHelp(
        "Where labelled drawings go (default: my-drawings.json in the user's data directory).",
        valueName: "file"))
    var drawn: String?

    func run() throws {
        try runScreens(startingOn: .draw)
    }

    /// Runs the screens with `first` in front (`digits browse` starts on Browse).
    func runScreens(startingOn first: DigitsScreen) throws {
        // Before loading anything: a pipe gets the one-line message at once.
        try ScreenSession.requireTerminal()
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
        try ScreenSession.run { size, capabilities in
            App.digits(model: model, modelProblem: problem, size: size, capabilities: capabilities,
                       training: TrainScreenSetup(data: dataOptions.location),
                       testData: dataOptions.location,
                       drawingsPath: drawn ?? DrawingCollection.defaultPath(),
                       fallbackDrawingsPath: DrawingCollection.fallbackPath(), first: first)
        }
    }
}
