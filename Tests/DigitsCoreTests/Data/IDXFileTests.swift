import Foundation
import Testing
@testable import DigitsCore

@Suite("IDX files: parsing")
struct IDXFileTests {
    @Test("a hand-made image file parses to its header and pixels")
    func handMadeImages() throws {
        // Two 2x3 images.
        let bytes: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3,
                              1, 2, 3, 4, 5, 6,
                              255, 254, 253, 252, 251, 250]
        let file = try IDXFile.parse(bytes, path: "hand.idx", as: .images)
        #expect(file.dimensions == [2, 2, 3])
        #expect(file.count == 2 && file.rows == 2 && file.columns == 3)
        #expect(file.headerSize == 16)
        #expect(file.data == [1, 2, 3, 4, 5, 6, 255, 254, 253, 252, 251, 250])
    }

    @Test("a hand-made label file parses")
    func handMadeLabels() throws {
        let file = try IDXFile.parse([0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9], path: "l", as: .labels)
        #expect(file.dimensions == [3])
        #expect(file.data == [7, 0, 9])
        #expect(file.headerSize == 8)
    }

    @Test("gzip-compressed and raw bytes give the same file")
    func compressedAndRaw() throws {
        let dataset = DataFixtures.dataset()
        let raw = DataFixtures.imageFile(dataset)
        let fromRaw = try IDXFile.parse(raw, path: "x", as: .images)
        let fromGzip = try IDXFile.parse(Gzip.compress(raw), path: "x", as: .images)
        #expect(fromRaw == fromGzip)
        #expect(fromRaw.data == dataset.images)
    }

    @Test("a compressed file larger than the first read step comes back whole")
    func compressedAcrossReadSteps() throws {
        // 3 MiB and a byte: the reader grows its buffer as the data arrives (1 MiB, then
        // doubling), so this crosses every step and ends inside one.
        let pixels = (0..<(3 << 20) + 1).map { UInt8(truncatingIfNeeded: $0 &* 31 >> 9) }
        let raw = IDXFile.encode(dimensions: [(3 << 20) + 1, 1, 1], data: pixels)
        let file = try IDXFile.parse(Gzip.compress(raw), path: "big.gz", as: .images)
        #expect(file.data == pixels)
    }

    @Test("memory for a compressed file grows with its data, not its header's promise")
    func compressedPromiseAlone() {
        // The fuzzer's find: a few dozen bytes of gzip whose header promises 256 MiB used to reserve
        // all of it before inflating; now the few bytes that arrive are all that is held.
        let promise = IDXFile.encode(dimensions: [1 << 16, 64, 64], data: [1, 2, 3])
        let error = DataFixtures.dataError({ () throws(DataError) in
            try IDXFile.parse(Gzip.compress(promise), path: "promise.gz", as: .images)
        })
        #expect(error?.problem == .sizeMismatch(expected: 256 << 20, actual: 3))
    }

    @Test("reading as the bytes arrive stops at the end of a short source")
    func readAsTheyArrive() throws {
        let source = MemorySource(Array(0..<10), path: "m")
        #expect(try source.readBytesAsTheyArrive(100, firstStep: 3) == Array(0..<10))
        let exact = MemorySource(Array(0..<12), path: "m")
        #expect(try exact.readBytesAsTheyArrive(12, firstStep: 3) == Array(0..<12))
    }

    @Test("encode writes what parse reads")
    func encodeRoundTrip() throws {
        let bytes = IDXFile.encode(dimensions: [5, 7, 9], data: [UInt8](repeating: 3, count: 315))
        #expect(Array(bytes.prefix(4)) == [0, 0, 8, 3])
        #expect(try IDXFile.parse(bytes, path: "x", as: .images).dimensions == [5, 7, 9])
    }

    @Test("a file on disk is read raw or compressed whatever its name says")
    func fromDisk() throws {
        let directory = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(directory) }
        let dataset = DataFixtures.dataset(count: 30, rows: 28, columns: 28)
        let raw = DataFixtures.imageFile(dataset)
        // A compressed file without .gz and a raw one with it: content decides.
        let misnamedCompressed = try DataFixtures.write(Gzip.compress(raw), to: directory, name: "a-images")
        let misnamedRaw = try DataFixtures.write(raw, to: directory, name: "b-images.gz")
        for path in [misnamedCompressed, misnamedRaw] {
            let file = try IDXFile.read(contentsOf: path, as: .images)
            #expect(file.data == dataset.images)
            #expect(file.path == path)
        }
    }
}

@Suite("IDX files: bad input")
struct IDXBadInputTests {
    static let valid = DataFixtures.imageFile(DataFixtures.dataset(count: 5, rows: 4, columns: 4))

    private func error(_ bytes: [UInt8], as kind: IDXFile.Kind = .images, limit: Int = IDXFile.maximumDataSize,
                       sourceLocation: SourceLocation = #_sourceLocation) -> DataError? {
        DataFixtures.dataError({ () throws(DataError) in
            try IDXFile.parse(bytes, path: "bad.idx", as: kind, maximumDataSize: limit)
        }, sourceLocation: sourceLocation)
    }

    @Test("a missing file")
    func missing() {
        let error = DataFixtures.dataError { () throws(DataError) in
            try IDXFile.read(contentsOf: "/nonexistent/digits/train-images-idx3-ubyte", as: .images)
        }
        #expect(error?.problem == .missingFile)
        #expect(error?.description == "/nonexistent/digits/train-images-idx3-ubyte: no such file")
    }

    @Test("a directory where a file should be")
    func directory() throws {
        let directory = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(directory) }
        let error = DataFixtures.dataError { () throws(DataError) in try IDXFile.read(contentsOf: directory, as: .images) }
        #expect(error?.problem == .unreadable("it is a directory"))
    }

    @Test("an empty file and a cut header")
    func truncatedHeader() {
        #expect(error([])?.problem == .truncatedHeader(needed: 16, available: 0))
        let cut = error(Array(Self.valid.prefix(10)))
        #expect(cut?.problem == .truncatedHeader(needed: 16, available: 10))
        #expect(cut?.offset == 10)
        #expect(error([0, 0, 8, 1, 0, 0], as: .labels)?.problem == .truncatedHeader(needed: 8, available: 6))
    }

    @Test("wrong magic: not IDX at all")
    func notIDX() {
        let png: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] + [UInt8](repeating: 0, count: 20)
        let error = error(png)
        #expect(error?.problem == .notIDX(magic: 0x8950_4e47))
        #expect(error?.offset == 0)
        #expect(error?.description == "bad.idx: byte 0: not an IDX file: magic number is 0x89504e47, expected 0x00000803 (images) or 0x00000801 (labels)")
    }

    @Test("wrong element type")
    func elementType() {
        var bytes = Self.valid
        bytes[2] = 0x0d  // float
        let error = error(bytes)
        #expect(error?.problem == .unsupportedElementType(0x0d))
        #expect(error?.offset == 2)
    }

    @Test("wrong number of dimensions: labels given as images and the other way round")
    func dimensions() {
        let labels = DataFixtures.labelFile(DataFixtures.dataset())
        let asImages = error(labels, as: .images)
        #expect(asImages?.problem == .wrongDimensionCount(found: 1, expected: 3))
        #expect(asImages?.offset == 3)
        #expect(asImages?.description.contains("expected 3 for an image file") == true)
        #expect(error(Self.valid, as: .labels)?.problem == .wrongDimensionCount(found: 3, expected: 1))
    }

    @Test("counts that disagree with the data size, raw and compressed")
    func sizeMismatch() {
        let short = Array(Self.valid.dropLast(3))
        let long = Self.valid + [1, 2]
        #expect(error(short)?.problem == .sizeMismatch(expected: 80, actual: 77))
        #expect(error(short)?.offset == 16 + 77)
        #expect(error(long)?.problem == .sizeMismatch(expected: 80, actual: 82))
        // Compressed: the short one is found when the data runs out, the long one as soon as
        // a byte follows the promised data.
        let compressedShort = error(Gzip.compress(short))
        #expect(compressedShort?.problem == .sizeMismatch(expected: 80, actual: 77))
        #expect(compressedShort?.offset == 93)
        #expect(error(Gzip.compress(long))?.problem == .sizeMismatch(expected: 80, actual: nil))
        #expect(error(Gzip.compress(long))?.description.contains("bad.idx: byte 96: extra data") == true)
    }

    @Test("a header that asks for gigabytes is refused before allocating")
    func hugeHeader() {
        let huge = DataFixtures.header(0x803, [0xffff_ffff, 1024, 1024])
        let error = error(huge)
        #expect(error?.problem == .headerTooLarge(bytes: 0xffff_ffff * 1024 * 1024, limit: IDXFile.maximumDataSize))
        #expect(error?.description.contains("header promises") == true)
        // The same behind gzip.
        #expect(self.error(Gzip.compress(huge))?.problem == .headerTooLarge(bytes: 0xffff_ffff * 1024 * 1024, limit: IDXFile.maximumDataSize))
        // Labels too.
        #expect(self.error(DataFixtures.header(0x801, [0x7fff_ffff]), as: .labels)?.problem
                == .headerTooLarge(bytes: 0x7fff_ffff, limit: IDXFile.maximumDataSize))
        // A custom limit applies.
        #expect(self.error(Self.valid, limit: 79)?.problem == .headerTooLarge(bytes: 80, limit: 79))
    }

    @Test("absurd image sizes and empty files", arguments: [
        ([3, 0, 28] as [UInt32], "rows", 0),
        ([3, 28, 5000], "columns", 5000),
        ([3, 0xffff_ffff, 28], "rows", 0xffff_ffff),
        ([0, 28, 28], "number of images", 0),
    ])
    func outOfRange(sizes: [UInt32], name: String, value: Int) {
        let error = error(DataFixtures.header(0x803, sizes))
        guard case .dimensionOutOfRange(let found, let foundValue, _) = error?.problem else {
            Issue.record("expected a dimension out of range, got \(String(describing: error))")
            return
        }
        #expect(found == name)
        #expect(foundValue == value)
    }

    @Test("a compressed file whose data goes on and on stops right after the promised size")
    func compressedOverflow() throws {
        // The header promises 10 bytes; the stream holds 8 MiB. Only a few bytes past the
        // promise are ever decompressed.
        let bytes = DataFixtures.header(0x801, [10]) + [UInt8](repeating: 1, count: 8 << 20)
        let error = error(Gzip.compress(bytes), as: .labels)
        #expect(error?.problem == .sizeMismatch(expected: 10, actual: nil))
    }

    @Test("every message is one line naming the file")
    func oneLine() {
        let cases: [[UInt8]] = [[], [1, 2, 3, 4], Array(Self.valid.dropLast()), Gzip.compress(Self.valid).dropLast(5).map { $0 },
                                DataFixtures.header(0x803, [1, 2000, 2])]
        for bytes in cases {
            let description = error(bytes)?.description ?? ""
            #expect(description.hasPrefix("bad.idx: "))
            #expect(!description.contains("\n"))
        }
    }
}
