import ArgumentParser
import DigitsCore
import Foundation

/// Checks an output path before hours of work are spent on what cannot be saved.
enum OutputPath {
    static func check(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw refusal(path, "directory \(directory) does not exist")
        }
        guard access(directory, W_OK) == 0 else {
            throw refusal(path, "directory \(directory) is not writable")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw refusal(path, "it is a directory")
        }
    }

    /// Worded as the write itself would fail, so the user sees one shape of message either way.
    private static func refusal(_ path: String, _ reason: String) -> ValidationError {
        ValidationError(FileWriteError(path: path, problem: .cannotWrite(reason: reason)).description)
    }
}
