import DigitsCore

extension FuzzTarget {
    /// PNG files through libpng (the C shim that keeps its longjmps in C), then the cleaning
    /// and MNIST preprocessing every image goes through.
    static let png = imageTarget(.png, name: "png",
                                 summary: "PNG images (ImageFile via libpng), then cleaning and MNIST preprocessing")

    /// JPEG files through libjpeg, then the same cleaning and preprocessing.
    static let jpeg = imageTarget(.jpeg, name: "jpeg",
                                  summary: "JPEG images (ImageFile via libjpeg), then cleaning and MNIST preprocessing")

    /// Smaller than `ImageLimits.standard` so a header near the limit stays under libFuzzer's
    /// -malloc_limit_mb=64 (scripts/fuzz), which would otherwise report a legitimate 100 MB
    /// allocation as a crash: a megapixel costs at most 2 MB of grey and alpha, or a few MB of
    /// progressive JPEG coefficients. The limit checks themselves are the same code.
    static let imageLimits = ImageLimits(maximumSide: 4096, maximumPixels: 1 << 20, maximumScans: 100)

    private static func imageTarget(_ format: ImageFormat, name: String, summary: String) -> FuzzTarget {
        FuzzTarget(name: name, summary: summary) { bytes in
            // Other signatures go to other decoders, which have their own targets.
            guard ImageFormat.detect(bytes) == format else { return .rejected("not a \(format.rawValue) file") }
            do throws(ImageError) {
                let image = try ImageFile.decode(bytes, path: FuzzTarget.path, limits: imageLimits)
                precondition(image.brightness.count == image.width * image.height, "decoded pixels do not match the size")
                precondition(max(image.width, image.height) <= GreyImage.workingSide, "the image was not reduced")
                precondition(image.brightness.allSatisfy { (0...1).contains($0) }, "brightness left 0...1")
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
}
