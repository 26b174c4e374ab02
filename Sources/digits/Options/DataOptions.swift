import ArgumentParser
import DigitsCore

/// `--data DIR`, for every command that reads MNIST. Without it: $DIGITS_DATA, then the
/// per-user cache that `digits download` fills.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Directory with the MNIST files (default: $DIGITS_DATA, then the download cache)", valueName: "dir"))
    var data: String?

    func validate() throws {
        if let data, data.isEmpty {
            throw ValidationError("--data needs a directory")
        }
    }

    /// Where the data is to be found, and how that was decided.
    var location: DataLocation { DataLocation.resolve(explicit: data) }
}
