@testable import DigitsCore
import Foundation
import Testing

/// Files that are not images, are cut short, damaged or claim absurd sizes: each fails with one
/// line naming the file and the problem, never a crash.
@Suite("Image bad input")
struct ImageBadInputTests {
    static let path = "photo.img"

    func failure(_ bytes: [UInt8], limits: ImageLimits = .standard) -> ImageError? {
        do {
            _ = try ImageFile.decode(bytes, path: Self.path, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    /// Checks the message's shape: "photo.img: problem", one line.
    func expectOneLine(_ error: ImageError?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error else {
            Issue.record("\(what): accepted", sourceLocation: sourceLocation)
            return
        }
        #expect(error.description.hasPrefix(Self.path + ": "), "\(what): \(error)", sourceLocation: sourceLocation)
        #expect(!error.description.contains("\n"), "\(what): \(error)", sourceLocation: sourceLocation)
    }

    static let png: [UInt8] = ImageEncoder.png(width: 16, height: 16, colour: .rgb,
                                               samples: (0..<768).map { UInt16($0 % 251) }) ?? []
    static let jpeg: [UInt8] = ImageEncoder.jpeg(width: 32, height: 32, components: 3,
                                                 pixels: (0..<3072).map { UInt8($0 % 253) }) ?? []
    static let progressiveJPEG: [UInt8] = ImageEncoder.jpeg(width: 32, height: 32, components: 1,
                                                            pixels: (0..<1024).map { UInt8($0 % 7 * 30) },
                                                            progressive: true) ?? []

    @Test("PNG and JPEG cut short anywhere are refused")
    func truncated() throws {
        #expect(!Self.png.isEmpty && !Self.jpeg.isEmpty && !Self.progressiveJPEG.isEmpty)
        for (name, file) in [("PNG", Self.png), ("JPEG", Self.jpeg), ("progressive JPEG", Self.progressiveJPEG)] {
            for length in [0, 1, 3, 8, 12, 20, 33, 40, file.count / 3, file.count / 2, file.count - 13, file.count - 2, file.count - 1] {
                let error = failure(Array(file.prefix(length)))
                expectOneLine(error, "\(name) cut to \(length) bytes")
            }
        }
        #expect(failure(Array(Self.png.prefix(Self.png.count / 2)))?.problem == .damaged(format: .png, detail: "the file is truncated"))
        #expect(failure(Array(Self.jpeg.prefix(Self.jpeg.count / 2)))?.problem
                == .damaged(format: .jpeg, detail: "Premature end of JPEG file"))
        // Cut inside the signature: no longer recognisable as anything.
        #expect(failure(Array(Self.png.prefix(5)))?.problem == .notAnImage(found: "\"\\x89PNG\\x0d\""))
        #expect(failure([])?.description == "photo.img: not an image this program reads (PNG, JPEG or PGM): it starts with nothing: the file is empty")
    }

    @Test("a bad CRC in the header or the image data is refused")
    func badCRC() throws {
        var header = Self.png
        header[30] ^= 0xFF                  // inside IHDR's CRC
        expectOneLine(failure(header), "IHDR CRC")
        #expect(failure(header)?.description.contains("CRC") == true, "\(String(describing: failure(header)))")
        let idat = try #require(PNGChunks.offset(of: "IDAT", in: Self.png))
        let length = Self.png[idat..<(idat + 4)].reduce(0) { $0 << 8 | Int($1) }
        var data = Self.png
        data[idat + 8 + length] ^= 0x55     // the IDAT's CRC itself
        expectOneLine(failure(data), "IDAT CRC")
        #expect(failure(data)?.description.contains("CRC") == true, "\(String(describing: failure(data)))")
    }

    @Test("corrupt compressed or entropy-coded data is refused")
    func corruptData() throws {
        // The IDAT's zlib stream mangled, its CRC recomputed: zlib itself must notice.
        let idat = try #require(PNGChunks.offset(of: "IDAT", in: Self.png))
        let length = Self.png[idat..<(idat + 4)].reduce(0) { $0 << 8 | Int($1) }
        var png = Self.png
        for index in (idat + 8)..<(idat + 8 + min(length, 12)) { png[index] = 0xFF }
        png.replaceSubrange((idat + 8 + length)..<(idat + 12 + length),
                            with: PNGChunks.bigEndian(PNGChunks.crc32(png[(idat + 4)..<(idat + 8 + length)])))
        expectOneLine(failure(png), "mangled zlib stream")
        // JPEG entropy-coded data overwritten with markers and garbage.
        let scan = try #require(JPEGMarkers.scanData(in: Self.jpeg))
        var jpeg = Self.jpeg
        for index in scan..<min(scan + 40, jpeg.count - 2) { jpeg[index] = index % 2 == 0 ? 0xFF : 0xD3 }
        expectOneLine(failure(jpeg), "corrupt entropy-coded data")
    }

    @Test("absurd and zero sizes are refused by the header, before pixels are allocated")
    func sizes() throws {
        let huge = PNGChunks.withSize(Self.png, width: 100_000, height: 100_000)
        #expect(failure(huge)?.problem == .tooLarge(format: .png, width: 100_000, height: 100_000, limits: .standard))
        #expect(failure(huge)?.description
                == "photo.img: PNG header claims 100000x100000 pixels, over the limit of 50 megapixels and 16384 on a side")
        // Within the side limit but over the pixel count.
        #expect(failure(PNGChunks.withSize(Self.png, width: 9000, height: 9000))?.problem
                == .tooLarge(format: .png, width: 9000, height: 9000, limits: .standard))
        // A strip: few pixels, but too long a side.
        #expect(failure(PNGChunks.withSize(Self.png, width: 20000, height: 1))?.problem
                == .tooLarge(format: .png, width: 20000, height: 1, limits: .standard))
        expectOneLine(failure(PNGChunks.withSize(Self.png, width: 0, height: 16)), "PNG width 0")
        expectOneLine(failure(PNGChunks.withSize(Self.png, width: 0x8000_0000, height: 1)), "PNG width 2^31")

        let hugeJPEG = try #require(JPEGMarkers.withSize(Self.jpeg, width: 60000, height: 60000))
        #expect(failure(hugeJPEG)?.problem == .tooLarge(format: .jpeg, width: 60000, height: 60000, limits: .standard))
        let manyPixels = try #require(JPEGMarkers.withSize(Self.progressiveJPEG, width: 9000, height: 9000))
        #expect(failure(manyPixels)?.problem == .tooLarge(format: .jpeg, width: 9000, height: 9000, limits: .standard))
        expectOneLine(failure(try #require(JPEGMarkers.withSize(Self.jpeg, width: 32, height: 0))), "JPEG height 0")
        expectOneLine(failure(try #require(JPEGMarkers.withSize(Self.jpeg, width: 0, height: 32))), "JPEG width 0")

        // Limits are parameters: a small limit refuses a small image.
        let small = ImageLimits(maximumSide: 8, maximumPixels: 64, maximumScans: 10)
        #expect(failure(Self.png, limits: small)?.problem == .tooLarge(format: .png, width: 16, height: 16, limits: small))
    }

    @Test("a progressive JPEG with more scans than the limit is refused")
    func tooManyScans() throws {
        let limits = ImageLimits(maximumSide: 100, maximumPixels: 10_000, maximumScans: 2)
        let error = failure(Self.progressiveJPEG, limits: limits)
        expectOneLine(error, "too many scans")
        #expect(error?.description.contains("more than 2 scans") == true, "\(String(describing: error))")
        #expect(failure(Self.progressiveJPEG) == nil)
    }

    @Test("files that are not images are named by what they start with")
    func notImages() throws {
        for (bytes, found) in [(Array("hello, world\n".utf8), "\"hello, w\""), (Array("GIF89a\u{1}\u{0}".utf8), "\"GIF89a\\x01\\x00\""),
                               ([0xFF, 0xD8, 0x00], "\"\\xff\\xd8\\x00\""), (Array("P6\n1 1\n255\n".utf8), "\"P6\\x0a1 1\\x0a2\"")] {
            #expect(failure(bytes)?.problem == .notAnImage(found: found))
            expectOneLine(failure(bytes), found)
        }
        // A PGM keeps its own, more precise messages, with the offset.
        #expect(failure(Array("P5 28 28 255\n".utf8))?.description
                == "photo.img: byte 13: PGM pixel data is truncated: the header promises 784 bytes, found 0")
    }

    @Test("file problems name the file: missing, a directory")
    func fileProblems() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("digits-images-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let missing = directory + "/nope.png"
        #expect(throws: ImageError(path: missing, problem: .missingFile)) { try ImageFile.read(contentsOf: missing) }
        #expect(throws: ImageError(path: directory, problem: .unreadable("it is a directory"))) { try ImageFile.read(contentsOf: directory) }
        let blank = directory + "/blank.png"
        try Data(try #require(ImageEncoder.png(width: 20, height: 20, colour: .grey,
                                                samples: [UInt16](repeating: 255, count: 400)))).write(to: URL(fileURLWithPath: blank))
        #expect(throws: ImageError(path: blank, problem: .noInk)) { try ImageFile.networkInput(contentsOf: blank) }
    }

    @Test("every truncation and random corruption of valid PNG and JPEG files either decodes or throws; none traps")
    func mutations() {
        let small = ImageLimits(maximumSide: 4096, maximumPixels: 1 << 20, maximumScans: 100)
        for valid in [Self.png, Self.jpeg, Self.progressiveJPEG] {
            var generator = SeededGenerator(seed: 11)
            for _ in 0..<400 {
                var mutated = valid
                for _ in 0...Int(generator.next() % 4) {
                    let index = Int(generator.next() % UInt64(mutated.count))
                    switch generator.next() % 3 {
                    case 0: mutated[index] = UInt8(truncatingIfNeeded: generator.next())
                    case 1: mutated.remove(at: index)
                    default: mutated.insert(UInt8(truncatingIfNeeded: generator.next()), at: index)
                    }
                }
                do {
                    let image = try ImageFile.decode(mutated, path: Self.path, limits: small)
                    #expect(image.brightness.count == image.width * image.height)
                    #expect(image.brightness.allSatisfy { (0...1).contains($0) })
                } catch {
                    #expect(error.description.hasPrefix(Self.path + ": ") && !error.description.contains("\n"), "\(error)")
                }
            }
        }
    }
}
