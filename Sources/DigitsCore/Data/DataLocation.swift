import Foundation

/// Where the data set is: the directory given with `--data`, else the one in the environment
/// variable `DIGITS_DATA`, else a per-user cache directory that `digits download` fills.
public struct DataLocation: Sendable, Equatable {
    /// How the directory was chosen.
    public enum Source: Sendable, Equatable {
        /// Given on the command line with `--data`.
        case option
        /// Taken from the environment variable `DIGITS_DATA`.
        case environment
        /// The per-user cache directory, used when neither was given.
        case cache
    }

    /// The environment variable naming the data directory.
    public static let environmentVariable = "DIGITS_DATA"

    /// The directory that holds (or will hold) the data files.
    public let directory: String
    /// How `directory` was chosen.
    public let source: Source

    /// A location chosen by `source`.
    public init(directory: String, source: Source) {
        self.directory = directory
        self.source = source
    }

    /// The directory to use: `explicit` (from `--data`) when given, else `DIGITS_DATA` from
    /// `environment`, else `cacheDirectory(environment:)`. Empty values count as not given;
    /// a leading `~/` is expanded, since `--data=~/x` reaches us unexpanded.
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> DataLocation {
        if let explicit, !explicit.isEmpty {
            return DataLocation(directory: expandingTilde(explicit, environment: environment), source: .option)
        }
        if let value = environment[environmentVariable], !value.isEmpty {
            return DataLocation(directory: expandingTilde(value, environment: environment), source: .environment)
        }
        return DataLocation(directory: cacheDirectory(environment: environment), source: .cache)
    }

    /// The per-user cache directory for MNIST: `$XDG_CACHE_HOME/digits/mnist` when that
    /// variable holds an absolute path (as the XDG specification requires), else
    /// `~/Library/Caches/digits/mnist` on macOS and `~/.cache/digits/mnist` elsewhere.
    public static func cacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return join(xdg, "digits/mnist")
        }
        #if os(macOS)
        return join(home(environment), "Library/Caches/digits/mnist")
        #else
        return join(home(environment), ".cache/digits/mnist")
        #endif
    }

    /// One sentence saying where the data was looked for and how to get it there, for messages
    /// when files are missing.
    public var lookedIn: String {
        let filesHint = "a directory holding train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz) and t10k-labels-idx1-ubyte(.gz)"
        switch source {
        case .option:
            return "looked in \(directory) (given by --data); run `digits download --data \(directory)` to fetch MNIST there, or give --data \(filesHint)"
        case .environment:
            return "looked in \(directory) (from \(DataLocation.environmentVariable)); run `digits download` to fetch MNIST there, or set \(DataLocation.environmentVariable) to \(filesHint)"
        case .cache:
            return "looked in \(directory) (the download cache, as neither --data nor \(DataLocation.environmentVariable) was given); run `digits download` to fetch MNIST there, or give --data DIR or set \(DataLocation.environmentVariable)=DIR for \(filesHint)"
        }
    }

    /// The standard file names (without `.gz`) missing from `directory`.
    public var missingFiles: [String] { MNIST.missingFiles(in: directory) }

    /// Loads both halves; when files are missing the error says where it looked and how to get them.
    public func load() throws(DataError) -> (train: Dataset, test: Dataset) {
        (try load(.train), try load(.test))
    }

    /// Loads the training half; see `load(_:)`.
    public func loadTrain() throws(DataError) -> Dataset { try load(.train) }

    /// Loads the test half; see `load(_:)`.
    public func loadTest() throws(DataError) -> Dataset { try load(.test) }

    /// Loads one half of the data set from `directory`.
    ///
    /// - Throws: `DataError` with `.dataNotFound` (its message naming the directory, how it was
    ///   chosen, and `digits download`) when a file is missing, or the error of the file at fault.
    public func load(_ split: MNIST.Split) throws(DataError) -> Dataset {
        let missing = [split.imagesFileName, split.labelsFileName].filter { MNIST.locate($0, in: directory) == nil }
        if let first = missing.first {
            let file = first + "(.gz)" + (missing.count > 1 ? " and \(missing[1])(.gz)" : "")
            throw DataError(path: directory, problem: .dataNotFound(file: file, hint: lookedIn))
        }
        return try MNIST.load(split, directory: directory)
    }

    private static func home(_ environment: [String: String]) -> String {
        UserDirectories.home(environment: environment)
    }

    private static func expandingTilde(_ path: String, environment: [String: String]) -> String {
        if path == "~" { return home(environment) }
        if path.hasPrefix("~/") { return join(home(environment), String(path.dropFirst(2))) }
        return path
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
