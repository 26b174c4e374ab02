import DigitsCore

extension FuzzTarget {
    /// PGM images (binary P5 and plain P2), then the preprocessing a loaded image goes
    /// through before the network sees it.
    static let pgm = FuzzTarget(
        name: "pgm",
        summary: "PGM images (PGMImage), then MNIST preprocessing (mnistImage)"
    ) { bytes in
        do throws(PGMError) {
            let image = try PGMImage(parsing: bytes, path: FuzzTarget.path)
            precondition(image.samples.count == image.width * image.height, "PGM samples do not match the header")
            if let pixels = image.mnistImage() {
                precondition(pixels.count == MNISTFormat.side * MNISTFormat.side, "preprocessing gave the wrong size")
                precondition(pixels.allSatisfy { (0...1).contains($0) }, "preprocessing left 0...1")
            }
            return .accepted
        } catch {
            return .rejected(error.description)
        }
    }
}
