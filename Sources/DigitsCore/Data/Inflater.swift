import CZlib

/// Decompresses a gzip or zlib stream pulled from another source, as a source itself.
///
/// It refuses to produce more than `limit` bytes, so a small malicious file cannot make the
/// program allocate gigabytes, and it reports the end of the data only after zlib has checked
/// the stream's trailer (CRC and length), so a damaged file is never mistaken for a short one.
/// Concatenated gzip members, as `pigz` and `cat a.gz b.gz` make, are read as one stream.
final class Inflater: ByteSource {
    let path: String
    let limit: Int
    /// Uncompressed bytes delivered so far.
    private(set) var produced = 0
    private let input: ByteSource
    /// zlib keeps a pointer back to the stream, so the stream must never move: it lives on the heap.
    private let stream: UnsafeMutablePointer<z_stream>
    private let chunk: UnsafeMutableRawBufferPointer
    /// Compressed bytes consumed from `input` before the current chunk, for error offsets.
    private var chunkStart = 0
    private var chunkCount = 0
    private var inputEnded = false
    private var finished = false

    /// Starts decompressing `input`. `path` names the file in errors.
    init(_ input: ByteSource, limit: Int) throws(DataError) {
        self.input = input
        self.path = input.path
        self.limit = limit
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        chunk = .allocate(byteCount: 1 << 20, alignment: 16)
        // 15 + 32: the largest window, and detect a gzip or zlib header automatically.
        let status = inflateInit2_(stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            chunk.deallocate()
            throw DataError(path: path, problem: .unreadable("cannot start zlib (status \(status))"))
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        chunk.deallocate()
    }

    var knownSize: Int? { nil }

    /// The offset in the compressed file of the next byte zlib will look at.
    private var compressedOffset: Int { chunkStart + chunkCount - Int(stream.pointee.avail_in) }

    /// Makes more compressed input available; false when there is none left.
    private func refill() throws(DataError) -> Bool {
        guard stream.pointee.avail_in == 0 else { return true }
        guard !inputEnded else { return false }
        chunkStart += chunkCount
        chunkCount = try input.read(into: chunk)
        if chunkCount == 0 {
            inputEnded = true
            return false
        }
        stream.pointee.next_in = chunk.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(chunkCount)
        return true
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
        guard !finished, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        // One byte beyond the limit is allowed through so that reaching it can be told apart
        // from exceeding it.
        let wanted = min(buffer.count, limit + 1 - produced, Int(UInt32.max))
        stream.pointee.next_out = base.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(wanted)
        while stream.pointee.avail_out > 0 {
            if stream.pointee.avail_in == 0, try !refill() {
                throw DataError(path: path, offset: compressedOffset, problem: .truncatedCompression)
            }
            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress was possible: zlib needs input we do not have.
                if try !refill() {
                    throw DataError(path: path, offset: compressedOffset, problem: .truncatedCompression)
                }
            case Z_STREAM_END:
                if try !refill() {
                    finished = true
                    return try account(wanted - Int(stream.pointee.avail_out))
                }
                // Another gzip member may follow; anything else is damage.
                guard stream.pointee.next_in.pointee == 0x1f else {
                    throw DataError(path: path, offset: compressedOffset,
                                    problem: .corruptCompression("unexpected data after the end of the compressed stream"))
                }
                inflateReset(stream)
            case Z_NEED_DICT:
                throw DataError(path: path, offset: compressedOffset,
                                problem: .corruptCompression("the stream needs a preset dictionary"))
            case Z_MEM_ERROR:
                throw DataError(path: path, problem: .unreadable("out of memory while decompressing"))
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw DataError(path: path, offset: compressedOffset, problem: .corruptCompression(message))
            }
        }
        return try account(wanted)
    }

    private func account(_ count: Int) throws(DataError) -> Int {
        produced += count
        if produced > limit {
            throw DataError(path: path, problem: .decompressedTooLarge(limit: limit))
        }
        return count
    }
}
