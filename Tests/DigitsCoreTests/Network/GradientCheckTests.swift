import Foundation
import Testing
@testable import DigitsCore

/// Finite-difference checks of every backward pass: each analytic gradient must match
/// (f(x + h) - f(x - h)) / 2h computed in double precision around the same point.
@Suite("Gradient checks")
struct GradientCheckTests {
    /// Relative error between an analytic and a numeric derivative, robust near zero.
    func relativeError(_ a: Double, _ b: Double) -> Double {
        abs(a - b) / max(abs(a) + abs(b), 1e-4)
    }

    func randomValues(_ count: Int, _ generator: inout SeededGenerator, scale: Float = 1) -> [Float] {
        (0..<count).map { _ in generator.nextNormal() * scale }
    }

    @Test("softmax cross-entropy: dL/dlogits, for one-hot and uniform (not a digit) targets", arguments: [
        [UInt8(0), 3, 4], [0, SoftmaxCrossEntropy.uniformLabel, 4],
        [SoftmaxCrossEntropy.uniformLabel, SoftmaxCrossEntropy.uniformLabel, SoftmaxCrossEntropy.uniformLabel],
    ])
    func softmaxCrossEntropy(labels: [UInt8]) {
        var generator = SeededGenerator(seed: 7)
        let batch = 3, classes = 5
        let logits = randomValues(batch * classes, &generator, scale: 2)
        func loss(_ z: [Float]) -> Double {
            var probabilities = [Float](repeating: 0, count: z.count)
            return Double(SoftmaxCrossEntropy.forward(logits: z, probabilities: &probabilities, labels: labels,
                                                      batch: batch, classes: classes))
        }
        var probabilities = [Float](repeating: 0, count: logits.count)
        _ = SoftmaxCrossEntropy.forward(logits: logits, probabilities: &probabilities, labels: labels,
                                        batch: batch, classes: classes)
        var gradients = [Float](repeating: 0, count: logits.count)
        SoftmaxCrossEntropy.backward(probabilities: probabilities, labels: labels, batch: batch, classes: classes,
                                     logitGradients: &gradients)
        for i in 0..<logits.count {
            var plus = logits, minus = logits
            plus[i] += 1e-2; minus[i] -= 1e-2
            let numeric = (loss(plus) - loss(minus)) / 2e-2
            #expect(relativeError(Double(gradients[i]), numeric) < 1e-2, "logit \(i)")
        }
    }

    @Test("the uniform target's loss is the cross-entropy against 1/classes, smallest (log classes) at equal logits")
    func uniformTargetLoss() {
        let uniform = SoftmaxCrossEntropy.uniformLabel
        var probabilities = [Float](repeating: 0, count: 4)
        let flat = SoftmaxCrossEntropy.forward(logits: [3, 3, 3, 3], probabilities: &probabilities, labels: [uniform],
                                               batch: 1, classes: 4)
        #expect(abs(flat - log(4)) < 1e-6)
        let logits: [Float] = [2, -1, 0.5, 4]
        _ = SoftmaxCrossEntropy.forward(logits: logits, probabilities: &probabilities, labels: [uniform],
                                        batch: 1, classes: 4)
        let expected = -probabilities.map { Double(log($0)) }.reduce(0, +) / 4
        let loss = SoftmaxCrossEntropy.forward(logits: logits, probabilities: &probabilities, labels: [uniform],
                                               batch: 1, classes: 4)
        #expect(abs(Double(loss) - expected) < 1e-5)
        #expect(Double(loss) > log(4))
        // Huge logits stay finite, as for a one-hot target.
        let huge = SoftmaxCrossEntropy.forward(logits: [1000, -1000, 0, 0], probabilities: &probabilities,
                                               labels: [uniform], batch: 1, classes: 4)
        #expect(huge.isFinite && huge > 500)
    }

    @Test("softmax is stable for huge logits and sums to one")
    func softmaxStability() {
        let logits: [Float] = [1000, 999, -1000, 0]
        var out = [Float](repeating: 0, count: 4)
        SoftmaxCrossEntropy.softmax(logits: logits, probabilities: &out, batch: 1, classes: 4)
        #expect(out.allSatisfy { $0.isFinite })
        #expect(abs(out.reduce(0, +) - 1) < 1e-6)
        #expect(out[0] > out[1] && out[1] > out[3])
        var probabilities = [Float](repeating: 0, count: 4)
        let loss = SoftmaxCrossEntropy.forward(logits: logits, probabilities: &probabilities, labels: [2],
                                               batch: 1, classes: 4)
        #expect(loss.isFinite && loss > 1000)
        #expect(probabilities == out)
    }

    @Test("a label that is not one of the classes stops the loss instead of reading past its row")
    func labelOutOfRange() async {
        await #expect(processExitsWith: .failure) {
            var probabilities = [Float](repeating: 0, count: 3)
            _ = SoftmaxCrossEntropy.forward(logits: [1, 2, 3], probabilities: &probabilities, labels: [3],
                                            batch: 1, classes: 3)
        }
        await #expect(processExitsWith: .failure) {
            var gradients = [Float](repeating: 0, count: 3)
            SoftmaxCrossEntropy.backward(probabilities: [0.2, 0.3, 0.5], labels: [7], batch: 1, classes: 3,
                                         logitGradients: &gradients)
        }
    }

    @Test("activations: backward matches finite differences", arguments: Activation.allCases)
    func activation(_ activation: Activation) {
        var generator = SeededGenerator(seed: 3)
        // Keep ReLU inputs away from the kink at zero, where the derivative is undefined.
        let inputs = randomValues(20, &generator).map { abs($0) < 0.05 ? $0 + 0.2 : $0 }
        let upstream = randomValues(20, &generator)
        var outputs = inputs
        activation.forward(&outputs, count: inputs.count)
        var gradient = upstream
        activation.backward(output: outputs, gradient: &gradient, count: inputs.count)
        for i in 0..<inputs.count {
            var plus = [inputs[i] + 1e-3], minus = [inputs[i] - 1e-3]
            activation.forward(&plus, count: 1)
            activation.forward(&minus, count: 1)
            let numeric = Double(upstream[i]) * Double(plus[0] - minus[0]) / 2e-3
            #expect(relativeError(Double(gradient[i]), numeric) < 1e-2, "\(activation) at \(inputs[i])")
        }
    }

    @Test("dense layer: dL/dW, dL/db and dL/dx")
    func denseLayer() {
        var generator = SeededGenerator(seed: 11)
        let batch = 4, inputs = 6, outputs = 3
        let layer = DenseLayer(inputs: inputs, outputs: outputs, weightOffset: 0, biasOffset: inputs * outputs)
        let parameters = randomValues(inputs * outputs + outputs, &generator)
        let x = randomValues(batch * inputs, &generator)
        let upstream = randomValues(batch * outputs, &generator)
        // L = sum(upstream * layer(x)), so dL/dy = upstream.
        func loss(_ p: [Float], _ x: [Float]) -> Double {
            var y = [Float](repeating: 0, count: batch * outputs)
            layer.forward(input: x, output: &y, batch: batch, parameters: p)
            return zip(y, upstream).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        var gradients = [Float](repeating: 0, count: parameters.count)
        var dx = [Float](repeating: 0, count: batch * inputs)
        layer.backward(input: x, outputGradient: upstream, inputGradient: &dx, batch: batch,
                       parameters: parameters, gradients: &gradients)
        for i in 0..<parameters.count {
            var plus = parameters, minus = parameters
            plus[i] += 1e-2; minus[i] -= 1e-2
            let numeric = (loss(plus, x) - loss(minus, x)) / 2e-2
            #expect(relativeError(Double(gradients[i]), numeric) < 1e-2, "parameter \(i)")
        }
        for i in 0..<x.count {
            var plus = x, minus = x
            plus[i] += 1e-2; minus[i] -= 1e-2
            let numeric = (loss(parameters, plus) - loss(parameters, minus)) / 2e-2
            #expect(relativeError(Double(dx[i]), numeric) < 1e-2, "input \(i)")
        }
        // Accumulating a second identical pass doubles the parameter gradients.
        var accumulated = gradients
        layer.backward(input: x, outputGradient: upstream, inputGradient: nil, batch: batch,
                       parameters: parameters, gradients: &accumulated, accumulate: true)
        for i in 0..<gradients.count { #expect(abs(accumulated[i] - 2 * gradients[i]) < 1e-4) }
    }

    /// `uniformRows`: every other row is not a digit (label `uniformLabel`, uniform target), as
    /// when training with negatives.
    @Test("whole network: every parameter's gradient", arguments: [
        ([5, 4, 3], Activation.relu, false), ([5, 4, 3], .sigmoid, false), ([6, 5, 4, 3], .relu, false),
        ([4, 3], .relu, false), ([5, 4, 3], .relu, true), ([6, 5, 4, 3], .sigmoid, true),
    ])
    func network(sizes: [Int], activation: Activation, uniformRows: Bool) throws {
        var generator = SeededGenerator(seed: 5)
        var network = try Network(sizes: sizes, activation: activation, seed: 9)
        // Biases too, so the check covers them away from zero.
        network.parameters = network.parameters.map { $0 + generator.nextNormal() * 0.1 }
        let batch = 4
        let x = randomValues(batch * sizes[0], &generator)
        let labels: [UInt8] = (0..<batch).map {
            uniformRows && $0 % 2 == 1 ? SoftmaxCrossEntropy.uniformLabel : UInt8($0 % sizes.last!)
        }
        let workspace = Workspace(for: network, capacity: batch)
        func loss(_ n: Network) -> Double {
            Double(workspace.forwardBackward(n, input: x, labels: labels, batch: batch))
        }
        _ = loss(network)
        let analytic = Array(workspace.gradients)
        for i in 0..<network.parameters.count {
            var plus = network, minus = network
            plus.parameters[i] += 1e-2; minus.parameters[i] -= 1e-2
            let numeric = (loss(plus) - loss(minus)) / 2e-2
            #expect(relativeError(Double(analytic[i]), numeric) < 2e-2, "parameter \(i) of \(network.architecture)")
        }
        // A row that is not a digit is never read right.
        if uniformRows { #expect(workspace.correctCount(labels: labels, batch: batch) <= batch / 2) }
    }

    @Test("chunked accumulation equals one big batch")
    func chunkedBatch() throws {
        var generator = SeededGenerator(seed: 2)
        let network = try Network(sizes: [8, 5, 3], activation: .relu, seed: 1)
        let x = randomValues(6 * 8, &generator)
        let labels: [UInt8] = [0, 1, 2, 0, 1, 2]
        let whole = Workspace(for: network, capacity: 6)
        whole.forwardBackward(network, input: x, labels: labels, batch: 6)
        let chunked = Workspace(for: network, capacity: 3)
        x.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { l in
                chunked.forwardBackward(network, input: x.baseAddress!, labels: l.baseAddress!, batch: 3, meanOver: 6)
                chunked.forwardBackward(network, input: x.baseAddress! + 24, labels: l.baseAddress! + 3, batch: 3,
                                        meanOver: 6, accumulate: true)
            }
        }
        for (a, b) in zip(whole.gradients, chunked.gradients) { #expect(abs(a - b) < 1e-5) }
    }
}
