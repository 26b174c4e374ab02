import ArgumentParser
import DigitsCore

@main
struct Digits: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digits",
        abstract: "Draw a digit and watch a neural network read it; train it; see what it gets wrong.",
        subcommands: [
            DrawCommand.self,
            TrainCommand.self,
            TuneCommand.self,
            BenchCommand.self,
            DownloadCommand.self,
            EvalCommand.self,
            ExplainCommand.self,
            MisclassifiedCommand.self,
            BrowseCommand.self,
            PredictCommand.self,
        ],
        defaultSubcommand: DrawCommand.self
    )
}
