import Foundation

/// Writes files so that a reader sees the old file or the whole new one, never a partial one:
/// write a temporary file beside the target, flush it, then rename it over the target.
public enum AtomicFile {
    /// Writes `data` to `path` atomically. With `replacing` false an existing file at `path` is
    /// never touched: the write fails instead (the new file is linked into place, which the
    /// system refuses when the name is taken, so no check-then-write race either).
    public static func write(_ data: Data, to path: String, replacing: Bool = true) throws(FileWriteError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw FileWriteError(path: path, problem: .cannotWrite(reason: "directory \(directory) does not exist"))
        }
        let temporary = directory + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw FileWriteError(path: path, problem: .cannotWrite(reason: String(cString: strerror(errno))))
        }
        var failure: String?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if failure == nil {
            if replacing {
                if rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
            } else {
                if link(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
                unlink(temporary)
            }
        }
        if let failure {
            unlink(temporary)
            throw FileWriteError(path: path, problem: .cannotWrite(reason: failure))
        }
    }
}
