import ArgumentParser
import DigitsCore
import Foundation

/// `--model FILE`, for every command that uses a trained model. Without it, the model shipped
/// in Assets/ (found by `ModelLocator` from any working directory).
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Model file (safetensors); default: the shipped model",
                                            valueName: "file"))
    var model: String?

    /// The path to load: `--model` as given, or the shipped default.
    func modelPath() throws(ModelLoadFailure) -> String {
        if let model { return model }
        do {
            return try ModelLocator.defaultModelPath()
        } catch {
            throw ModelLoadFailure(message: error.description)
        }
    }

    /// Loads the chosen or default model and checks it takes `inputSize` values and gives
    /// `classes` outputs (28x28 pixels and 10 digits unless told otherwise). Failures come
    /// back as one line naming the file and the problem, for a CLI or a status line.
    func load(inputSize: Int = 28 * 28, classes: Int = 10) -> Result<LoadedModel, ModelLoadFailure> {
        do throws(ModelLoadFailure) {
            let path = try modelPath()
            do {
                let loaded = try ModelFile.load(path: path)
                try loaded.checkSizes(input: inputSize, output: classes)
                return .success(loaded)
            } catch {
                throw ModelLoadFailure(message: error.description)
            }
        } catch {
            return .failure(error)
        }
    }

    /// `load`, for commands: on failure prints `digits: <message>` to stderr and exits 1.
    func loadOrExit(inputSize: Int = 28 * 28, classes: Int = 10) throws -> LoadedModel {
        switch load(inputSize: inputSize, classes: classes) {
        case .success(let loaded):
            return loaded
        case .failure(let failure):
            StandardError.fail(failure.message)
            throw ExitCode.failure
        }
    }
}

/// Why the model could not be loaded, as one line for the user.
struct ModelLoadFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
