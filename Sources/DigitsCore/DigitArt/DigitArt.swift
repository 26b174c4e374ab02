/// Draws a grey-scale image (such as a 28x28 MNIST digit) as lines of plain text.
///
/// The default ramp is `" .:-=+*#%@"`: ten characters from blank to the densest ASCII glyph,
/// chosen because they grow in ink steadily in almost every monospaced font, and because they
/// are plain ASCII, so the art survives pipes, logs and any terminal encoding. Grey values are
/// split into equal bins of 256 / ramp.count values, one per character: with ten characters,
/// 0...25 is blank (MNIST's faint anti-aliasing noise stays invisible) and 231...255 is `@`.
/// The output holds no terminal control codes; a screen that wants colour can shade each cell
/// from `shades`.
public struct DigitArt: Sendable, Equatable {
    /// The default ramp, lightest to darkest.
    public static let standardRamp = " .:-=+*#%@"

    /// The characters for increasing grey levels; the first is drawn for background (0).
    public let ramp: [Character]
    /// How many pixels one character stands for.
    public let scale: ArtScale

    /// Art with `ramp` (lightest first; the standard ramp if it is empty) at `scale`.
    public init(ramp: String = DigitArt.standardRamp, scale: ArtScale = .full) {
        let characters = Array(ramp)
        self.ramp = characters.isEmpty ? Array(DigitArt.standardRamp) : characters
        self.scale = scale
    }

    /// The position in the ramp of grey value `pixel` (0 is background, 255 full ink).
    public func level(of pixel: UInt8) -> Int {
        Int(pixel) * ramp.count / 256
    }

    /// The character drawn for grey value `pixel`.
    public func character(for pixel: UInt8) -> Character {
        ramp[level(of: pixel)]
    }

    /// The grey value behind every character of the art of a `rows` x `columns` image, line by
    /// line: each value is the rounded mean of the pixel block the character stands for.
    /// Missing pixels (a short buffer) count as background.
    public func shades(of pixels: some Collection<UInt8>, rows: Int, columns: Int) -> [[UInt8]] {
        let values = Array(pixels)
        let (width, height) = scale.size(rows: rows, columns: columns)
        let repeats = scale.charactersPerBlock
        var lines: [[UInt8]] = []
        lines.reserveCapacity(height)
        for line in 0..<height {
            var cells: [UInt8] = []
            cells.reserveCapacity(width)
            let top = line * scale.blockHeight, bottom = min(top + scale.blockHeight, rows)
            for block in 0..<(width / repeats) {
                let left = block * scale.blockWidth, right = min(left + scale.blockWidth, columns)
                var sum = 0
                for row in top..<bottom {
                    for column in left..<right {
                        let index = row * columns + column
                        if index < values.count { sum += Int(values[index]) }
                    }
                }
                let area = (bottom - top) * (right - left)
                let mean = UInt8((sum + area / 2) / area)
                for _ in 0..<repeats { cells.append(mean) }
            }
            lines.append(cells)
        }
        return lines
    }

    /// The art of a `rows` x `columns` image stored row by row: one string per line, every line
    /// the same width (trailing blanks kept, so lines can be placed side by side).
    public func lines(of pixels: some Collection<UInt8>, rows: Int, columns: Int) -> [String] {
        shades(of: pixels, rows: rows, columns: columns).map { String($0.map(character(for:))) }
    }

    /// The art of image `index` of `dataset`.
    public func lines(ofImage index: Int, in dataset: Dataset) -> [String] {
        lines(of: dataset.image(index), rows: dataset.rows, columns: dataset.columns)
    }
}

extension DigitArt {
    /// The art of a network input (values 0...1, row-major, MNIST's 28x28 unless `side` says
    /// otherwise), each value as the grey byte it would be in MNIST (value x 255, rounded).
    public func lines(ofInput input: [Float], side: Int = MNISTFormat.side) -> [String] {
        let pixels = input.map { UInt8((min(max($0, 0), 1) * 255).rounded()) }
        return lines(of: pixels, rows: side, columns: side)
    }
}
