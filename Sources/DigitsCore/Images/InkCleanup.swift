/// Turns a photo or scan of a digit into clean ink for MNIST's recipe, one step at a time:
///
/// 1. **Polarity**: dark ink on light paper (a bright border on average) is inverted, so ink
///    is bright, as in MNIST.
/// 2. **Uneven lighting**: when the border itself varies (a shadow, a lamp's falloff; its
///    standard deviation over `unevenBorder`), a large-scale background estimate
///    (`BackgroundEstimate`: a low percentile per block, smoothed) is subtracted, so paper is
///    about 0 everywhere.
/// 3. **Paper and contrast**: everything up to the border's noise floor (its mean plus three
///    standard deviations) becomes 0; the rest is stretched so the strongest ink is 1, as
///    MNIST's strokes are.
/// 4. **Specks and the page border** (`InkComponents`): connected pieces of ink smaller than
///    a speck (`speckSide` of the longer side, squared) are dropped, and so are pieces that
///    run along the image's edge (the page's edge, a table beyond it) unless nothing else is
///    left.
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
    /// A piece of ink whose pixel count is below (this x the longer side) squared is a speck:
    /// 1.5% of the side, about 4x4 pixels in a 280-pixel image; nothing at MNIST's 28 pixels,
    /// where every pixel may matter.
    public static let speckSide: Float = 0.015
    /// A piece of ink touching the edge along at least this share of that edge is the page's
    /// border, not a stroke (a stroke cut by the edge touches it along its width only).
    public static let borderContact: Float = 0.25
    /// A piece of ink touching the edge and covering at least this share of the image is the
    /// table beyond the page, or a shadow.
    public static let borderArea: Float = 0.25

    /// Ink cropped from an image: `values` row-major, 0 background to 1 full ink.
    public struct Ink: Sendable, Equatable {
        public let width: Int
        public let height: Int
        public let values: [Float]
    }

    /// The cleaned, cropped ink of `image`; nil when none is left.
    public static func ink(of image: GreyImage) -> Ink? {
        let width = image.width, height = image.height
        var values = image.brightness
        invertIfDarkOnLight(&values, width: width, height: height)
        if BorderStatistics(values, width: width, height: height).deviation > unevenBorder {
            let background = BackgroundEstimate(values, width: width, height: height)
            for index in values.indices { values[index] = max(values[index] - background.values[index], 0) }
        }
        guard removePaper(&values, width: width, height: height) else { return nil }

        let longer = Float(max(width, height))
        let components = InkComponents(values, width: width, height: height)
        let speck = Int((speckSide * longer) * (speckSide * longer))
        let kept = components.keep(minimumArea: speck, borderContact: borderContact, borderArea: borderArea)
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
        return Ink(width: box.columns.count, height: box.rows.count, values: cropped)
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

    /// True when the border is bright on average: dark ink on light paper.
    static func isDarkOnLight(_ brightness: [Float], width: Int, height: Int) -> Bool {
        BorderStatistics(brightness, width: width, height: height).mean > 0.5
    }

    private static func invertIfDarkOnLight(_ values: inout [Float], width: Int, height: Int) {
        guard isDarkOnLight(values, width: width, height: height) else { return }
        for index in values.indices { values[index] = 1 - values[index] }
    }

    /// Step 3; false when nothing rises above the paper.
    private static func removePaper(_ values: inout [Float], width: Int, height: Int) -> Bool {
        let border = BorderStatistics(values, width: width, height: height)
        let floor = border.mean + 3 * border.deviation
        let peak = values.max() ?? 0
        guard peak > floor else { return false }
        let scale = 1 / (peak - floor)
        for index in values.indices { values[index] = min(max((values[index] - floor) * scale, 0), 1) }
        return true
    }
}

/// Mean and standard deviation of the outermost ring of pixels: the paper, in a photo or
/// scan of one digit.
struct BorderStatistics {
    let mean: Float
    let deviation: Float

    init(_ values: [Float], width: Int, height: Int) {
        var sum: Double = 0, squares: Double = 0, count = 0
        func add(_ x: Int, _ y: Int) {
            let value = Double(values[y * width + x])
            sum += value
            squares += value * value
            count += 1
        }
        for x in 0..<width {
            add(x, 0)
            if height > 1 { add(x, height - 1) }
        }
        if height > 2 {
            for y in 1..<(height - 1) {
                add(0, y)
                if width > 1 { add(width - 1, y) }
            }
        }
        guard count > 0 else {
            mean = 0
            deviation = 0
            return
        }
        let average = sum / Double(count)
        mean = Float(average)
        deviation = Float(max(squares / Double(count) - average * average, 0).squareRoot())
    }
}
