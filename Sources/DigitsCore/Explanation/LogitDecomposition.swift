/// A digit's logit taken apart: the output bias plus one contribution per unit of the layer
/// that feeds the output (activation x the weight from that unit to the digit).
///
/// The parts add up to `logit` exactly, in any order, in double precision: every part is
/// rounded to a common power-of-two step chosen so small that all their sums are whole
/// multiples of it below 2^52, where doubles hold integers exactly. That rounding moves each
/// product by far less than float arithmetic already did, so `logit` agrees with the forward
/// pass's float logit to within its rounding.
public struct LogitDecomposition: Sendable, Equatable {
    /// The digit (output unit) explained.
    public let digit: Int
    /// `bias` plus the sum of `contributions`, exactly.
    public let logit: Double
    /// The output layer's bias for `digit`.
    public let bias: Double
    /// One value per unit of the last hidden layer (or per input without hidden layers).
    public let contributions: [Double]

    /// Decomposes `digit`'s logit for the traced input.
    public init(network: Network, trace: NetworkTrace, digit: Int) {
        precondition((0..<network.outputSize).contains(digit), "digit \(digit) is not an output of the network")
        let last = network.layers.count - 1
        let layer = network.layers[last]
        let activations = trace.lastActivations
        let products: [Double] = network.weights(ofLayer: last).withUnsafeBufferPointer { weights in
            let row = digit * layer.inputs
            return activations.indices.map { Double(activations[$0]) * Double(weights[row + $0]) }
        }
        let biases = network.bias(ofLayer: last)
        let rawBias = Double(biases[biases.startIndex + digit])
        let step = Self.step(largest: products.reduce(abs(rawBias)) { max($0, abs($1)) },
                             terms: products.count + 1)
        self.digit = digit
        bias = Self.round(rawBias, to: step)
        contributions = products.map { Self.round($0, to: step) }
        logit = contributions.reduce(bias, +)
    }

    /// The power of two such that `terms` values of magnitude at most `largest`, each a
    /// multiple of it, sum to less than 2^52 steps.
    static func step(largest: Double, terms: Int) -> Double {
        guard largest > 0, largest.isFinite else { return 1 }
        // One extra bit of margin for rounding each term up by half a step.
        let exponent = Int((largest * Double(terms)).exponent) + 2 - 52
        return Double(sign: .plus, exponent: exponent, significand: 1)
    }

    static func round(_ value: Double, to step: Double) -> Double {
        // Adding zero turns a rounded -0 into 0, which reads better in JSON.
        (value / step).rounded() * step + 0
    }

    /// Units ranked by contribution: the `count` that add most for the digit (positive, largest
    /// first) and the `count` that take most away (negative, most negative first).
    public func strongest(_ count: Int) -> (supporting: [UnitContribution], opposing: [UnitContribution]) {
        let ranked = contributions.enumerated().map { UnitContribution(unit: $0.offset, value: $0.element) }
        let supporting = ranked.filter { $0.value > 0 }.sorted { ($0.value, $1.unit) > ($1.value, $0.unit) }
        let opposing = ranked.filter { $0.value < 0 }.sorted { ($0.value, $0.unit) < ($1.value, $1.unit) }
        return (Array(supporting.prefix(count)), Array(opposing.prefix(count)))
    }
}

/// One unit's share of a logit.
public struct UnitContribution: Sendable, Equatable {
    /// The unit's index in its layer.
    public let unit: Int
    /// Its activation x its weight to the digit.
    public let value: Double
}
