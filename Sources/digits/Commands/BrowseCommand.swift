import ArgumentParser
import DigitsCore
import DigitsTUI

/// `digits browse`: the interactive screens, starting on Browse.
struct BrowseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Browse the MNIST test images the model gets wrong, as ASCII art.",
        discussion: """
            Opens the interactive screens on Browse (80x24 or larger): the model is evaluated on \
            the 10,000 test images, and the mistakes are listed with their labels and \
            probabilities, as thumbnails, one by one, or as a confusion matrix whose cells can \
            be opened. Press ? for the keys and q to quit. For pipes, see `digits misclassified`.
            """
    )

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        // The same screens as `digits draw`, with the same options, Browse in front.
        var arguments: [String] = []
        if let model = modelOptions.model { arguments += ["--model", model] }
        if let data = dataOptions.data { arguments += ["--data", data] }
        try DrawCommand.parse(arguments).runScreens(startingOn: .browse)
    }
}
