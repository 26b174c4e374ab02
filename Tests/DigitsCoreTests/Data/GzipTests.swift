import Testing
@testable import DigitsCore

@Suite("gzip and zlib decompression")
struct GzipTests {
    static let text = Array(String(repeating: "the quick brown fox jumps over the lazy dog ", count: 300).utf8)

    @Test("compress then inflate gives the bytes back")
    func roundTrip() throws {
        let compressed = Gzip.compress(Self.text)
        #expect(compressed.count < Self.text.count / 5)
        #expect(Array(compressed.prefix(2)) == [0x1f, 0x8b])
        #expect(try Gzip.inflate(compressed) == Self.text)
    }

    @Test("an empty payload round-trips")
    func empty() throws {
        #expect(try Gzip.inflate(Gzip.compress([])) == [])
    }

    @Test("a zlib stream (not gzip) inflates too")
    func zlibStream() throws {
        // zlib's own encoding of "hello" at the default level.
        let zlib: [UInt8] = [0x78, 0x9c, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x06, 0x2c, 0x02, 0x15]
        #expect(Gzip.isCompressed(zlib))
        #expect(try Gzip.inflate(zlib) == Array("hello".utf8))
    }

    @Test("concatenated gzip members read as one stream")
    func multipleMembers() throws {
        let first = Array(Self.text.prefix(1000)), second = Array(Self.text.dropFirst(1000))
        #expect(try Gzip.inflate(Gzip.compress(first) + Gzip.compress(second)) == Self.text)
    }

    @Test("compression is detected by content, not name")
    func detection() {
        #expect(Gzip.isCompressed([0x1f, 0x8b, 0x08]))
        #expect(!Gzip.isCompressed([0x00, 0x00, 0x08, 0x03]))
        #expect(!Gzip.isCompressed([0x1f]))
        #expect(!Gzip.isCompressed([]))
        #expect(!Gzip.isCompressed(Array("GIF89a".utf8)))
    }

    @Test("every truncation of a gzip stream is reported as truncated, naming the file")
    func truncated() {
        let compressed = Gzip.compress(Self.text)
        for length in [1, 2, 10, compressed.count / 2, compressed.count - 8, compressed.count - 1] {
            let error = DataFixtures.dataError { () throws(DataError) in
                try Gzip.inflate(Array(compressed.prefix(length)), path: "cut.gz")
            }
            #expect(error?.path == "cut.gz")
            #expect(error?.problem == .truncatedCompression, "length \(length): \(String(describing: error))")
            #expect(error?.offset == length)
            #expect(error?.description.hasPrefix("cut.gz: byte \(length): compressed data is truncated") == true)
        }
    }

    @Test("a damaged CRC is reported as corrupt")
    func badChecksum() {
        var compressed = Gzip.compress(Self.text)
        compressed[compressed.count - 6] ^= 0xff
        let error = DataFixtures.dataError { () throws(DataError) in try Gzip.inflate(compressed, path: "crc.gz") }
        guard case .corruptCompression(let why) = error?.problem else {
            Issue.record("expected corrupt compression, got \(String(describing: error))")
            return
        }
        #expect(why.contains("check"))
    }

    @Test("damaged deflate data is reported as corrupt")
    func corruptData() {
        var compressed = Gzip.compress(Self.text)
        for index in 10..<min(40, compressed.count - 8) { compressed[index] = 0xff }
        let error = DataFixtures.dataError { () throws(DataError) in try Gzip.inflate(compressed, path: "bad.gz") }
        guard case .corruptCompression = error?.problem else {
            Issue.record("expected corrupt compression, got \(String(describing: error))")
            return
        }
        #expect(error?.offset != nil)
    }

    @Test("trailing garbage after the stream is an error")
    func trailingGarbage() {
        let error = DataFixtures.dataError { () throws(DataError) in
            try Gzip.inflate(Gzip.compress(Self.text) + [0x42, 0x42], path: "tail.gz")
        }
        guard case .corruptCompression = error?.problem else {
            Issue.record("expected corrupt compression, got \(String(describing: error))")
            return
        }
    }

    @Test("a bomb stops at the limit instead of filling memory")
    func bomb() {
        let zeros = [UInt8](repeating: 0, count: 4 << 20)
        let compressed = Gzip.compress(zeros, level: 9)
        #expect(compressed.count < 10_000)
        let error = DataFixtures.dataError { () throws(DataError) in
            try Gzip.inflate(compressed, path: "bomb.gz", limit: 1 << 20)
        }
        #expect(error?.problem == .decompressedTooLarge(limit: 1 << 20))
        // Exactly at the limit is fine.
        #expect((try? Gzip.inflate(compressed, limit: 4 << 20))?.count == 4 << 20)
    }

    @Test("a wrong size in the gzip trailer does not mislead the buffer sizing")
    func misleadingTrailer() throws {
        // The stored size is only a hint; a lie is caught by zlib's length check.
        var compressed = Gzip.compress(Self.text)
        compressed[compressed.count - 1] = 0x7f
        let error = DataFixtures.dataError { () throws(DataError) in try Gzip.inflate(compressed, path: "size.gz") }
        guard case .corruptCompression = error?.problem else {
            Issue.record("expected corrupt compression, got \(String(describing: error))")
            return
        }
    }
}
