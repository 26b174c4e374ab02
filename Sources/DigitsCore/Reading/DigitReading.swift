/// What a network reads in one digit of a number.
public struct DigitReading: Sendable, Equatable {
    /// The digit's ink and the image the network saw.
    public var digit: DigitImage
    /// The ten probabilities.
    public var probabilities: [Float]

    public init(digit: DigitImage, probabilities: [Float]) {
        self.digit = digit
        self.probabilities = probabilities
    }

    /// The most probable digit.
    public var prediction: Int {
        probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
    }

    /// The probability of `prediction`: how sure the network is of this digit.
    public var confidence: Float {
        probabilities.isEmpty ? 0 : probabilities[prediction]
    }

    /// Each digit read by `network`, in order. Empty when the network does not take 28x28
    /// images.
    public static func read(_ digits: [DigitImage], with network: Network) -> [DigitReading] {
        guard network.inputSize == MNISTFormat.side * MNISTFormat.side else { return [] }
        return digits.map { DigitReading(digit: $0, probabilities: network.probabilities(for: $0.image)) }
    }

    /// The number read, its digits left to right: "42".
    public static func text(_ readings: [DigitReading]) -> String {
        readings.map { String($0.prediction) }.joined()
    }
}
