import Foundation
import Testing
@testable import DigitsCore

/// Random damage to valid files must end in a `DataError` or a consistent data set, never a
/// crash, a trap or a huge allocation. Seeded, so a failure can be replayed.
@Suite("IDX files: random mutations")
struct IDXMutationTests {
    /// One random change: flip bits, overwrite bytes with extreme values, cut, insert, or
    /// duplicate a stretch.
    static func mutate(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        let operations = Int.random(in: 1...3, using: &generator)
        for _ in 0..<operations {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0 where !bytes.isEmpty:
                bytes[position] ^= UInt8(1) << UInt8.random(in: 0...7, using: &generator)
            case 1 where !bytes.isEmpty:
                bytes[position] = [0x00, 0xff, 0x7f, 0x80, 0x08, 0x1f, 0x8b].randomElement(using: &generator) ?? 0
            case 2:
                bytes = Array(bytes.prefix(position))
            case 3:
                let insert = (0..<Int.random(in: 1...8, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                bytes.insert(contentsOf: insert, at: position)
            case 4 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...64, using: &generator))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            default:
                // The header is where the most interesting damage is.
                if bytes.count >= 16 {
                    bytes[Int.random(in: 0..<16, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
            }
        }
        return bytes
    }

    /// A parsed file must be internally consistent.
    static func checkConsistent(_ file: IDXFile, kind: IDXFile.Kind) {
        #expect(file.dimensions.count == kind.dimensionCount)
        #expect(file.data.count == file.dimensions.reduce(1, *))
        #expect(file.count >= 1)
        if kind == .images {
            #expect(IDXFile.sideRange.contains(file.rows) && IDXFile.sideRange.contains(file.columns))
        }
    }

    @Test("mutated image and label files, raw and gzip, in memory", arguments: [
        (IDXFile.Kind.images, false), (.images, true), (.labels, false), (.labels, true),
    ])
    func inMemory(kind: IDXFile.Kind, compressed: Bool) {
        let set = DataFixtures.dataset(count: 20, rows: 6, columns: 5)
        let raw = kind == .images ? DataFixtures.imageFile(set) : DataFixtures.labelFile(set)
        let valid = compressed ? Gzip.compress(raw) : raw
        var generator = SeededGenerator(seed: compressed ? 2024 : 1024)
        var failures = 0, successes = 0
        for _ in 0..<300 {
            let mutated = Self.mutate(valid, using: &generator)
            do {
                let file = try IDXFile.parse(mutated, path: "mutant", as: kind)
                Self.checkConsistent(file, kind: kind)
                successes += 1
            } catch {
                #expect(error.path == "mutant")
                #expect(!error.description.isEmpty && !error.description.contains("\n"))
                failures += 1
            }
        }
        // The mutations must actually exercise the error paths.
        #expect(failures > 100)
    }

    @Test("mutated files on disk, loaded as a pair")
    func onDisk() throws {
        let directory = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(directory) }
        let set = DataFixtures.dataset(count: 15, rows: 7, columns: 7)
        let images = DataFixtures.imageFile(set), labels = DataFixtures.labelFile(set)
        var generator = SeededGenerator(seed: 99)
        for round in 0..<120 {
            let compressed = round % 2 == 0
            var imageBytes = compressed ? Gzip.compress(images) : images
            var labelBytes = compressed ? Gzip.compress(labels) : labels
            if round % 3 == 0 {
                labelBytes = Self.mutate(labelBytes, using: &generator)
            } else {
                imageBytes = Self.mutate(imageBytes, using: &generator)
            }
            try DataFixtures.write(imageBytes, to: directory, name: "t10k-images-idx3-ubyte")
            try DataFixtures.write(labelBytes, to: directory, name: "t10k-labels-idx1-ubyte")
            do {
                let loaded = try MNIST.loadTest(directory: directory)
                #expect(loaded.images.count == loaded.count * loaded.rows * loaded.columns)
                #expect(loaded.labels.allSatisfy { $0 < 10 })
            } catch {
                #expect(error.path.hasPrefix(directory))
            }
        }
    }
}
