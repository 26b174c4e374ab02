/// A decoded image as grey levels, 0 black to 1 white, row-major, whatever file it came from
/// (PGM, PNG, JPEG; alpha already composited on white): what `InkCleanup` and then
/// `MNISTFormat` turn into the network's input.
///
/// A photo larger than `workingSide` on its longer side is reduced by area averaging as it
/// is made: a digit needs far fewer pixels than a phone camera takes, and the cleaning's cost
/// then stays bounded whatever the file.
public struct GreyImage: Sendable, Equatable {
    /// The longest side kept; larger images are reduced to it.
    public static let workingSide = 1024

    /// Width in pixels (after any reduction).
    public let width: Int
    /// Height in pixels (after any reduction).
    public let height: Int
    /// Brightness of every pixel, 0 black to 1 white, row-major.
    public let brightness: [Float]

    /// An image of `brightness` (`width * height` values, row-major, 0 black, 1 white), kept
    /// as given: no reduction.
    public init(width: Int, height: Int, brightness: [Float]) {
        precondition(width > 0 && height > 0 && brightness.count == width * height,
                     "\(brightness.count) values for a \(width)x\(height) image")
        self.width = width
        self.height = height
        self.brightness = brightness
    }

    /// An image `width` x `height` whose rows `row(y, buffer)` writes as brightness into a
    /// buffer of `width` values; reduced to `workingSide` on the longer side when larger.
    init(width: Int, height: Int, row: (Int, UnsafeMutableBufferPointer<Float>) -> Void) {
        let longer = max(width, height)
        guard longer > Self.workingSide else {
            var values = [Float](repeating: 0, count: width * height)
            values.withUnsafeMutableBufferPointer { all in
                for y in 0..<height {
                    row(y, UnsafeMutableBufferPointer(rebasing: all[(y * width)..<((y + 1) * width)]))
                }
            }
            self.init(width: width, height: height, brightness: values)
            return
        }
        let scale = Double(Self.workingSide) / Double(longer)
        // Rounded down, so every output pixel is fully covered: a partly covered edge pixel
        // would come out darker than the paper and read as ink.
        let outputWidth = max(1, Int(Double(width) * scale)), outputHeight = max(1, Int(Double(height) * scale))
        let reduced = AreaReduction.reduce(width: width, height: height, scale: scale,
                                           outputWidth: outputWidth, outputHeight: outputHeight, row: row)
        self.init(width: outputWidth, height: outputHeight, brightness: reduced)
    }

    /// The image as the network's input: cleaned (`InkCleanup`), then MNIST's recipe
    /// (`MNISTFormat.normalize`): 784 values in 0...1, row-major 28x28; nil when no ink is left.
    public func mnistImage() -> [Float]? {
        guard let ink = InkCleanup.ink(of: self) else { return nil }
        return MNISTFormat.normalize(pixels: ink.values, width: ink.width, height: ink.height)
    }
}

/// Area-averaging reduction from rows produced one at a time, so the full-size image never
/// needs to exist as floats: each output pixel is the mean of the source area it covers
/// (overlaps are measured in output pixels, so a fully covered pixel's shares sum to 1).
enum AreaReduction {
    static func reduce(width: Int, height: Int, scale: Double, outputWidth: Int, outputHeight: Int,
                       row: (Int, UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
        var output = [Double](repeating: 0, count: outputWidth * outputHeight)
        var source = [Float](repeating: 0, count: width)
        var line = [Double](repeating: 0, count: outputWidth)
        // Where each source column lands is the same for every row.
        let spans = (0..<width).map { x -> (column: Int, first: Double, second: Double) in
            let from = Double(x) * scale, to = from + scale
            let column = Int(from)
            return (column, max(min(to, Double(column + 1)) - from, 0), max(to - Double(column + 1), 0))
        }
        for y in 0..<height {
            let from = Double(y) * scale, to = from + scale
            let first = Int(from)
            guard first < outputHeight else { break }
            source.withUnsafeMutableBufferPointer { row(y, $0) }
            for index in line.indices { line[index] = 0 }
            for x in 0..<width {
                let span = spans[x], value = Double(source[x])
                if span.column < outputWidth { line[span.column] += span.first * value }
                if span.column + 1 < outputWidth { line[span.column + 1] += span.second * value }
            }
            let firstShare = min(to, Double(first + 1)) - from, secondShare = max(to - Double(first + 1), 0)
            for column in 0..<outputWidth {
                output[first * outputWidth + column] += firstShare * line[column]
                if secondShare > 0, first + 1 < outputHeight {
                    output[(first + 1) * outputWidth + column] += secondShare * line[column]
                }
            }
        }
        return output.map { Float(min(max($0, 0), 1)) }
    }
}
