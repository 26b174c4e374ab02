/// Turns a photo or scan of a digit into clean ink for MNIST's recipe. The border (the
/// outermost ring of pixels) stands for the paper; its statistics (`BorderStatistics`) are
/// robust ones, so the page's edge or a table along a side or two does not count as paper.
/// One step at a time:
///
/// 1. **Polarity**: dark ink on light paper (a bright border) is inverted, so ink is bright,
///    as in MNIST.
/// 2. **Uneven lighting**: when the border itself varies (a shadow, a lamp's falloff; its
///    deviation over `unevenBorder`), a large-scale background estimate
///    (`BackgroundEstimate`: the median of each block, outlier blocks replaced, interpolated) is subtracted, so paper is
///    about 0 everywhere.
/// 3. **Paper and contrast**: everything up to the border's noise floor (its level plus three
///    deviations) becomes 0; the rest is stretched so the strongest ink is 1, as MNIST's
///    strokes are.
/// 4. **Specks and the page border** (`InkComponents`): connected pieces of ink smaller than
///    a speck (`speckSide`) are dropped, and so are pieces lying along the image's edge (the
///    page's edge, a shadow, the table beyond) unless nothing else is left.
/// 5. **Crop** to the ink that is left, stretched again if the strongest ink was dropped.
///
/// A clean image, such as an MNIST digit saved as PGM (black uniform border, ink reaching 1,
/// one piece), passes steps 1-4 unchanged, so it reads exactly as it did before this cleaning
/// existed; steps 1 and 3 are `PGMImage.ink()`.
public enum InkCleanup {
    /// A border whose brightness varies more than this (standard deviation) is unevenly lit.
    /// Scanner noise and grey paper stay below it; a lighting gradient of a tenth of the
    /// range across the page is above.
    public static let unevenBorder: Float = 0.03
    /// After the background estimate is subtracted, ink must stand at least this far above it:
    /// the estimate is smooth and the paper between the border's pixels is not, quite.
    public static let estimateError: Float = 0.05
    /// A piece of ink whose pixel count is below (this x the longer side) squared, rounded up,
    /// is a speck: 2% of the side, under 32 pixels in a 280-pixel image; nothing at MNIST's 28
    /// pixels, where every pixel may matter.
    public static let speckSide: Float = 0.02
    /// A piece of ink touching an edge, spanning at least this share of the width or height...
    public static let borderLength: Float = 0.5
    /// ...and lying (nearly all of it) within this share of the image from its edges, is the
    /// page's border, a shadow or the table beyond: a digit cut by the edge reaches into the image.
    public static let borderDepth: Float = 0.15
    /// A piece of ink touching an edge and covering at least this share of the image is the
    /// table beyond the page, or a shadow, whatever its shape.
    public static let borderArea: Float = 0.4

    /// Ink cropped from an image: `values` row-major, 0 background to 1 full ink.
    public struct Ink: Sendable, Equatable {
        public let width: Int
        public let height: Int
        public let values: [Float]
        /// Where the crop's top-left pixel lies in the image it was cut from.
        public var left = 0, top = 0
    }

    /// The cleaned, cropped ink of `image`; nil when none is left.
    public static func ink(of image: GreyImage) -> Ink? {
        let width = image.width, height = image.height
        var values = image.brightness
        invertIfDarkOnLight(&values, width: width, height: height)
        var margin: Float = 0
        if BorderStatistics(values, width: width, height: height).deviation > unevenBorder {
            let background = BackgroundEstimate(values, width: width, height: height)
            for index in values.indices { values[index] = max(values[index] - background.values[index], 0) }
            margin = estimateError
        }
        guard removePaper(&values, width: width, height: height, margin: margin) else { return nil }

        let longer = Float(max(width, height))
        let components = InkComponents(values, width: width, height: height, edgeBand: borderDepth)
        let speck = Int(((speckSide * longer) * (speckSide * longer)).rounded(.up))
        let kept = components.keep(minimumArea: speck, borderLength: borderLength, borderArea: borderArea)
        guard let box = components.boundingBox(of: kept) else { return nil }

        var cropped = [Float](repeating: 0, count: box.columns.count * box.rows.count)
        var peak: Float = 0
        for y in box.rows {
            for x in box.columns where kept.contains(components.label(x, y)) {
                let value = values[y * width + x]
                cropped[(y - box.rows.lowerBound) * box.columns.count + x - box.columns.lowerBound] = value
                peak = max(peak, value)
            }
        }
        guard peak > 0 else { return nil }
        if peak < 1 { for index in cropped.indices { cropped[index] /= peak } }
        return Ink(width: box.columns.count, height: box.rows.count, values: cropped,
                   left: box.columns.lowerBound, top: box.rows.lowerBound)
    }

    /// Steps 1 and 3 on full-size brightness, without cropping: `PGMImage.ink()`.
    static func basicInk(_ brightness: [Float], width: Int, height: Int) -> [Float] {
        var values = brightness
        invertIfDarkOnLight(&values, width: width, height: height)
        if !removePaper(&values, width: width, height: height) {
            return [Float](repeating: 0, count: values.count)
        }
        return values
    }

    /// True when the paper is bright (the border's paper level over 0.5): dark ink on light paper.
    static func isDarkOnLight(_ brightness: [Float], width: Int, height: Int) -> Bool {
        BorderStatistics(brightness, width: width, height: height).level > 0.5
    }

    private static func invertIfDarkOnLight(_ values: inout [Float], width: Int, height: Int) {
        guard isDarkOnLight(values, width: width, height: height) else { return }
        for index in values.indices { values[index] = 1 - values[index] }
    }

    /// Step 3, with the floor at least `margin` above the paper; false when nothing rises above it.
    private static func removePaper(_ values: inout [Float], width: Int, height: Int, margin: Float = 0) -> Bool {
        let border = BorderStatistics(values, width: width, height: height)
        let floor = border.level + max(3 * border.deviation, margin)
        let peak = values.max() ?? 0
        guard peak > floor else { return false }
        let scale = 1 / (peak - floor)
        for index in values.indices { values[index] = min(max((values[index] - floor) * scale, 0), 1) }
        return true
    }
}

/// The level and spread of the paper, measured on the outermost ring of pixels (the paper, in
/// a photo or scan of one digit) but only on the ring's pixels within `paperTolerance` of the
/// whole image's median (paper covers most of any photo of a digit), so the page's edge or a
/// table along a side or two counts neither as paper nor as its noise. The level is their
/// median; the spread is their 84th percentile less the median (one standard deviation for
/// normal noise, and still right when noise is clipped at white, where a median absolute
/// deviation would be 0). For a clean image, such as an MNIST digit, both are 0.
struct BorderStatistics {
    static let paperTolerance: Float = 0.25

    let level: Float
    let deviation: Float

    init(_ values: [Float], width: Int, height: Int) {
        var ring: [Float] = []
        ring.reserveCapacity(2 * (width + height))
        for x in 0..<width {
            ring.append(values[x])
            if height > 1 { ring.append(values[(height - 1) * width + x]) }
        }
        if height > 2 {
            for y in 1..<(height - 1) {
                ring.append(values[y * width])
                if width > 1 { ring.append(values[y * width + width - 1]) }
            }
        }
        let paper = Self.imageMedian(values)
        let paperLike = ring.filter { abs($0 - paper) <= Self.paperTolerance }
        var kept = (paperLike.isEmpty ? ring : paperLike).sorted()
        guard !kept.isEmpty else {
            level = 0
            deviation = 0
            return
        }
        level = kept[kept.count / 2]
        deviation = kept[min(Int(Float(kept.count) * 0.8413), kept.count - 1)] - level
        kept.removeAll()
    }

    /// The median of the whole image, from a 256-bin histogram (exact enough for comparing
    /// with a tolerance, and linear in the pixels).
    static func imageMedian(_ values: [Float]) -> Float {
        var histogram = [Int](repeating: 0, count: 256)
        for value in values { histogram[Int(min(max(value, 0), 1) * 255)] += 1 }
        var seen = 0
        for (bin, count) in histogram.enumerated() {
            seen += count
            if 2 * seen >= values.count { return Float(bin) / 255 }
        }
        return 1
    }
}
