import DigitsCore

extension FuzzTarget {
    /// PGM images (binary P5 and plain P2), then the preprocessing a loaded image goes
    /// through before the network sees it.
    static let pgm = FuzzTarget(
        name: "pgm",
        summary: "PGM images (PGMImage), then MNIST preprocessing (mnistImage) and reading digit by digit (digitImages)"
    ) { bytes in
        do throws(PGMError) {
            let image = try PGMImage(parsing: bytes, path: FuzzTarget.path)
            precondition(image.samples.count == image.width * image.height, "PGM samples do not match the header")
            if let pixels = image.mnistImage() {
                precondition(pixels.count == MNISTFormat.side * MNISTFormat.side, "preprocessing gave the wrong size")
                precondition(pixels.allSatisfy { (0...1).contains($0) }, "preprocessing left 0...1")
            }
            // Digit by digit, as `digits predict` reads a number: boxes inside the image, left to
            // right, territories that tile it.
            let digits = MNISTFormat.digitImages(pixels: image.ink(), width: image.width, height: image.height)
            for digit in digits {
                precondition(digit.image.count == MNISTFormat.side * MNISTFormat.side, "a digit's image has the wrong size")
                let box = digit.pixelBox
                precondition(box.x >= 0 && box.y >= 0 && box.x + box.width <= image.width
                             && box.y + box.height <= image.height, "a digit's box is outside the image")
            }
            precondition(zip(digits, digits.dropFirst()).allSatisfy { $0.columns.upperBound <= $1.columns.lowerBound },
                         "digits overlap or are out of order")
            return .accepted
        } catch {
            return .rejected(error.description)
        }
    }
}
