import ArgumentParser
import Foundation

/// Checks an output path before hours of work are spent on what cannot be saved.
enum OutputPath {
    static func check(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw ValidationError("cannot write \(path): directory \(directory) does not exist")
        }
        guard access(directory, W_OK) == 0 else {
            throw ValidationError("cannot write \(path): directory \(directory) is not writable")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationError("cannot write \(path): it is a directory")
        }
    }
}
