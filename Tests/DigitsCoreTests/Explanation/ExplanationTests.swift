import Foundation
import Testing
@testable import DigitsCore

/// The explanation's arithmetic: the logit decomposition adds up exactly, the evidence map is
/// the true gradient x input, and removing the pixels it ranks highest hurts the digit most.
@Suite("Explanation")
struct ExplanationTests {
    static let architectures: [[Int]] = [[784, 10, 10], [784, 32, 16, 10], [784, 64, 10], [30, 10]]

    func randomInput(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        // Sparse like a digit: most pixels blank, the rest in 0...1.
        return (0..<count).map { _ in generator.nextNormal() > 0.8 ? min(abs(generator.nextNormal()), 1) : 0 }
    }

    /// A randomly initialised network with random biases, so every term of the sum matters.
    func network(_ sizes: [Int], _ activation: Activation, seed: UInt64) throws -> Network {
        var network = try Network(sizes: sizes, activation: activation, seed: seed)
        var generator = SeededGenerator(seed: seed &+ 1)
        for layer in network.layers {
            for i in layer.biasOffset..<(layer.biasOffset + layer.outputs) {
                network.parameters[i] = generator.nextNormal() * 0.3
            }
        }
        return network
    }

    @Test("contributions plus bias are the logit, exactly, in any order of addition",
          arguments: architectures, Activation.allCases)
    func decompositionAddsUp(sizes: [Int], activation: Activation) throws {
        let network = try network(sizes, activation, seed: 11)
        for sample in 0..<5 {
            let input = randomInput(sizes[0], seed: UInt64(100 + sample))
            let trace = NetworkTrace(network: network, input: input)
            for digit in 0..<network.outputSize {
                let parts = LogitDecomposition(network: network, trace: trace, digit: digit)
                #expect(parts.contributions.count == (sizes.count > 2 ? sizes[sizes.count - 2] : sizes[0]))
                #expect(parts.contributions.reduce(0, +) + parts.bias == parts.logit)
                #expect(parts.contributions.reversed().reduce(parts.bias, +) == parts.logit)
                #expect(parts.contributions.sorted().reduce(0, +) + parts.bias == parts.logit)
                // And it is the network's own logit, up to float rounding.
                let logit = Double(trace.logits[digit])
                #expect(abs(parts.logit - logit) <= 1e-4 * max(1, abs(logit)))
            }
        }
    }

    @Test("the trace gives the probabilities Network.probabilities gives", arguments: Activation.allCases)
    func traceMatchesInference(activation: Activation) throws {
        let network = try network([784, 32, 16, 10], activation, seed: 5)
        let input = randomInput(784, seed: 9)
        let explanation = Explanation(network: network, input: input)
        #expect(explanation.probabilities == network.probabilities(for: input))
        let trace = NetworkTrace(network: network, input: input)
        let exponentials = trace.logits.map { exp(Double($0 - trace.logits.max()!)) }
        let total = exponentials.reduce(0, +)
        for (p, e) in zip(explanation.probabilities, exponentials) { #expect(abs(Double(p) - e / total) < 1e-5) }
        #expect(explanation.layers.map(\.size) == [32, 16])
    }

    @Test("the evidence map is the logit's gradient times the input (finite differences)",
          arguments: Activation.allCases)
    func evidenceIsGradientTimesInput(activation: Activation) throws {
        let network = try network([30, 12, 8, 10], activation, seed: 3)
        let input = (0..<30).map { Float($0 % 7) / 7 }
        let digit = 4
        let gradient = PixelEvidence.inputGradient(
            network: network, trace: NetworkTrace(network: network, input: input), digit: digit)
        let h: Float = 1e-2
        for i in 0..<30 {
            var up = input, down = input
            up[i] += h; down[i] -= h
            let numeric = (NetworkTrace(network: network, input: up).logits[digit]
                - NetworkTrace(network: network, input: down).logits[digit]) / (2 * h)
            #expect(abs(numeric - gradient[i]) <= 2e-3 + 2e-2 * abs(gradient[i]), "pixel \(i)")
        }
        let evidence = PixelEvidence.map(network: network, trace: NetworkTrace(network: network, input: input),
                                         digit: digit)
        for i in 0..<30 { #expect(evidence[i] == gradient[i] * input[i]) }
        #expect(evidence[0] == 0, "a blank pixel has no evidence")
    }

    /// The property that makes the map honest: take away the k inked pixels it says argue most
    /// for the digit and the logit falls further than when k random inked pixels go.
    /// Needs the real MNIST test images: DIGITS_DATA names their directory (CI sets it).
    @Test("removing the strongest evidence lowers the logit more than removing random ink",
          .enabled(if: ProcessInfo.processInfo.environment["DIGITS_DATA"] != nil, "DIGITS_DATA not set"))
    func removingEvidenceHurtsMost() throws {
        let model = try ModelFile.load(path: ModelLocator.defaultModelPath())
        let test = try MNIST.loadTest(directory: ProcessInfo.processInfo.environment["DIGITS_DATA"] ?? "")
        var generator = SeededGenerator(seed: 42)
        var evidenceDrop = 0.0, randomDrop = 0.0, wins = 0
        let images = 40
        for index in 0..<images {
            let input = test.image(index).map { Float($0) / 255 }
            let explanation = Explanation(network: model.network, input: input)
            let digit = explanation.digit
            let inked = input.indices.filter { input[$0] > 0 }
            let k = inked.count / 10
            let strongest = inked.sorted { explanation.evidence[$0] > explanation.evidence[$1] }.prefix(k)
            var random = inked
            for i in stride(from: random.count - 1, to: 0, by: -1) {
                random.swapAt(i, Int(generator.next() % UInt64(i + 1)))
            }
            func logit(without removed: some Sequence<Int>) -> Double {
                var copy = input
                for pixel in removed { copy[pixel] = 0 }
                return Double(NetworkTrace(network: model.network, input: copy).logits[digit])
            }
            let before = Double(explanation.trace.logits[digit])
            let byEvidence = before - logit(without: strongest)
            let byChance = before - logit(without: random.prefix(k))
            evidenceDrop += byEvidence
            randomDrop += byChance
            if byEvidence > byChance { wins += 1 }
        }
        #expect(evidenceDrop > 2 * randomDrop, "mean drops: evidence \(evidenceDrop / Double(images)), random \(randomDrop / Double(images))")
        #expect(wins >= images * 9 / 10, "evidence beat random on \(wins) of \(images) images")
    }

    @Test("active units: above zero for ReLU, above one half for sigmoid")
    func activeUnits() {
        let values: [Float] = [0, 0.2, 0.6, 0.9]
        #expect(LayerActivity(index: 0, activations: values, activation: .relu).activeCount == 3)
        #expect(LayerActivity(index: 1, activations: values, activation: .sigmoid).activeCount == 2)
        #expect(LayerActivity(index: 1, activations: values, activation: .sigmoid).summary
                == "hidden 2 · 4 units · 50% active")
    }

    @Test("strongest units: largest for first, most negative against first, no zeros")
    func strongestUnits() throws {
        let network = try network([784, 64, 10], .relu, seed: 2)
        let trace = NetworkTrace(network: network, input: randomInput(784, seed: 1))
        let parts = LogitDecomposition(network: network, trace: trace, digit: 3)
        let (supporting, opposing) = parts.strongest(5)
        #expect(supporting.map(\.value) == supporting.map(\.value).sorted(by: >))
        #expect(opposing.map(\.value) == opposing.map(\.value).sorted())
        #expect(supporting.allSatisfy { $0.value > 0 } && opposing.allSatisfy { $0.value < 0 })
        #expect(supporting.first?.value == parts.contributions.max())
    }
}
