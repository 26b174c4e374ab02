import Testing
@testable import DigitsCore

/// Training with negatives: the share of each batch replaced, deterministic per seed.
@Suite("Negatives in training batches")
struct NegativeMixerTests {
    @Test("a 10% share replaces 13 of 128 rows with pool images labelled uniform; the same seed picks the same")
    func replacesShare() {
        func mixed(seed: UInt64) -> ([Float], [UInt8]) {
            var mixer = NegativeMixer(share: 0.1, seed: seed, poolSize: 32)
            var input = [Float](repeating: 0.25, count: 128 * 784)
            var labels = [UInt8](repeating: 3, count: 128)
            mixer.mix(into: &input, labels: &labels, rows: 128)
            return (input, labels)
        }
        let (input, labels) = mixed(seed: 9)
        let replaced = labels.indices.filter { labels[$0] == SoftmaxCrossEntropy.uniformLabel }
        #expect(replaced.count == 13)
        for row in labels.indices {
            let image = input[(row * 784)..<((row + 1) * 784)]
            #expect(replaced.contains(row) == !image.allSatisfy { $0 == 0.25 }, "row \(row)")
        }
        let again = mixed(seed: 9)
        #expect(again.0 == input && again.1 == labels)
        #expect(mixed(seed: 10).1 != labels)
    }

    @Test("no share, no rows; a small batch still gets its rounded share")
    func shares() {
        let none = NegativeMixer(share: 0, seed: 1, poolSize: 1)
        #expect(none.replaced(of: 128) == 0)
        let tenth = NegativeMixer(share: 0.1, seed: 1, poolSize: 1)
        #expect(tenth.replaced(of: 5) == 1)
        #expect(tenth.replaced(of: 4) == 0)
        #expect(NegativeMixer(share: 0.5, seed: 1, poolSize: 1).replaced(of: 3) == 2)
    }
}
