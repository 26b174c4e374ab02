#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the bytes of a data file come from: a file on disk, a buffer in memory, or either of
/// those decompressed on the fly. The IDX reader pulls from one of these, so that it can check
/// the header before it allocates anything for the data that follows.
protocol ByteSource: AnyObject {
    /// The file the bytes belong to, for error messages.
    var path: String { get }
    /// The total number of bytes this source will deliver, when known without reading them.
    var knownSize: Int? { get }
    /// Copies up to `buffer.count` bytes into `buffer`; returns how many, 0 only at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int
}

extension ByteSource {
    /// Up to `count` bytes, fewer only at the end of the source.
    func readBytes(_ count: Int) throws(DataError) -> [UInt8] {
        var failure: DataError?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(DataError) {
                initialized = try readFully(into: UnsafeMutableRawBufferPointer(buffer))
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Up to `count` bytes, like `readBytes`, but with memory that grows with the bytes that
    /// actually arrive rather than with `count`. For a source whose size is not known (a
    /// compressed file), `count` is only a header's promise: a few hundred bytes of gzip must
    /// not reserve the 256 MiB their header asks for. Growth doubles, so the copying stays
    /// linear and the buffer is at most twice the data.
    func readBytesAsTheyArrive(_ count: Int, firstStep: Int = 1 << 20) throws(DataError) -> [UInt8] {
        var bytes: [UInt8] = []
        var step = min(firstStep, count)
        while bytes.count < count {
            let chunk = try readBytes(min(step, count - bytes.count))
            bytes += chunk
            if chunk.count < step { break }
            step = min(bytes.count, count - bytes.count)
        }
        return bytes
    }

    /// Fills `buffer` as far as the source allows; returns how many bytes it holds.
    func readFully(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if count == 0 { break }
            filled += count
        }
        return filled
    }
}

/// Bytes held in memory.
final class MemorySource: ByteSource {
    let path: String
    private let bytes: [UInt8]
    private var position: Int

    init(_ bytes: [UInt8], path: String, startingAt position: Int = 0) {
        self.bytes = bytes
        self.path = path
        self.position = position
    }

    var knownSize: Int? { bytes.count - position }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
        let count = min(buffer.count, bytes.count - position)
        guard count > 0, let destination = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { source in
            destination.copyMemory(from: source.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}

/// An open file read front to back with plain `read(2)` calls, which is as fast as mapping it
/// for a single pass and needs no cleanup when it fails half way.
final class FileSource: ByteSource {
    let path: String
    /// The file's size when it was opened.
    let size: Int
    private let descriptor: Int32
    private var position = 0

    /// Opens `path`, telling a missing file apart from one that cannot be read.
    init(path: String) throws(DataError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw DataError(path: path, problem: code == ENOENT ? .missingFile : .unreadable(systemMessage(code)))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw DataError(path: path, problem: .unreadable(systemMessage(code)))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            let what = (status.st_mode & S_IFMT) == S_IFDIR ? "it is a directory" : "it is not a regular file"
            throw DataError(path: path, problem: .unreadable(what))
        }
        self.descriptor = descriptor
        self.size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    /// Goes back to the start of the file, after peeking at its first bytes.
    func rewind() throws(DataError) {
        guard lseek(descriptor, 0, SEEK_SET) == 0 else {
            throw DataError(path: path, problem: .unreadable(systemMessage(errno)))
        }
        position = 0
    }

    var knownSize: Int? { size - position }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            // Large reads are split because some systems cap one read(2) near 2 GiB.
            let count = systemRead(descriptor, base, min(buffer.count, 1 << 30))
            if count >= 0 {
                position += count
                return count
            }
            let code = errno
            if code == EINTR { continue }
            throw DataError(path: path, offset: position, problem: .unreadable(systemMessage(code)))
        }
    }
}

/// `strerror` as a Swift string.
func systemMessage(_ code: Int32) -> String {
    guard let message = strerror(code) else { return "error \(code)" }
    return String(cString: message)
}

private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(descriptor, buffer, count)
    #else
    return Darwin.read(descriptor, buffer, count)
    #endif
}
