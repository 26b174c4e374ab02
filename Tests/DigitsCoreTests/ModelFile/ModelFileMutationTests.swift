import Foundation
import Testing
@testable import DigitsCore

/// Random damage to a valid file must give an error or a valid model: never a crash, a trap,
/// a hang or an absurd allocation. Seeded, so a failure reproduces.
@Suite("ModelFile random mutations")
struct ModelFileMutationTests {
    typealias F = ModelFileFixtures

    enum Mutation: CaseIterable {
        case flipHeaderByte, flipDataByte, flipLengthByte, setHeaderByte, truncate, insertBytes, deleteBytes
    }

    static let original: Data = ModelFile.encode(
        F.network(sizes: [12, 7, 5, 3], activation: .sigmoid, seed: 3),
        metadata: ModelMetadata(dataset: "mnist", epochs: 2, testAccuracy: 0.5, seed: 3))

    static var headerLength: Int {
        original.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    static func mutate(_ data: Data, _ mutation: Mutation, _ generator: inout SeededGenerator) -> Data {
        var bytes = [UInt8](data)
        let header = 8..<(8 + headerLength)
        func random(in range: Range<Int>) -> Int { Int.random(in: range, using: &generator) }
        switch mutation {
        case .flipHeaderByte:
            bytes[random(in: header)] ^= UInt8(1 << random(in: 0..<8))
        case .flipDataByte:
            bytes[random(in: header.upperBound..<bytes.count)] ^= UInt8(1 << random(in: 0..<8))
        case .flipLengthByte:
            bytes[random(in: 0..<8)] ^= UInt8(1 << random(in: 0..<8))
        case .setHeaderByte:
            // Characters that JSON cares about, where a flipped bit rarely lands.
            let specials = Array("{}[]\":,0123456789-. \\".utf8)
            bytes[random(in: header)] = specials[random(in: 0..<specials.count)]
        case .truncate:
            bytes.removeLast(random(in: 1..<(bytes.count + 1)))
        case .insertBytes:
            let insertion = (0..<random(in: 1..<9)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            bytes.insert(contentsOf: insertion, at: random(in: 0..<(bytes.count + 1)))
        case .deleteBytes:
            let start = random(in: 0..<bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + random(in: 1..<9)))
        }
        return Data(bytes)
    }

    @Test("hundreds of seeded mutations: each gives an error or a valid model", arguments: Mutation.allCases)
    func mutations(_ mutation: Mutation) throws {
        var generator = SeededGenerator(seed: 2024 &+ UInt64(Mutation.allCases.firstIndex(of: mutation) ?? 0))
        var errors = 0
        var loaded = 0
        for round in 0..<120 {
            var data = Self.original
            // Sometimes pile up a few mutations so damage compounds.
            for _ in 0..<(round % 4 == 3 ? 3 : 1) {
                data = Self.mutate(data, mutation, &generator)
            }
            do {
                let model = try ModelFile.decode(data, path: "mutated.safetensors")
                loaded += 1
                let finite = model.network.parameters.allSatisfy { $0.isFinite }
                #expect(finite)
                let probabilities = model.network.probabilities(for: [Float](repeating: 0.5, count: model.network.inputSize))
                // Finite weights are the loader's promise; a flipped exponent bit can still make
                // them large enough to overflow a forward pass, which is not the file's fault.
                #expect(probabilities.count == model.network.outputSize)
            } catch {
                errors += 1
                #expect(!error.description.contains("\n"), "round \(round): \(error.description)")
                #expect(error.description.hasPrefix("mutated.safetensors: "))
            }
        }
        #expect(errors + loaded == 120)
        switch mutation {
        case .flipLengthByte, .truncate, .insertBytes, .deleteBytes:
            #expect(errors > 0, "this kind of damage should be caught at least sometimes")
        case .flipDataByte:
            #expect(loaded > 0, "most flipped data bits still make a valid model")
        case .flipHeaderByte, .setHeaderByte:
            #expect(errors > 0)
        }
    }

    @Test("every truncation of a valid file is rejected")
    func everyTruncation() {
        let original = ModelFile.encode(F.network(sizes: [3, 2]))
        for length in 0..<original.count {
            #expect(F.problem(decoding: original.prefix(length)) != nil, "truncated to \(length) bytes")
        }
        #expect(F.problem(decoding: original) == nil)
    }
}
