import Foundation

/// Saves a trained model that would otherwise be lost (the terminal closed, the process told to
/// stop), without ever replacing a file: to the path the user chose when that name is free,
/// else to a new recovery file in the user's data directory.
public enum ModelRescue {
    /// Writes `network` and returns the path it went to. `preferred` is the output the user
    /// asked for, if any.
    public static func save(_ network: Network, metadata: ModelMetadata, preferring preferred: String?,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            now: Date = Date()) throws(ModelFileError) -> String {
        let data = ModelFile.encode(network, metadata: metadata)
        if let preferred, !FileManager.default.fileExists(atPath: preferred),
           (try? AtomicFile.write(data, to: preferred, replacing: false)) != nil {
            return preferred
        }
        let directory = UserDirectories.data(environment: environment)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let stamp = timestamp(now)
        var lastError: FileWriteError?
        for attempt in 1...100 {
            let suffix = attempt == 1 ? "" : "-\(attempt)"
            let path = "\(directory)/recovered-model-\(stamp)\(suffix).safetensors"
            do {
                try AtomicFile.write(data, to: path, replacing: false)
                return path
            } catch {
                lastError = error
                // Taken: try the next name. Anything else will not get better.
                guard FileManager.default.fileExists(atPath: path) else { break }
            }
        }
        let path = "\(directory)/recovered-model-\(stamp).safetensors"
        let failure = lastError ?? FileWriteError(path: path, problem: .cannotWrite(reason: "no free name"))
        throw ModelFileError(path: failure.path, problem: .write(failure.problem))
    }

    /// "20261202-071503", local time: sorts by time and reads as one.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }
}
