import DigitsCore

extension FuzzTarget {
    /// Drawn-digit sets (the JSON format of Tests/Fixtures/drawn-digits), then each drawing
    /// replayed onto a canvas and reduced to the 28x28 image the network sees.
    static let drawnDigits = FuzzTarget(
        name: "drawn-digits",
        summary: "drawn-digit sets (DrawnDigitSet.decode), then each drawing replayed and preprocessed"
    ) { bytes in
        do throws(DrawnDigitsError) {
            let set = try DrawnDigitSet.decode(bytes, path: FuzzTarget.path)
            for drawing in set.drawings {
                guard let pixels = DrawnDigitReplay.image(for: drawing) else { continue }
                precondition(pixels.count == MNISTFormat.side * MNISTFormat.side, "replay gave the wrong size")
                precondition(pixels.allSatisfy { (0...1).contains($0) }, "replay left 0...1")
            }
            return .accepted
        } catch {
            return .rejected(error.description)
        }
    }
}
