import CZlib

/// gzip and zlib decompression over the system zlib, bounded in output so that a "gzip bomb"
/// fails cleanly instead of exhausting memory.
public enum Gzip {
    /// The most bytes `inflate` produces unless told otherwise: 256 MiB, five times the
    /// largest MNIST-format file.
    public static let defaultLimit = 256 << 20

    /// Whether `bytes` start like a gzip member (1f 8b) or a zlib stream (a deflate header whose
    /// check bits are right). Decided by content, never by file name.
    public static func isCompressed(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        guard let first = iterator.next(), let second = iterator.next() else { return false }
        if first == 0x1f && second == 0x8b { return true }
        // zlib: method 8 (deflate), window at most 32 KiB, and the 16-bit header a multiple of 31.
        return first & 0x0f == 8 && first >> 4 <= 7 && (UInt16(first) << 8 | UInt16(second)) % 31 == 0
    }

    /// Decompresses gzip (one or more members) or zlib data held in memory.
    ///
    /// - Parameters:
    ///   - data: the compressed bytes.
    ///   - path: the file the bytes came from, for error messages.
    ///   - limit: the most bytes to produce; more is an error, not a truncation.
    /// - Throws: `DataError` with `.truncatedCompression`, `.corruptCompression` or
    ///   `.decompressedTooLarge`.
    public static func inflate(_ data: [UInt8], path: String = "<memory>", limit: Int = defaultLimit) throws(DataError) -> [UInt8] {
        let inflater = try Inflater(MemorySource(data, path: path), limit: limit)
        // The gzip trailer holds the uncompressed size (mod 2^32); a good first guess at capacity.
        var capacity = 64 << 10
        if data.count >= 18, data[0] == 0x1f, data[1] == 0x8b {
            let n = data.count
            let stated = Int(data[n - 4]) | Int(data[n - 3]) << 8 | Int(data[n - 2]) << 16 | Int(data[n - 1]) << 24
            // Only a hint: never more than the limit, nor than deflate's best ratio (1032:1)
            // allows, so a lying trailer cannot make us reserve memory up front.
            capacity = max(capacity, min(stated + 1, limit + 1, data.count * 1032))
        }
        var output = [UInt8](repeating: 0, count: capacity)
        var filled = 0
        while true {
            if filled == output.count {
                output.append(contentsOf: repeatElement(0, count: min(output.count, limit + 1 - output.count)))
            }
            var failure: DataError?
            let count = output.withUnsafeMutableBytes { buffer in
                do throws(DataError) {
                    return try inflater.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                } catch {
                    failure = error
                    return 0
                }
            }
            if let failure { throw failure }
            if count == 0 { break }
            filled += count
        }
        output.removeLast(output.count - filled)
        return output
    }

    /// `data` compressed as a single gzip member, for writing data sets and for tests.
    /// zlib fails here only when memory runs out, which is treated like any allocation failure.
    public static func compress(_ data: [UInt8], level: Int32 = 6) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        // 15 + 16: the largest window, with a gzip header and trailer rather than zlib's.
        let status = deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib deflateInit2 failed with status \(status)")
        // One deflate call: zlib counts bytes in 32 bits, far above any data set held here.
        precondition(data.count < Int(UInt32.max) / 2, "Gzip.compress handles up to 2 GiB")
        // deflateBound covers the zlib wrapper; the gzip wrapper is 12 bytes longer.
        let capacity = Int(deflateBound(stream, uLong(data.count))) + 32
        return [UInt8](unsafeUninitializedCapacity: capacity) { output, written in
            data.withUnsafeBufferPointer { source in
                // zlib never writes through next_in; its pointer is only unconst'ed in C.
                stream.pointee.next_in = source.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
                stream.pointee.avail_in = uInt(source.count)
                stream.pointee.next_out = output.baseAddress
                stream.pointee.avail_out = uInt(output.count)
                let result = deflate(stream, Z_FINISH)
                precondition(result == Z_STREAM_END, "zlib deflate failed with status \(result)")
                written = output.count - Int(stream.pointee.avail_out)
            }
        }
    }
}
