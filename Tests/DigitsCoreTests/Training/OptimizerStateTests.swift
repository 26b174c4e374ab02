import Foundation
import Testing
@testable import DigitsCore

/// The optimiser's state (momentum's velocity, Adam's moments) as it decays.
@Suite("Optimiser state")
struct OptimizerStateTests {
    @Test("a velocity or moment left without gradient decays to zero, never into subnormal floats",
          arguments: [OptimizerKind.momentum, .adam])
    func stateStaysNormal(kind: OptimizerKind) throws {
        let network = try Network(sizes: [6, 5, 3], activation: .relu, seed: 2)
        let optimizer = Optimizer(kind, for: network)
        var parameters = network.parameters
        let count = parameters.count
        // One batch with gradients of every size from 0.5 down to 5e-21, then a thousand with
        // none, as a pixel inked once and then never again (subnormal floats are below 1.2e-38).
        var generator = SeededGenerator(seed: 3)
        let first = (0..<count).map { i in pow(Float(10), -Float(i % 21)) * (generator.nextUnitFloat() - 0.5) }
        for step in 0..<1_000 {
            let update = optimizer.nextStep(rate: 0.01)
            var gradients = step == 0 ? first : [Float](repeating: 0, count: count)
            update.apply(0..<count, parameters: &parameters, gradients: &gradients)
            // Momentum keeps one value a parameter, Adam two.
            let state = (0..<count).flatMap { i in
                kind == .adam ? [update.state.first[i], update.state.second[i]] : [update.state.first[i]]
            }
            #expect(!state.contains(where: \.isSubnormal) && !parameters.contains(where: \.isSubnormal),
                    "step \(step)")
            guard kind == .momentum else { continue }
            // The smallest gradients are kept at first (the state is cut only below 1e-30), and
            // by the end (0.9^1000 of them) every velocity is gone.
            if step == 0 { #expect((0..<count).allSatisfy { update.state.first[$0] == first[$0] }) }
            if step == 999 { #expect((0..<count).allSatisfy { update.state.first[$0] == 0 }) }
        }
    }
}
