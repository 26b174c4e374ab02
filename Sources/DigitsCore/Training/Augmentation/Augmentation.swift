import Foundation

/// Random distortions applied to training images so the network reads digits drawn unlike
/// MNIST's scans: rotated, slanted, squashed, thicker or thinner strokes, strokes of one even
/// width as a pen draws them, and 1s and 7s written the continental way.
public struct Augmentation: Sendable, Equatable, Codable {
    /// Fraction of images distorted (the rest are seen as they are).
    public var probability: Float = 0.7
    /// Largest rotation either way, in degrees.
    public var rotation: Float = 12
    /// Largest relative change of size along each axis.
    public var scale: Float = 0.15
    /// Largest horizontal shear (slant), as a fraction of height.
    public var shear: Float = 0.3
    /// Largest shift in pixels either way.
    public var shift: Float = 2
    /// Chance of making strokes thicker or thinner by one pixel.
    public var thickness: Float = 0.5
    /// Chance of redrawing a distorted digit along its centre lines at one even width, as a pen
    /// or the Draw screen's brush makes it (`PenStroke`), instead of changing its thickness.
    public var penStroke: Float = 0.2
    /// Chance of writing a distorted 1 with a flag (and sometimes a foot) and a distorted 7
    /// crossed, as much of the world writes them (`WritingStyle`).
    public var writingStyles: Float = 0.4

    public init() {}

    /// The distortions the shipped model was trained with.
    public static let standard = Augmentation()
}

/// Applies an `Augmentation` to batches of images, from its own seeded generator.
///
/// Each distorted image is warped by a random affine map (rotation, scale per axis, slant,
/// shift) onto a larger field so nothing is cut off, optionally made thicker or thinner, and
/// then put back into MNIST's format by the same `MNISTFormat.normalize` the Draw screen uses,
/// so the network trains on exactly the framing it will see at run time.
struct Augmenter {
    let settings: Augmentation
    var generator: SeededGenerator

    /// The side of the field an image is warped onto: room for 28 pixels scaled up and rotated.
    static let field = 44

    init(_ settings: Augmentation, seed: UInt64) {
        self.settings = settings
        generator = SeededGenerator(seed: seed)
    }

    /// One image's random distortion, drawn up front so the work can run in parallel and still
    /// depend only on the seed.
    struct Distortion {
        /// Inverse affine map from field coordinates (relative to its centre) to source ones.
        var a, b, c, d, shiftX, shiftY: Float
        /// -1 thinner, 0 unchanged, 1 thicker.
        var thickness: Int
        /// The even stroke width (in 28x28 pixels) to redraw the digit with, or nil to keep its own.
        var penWidth: Float?
        /// A stroke added the way some people write this digit, or nil.
        var style: WritingStyle?
    }

    /// Distorts some of the `count` images at `images` (each `rows` x `columns`), whose labels
    /// are at `labels`.
    mutating func distort(_ images: UnsafeMutablePointer<Float>, labels: UnsafePointer<UInt8>, count: Int,
                          rows: Int, columns: Int) {
        var chosen: [(Int, Distortion)] = []
        for index in 0..<count where generator.nextUnitFloat() < settings.probability {
            chosen.append((index, nextDistortion(label: labels[index])))
        }
        let width = rows * columns
        let plans = chosen
        let base = UnsafeMutableSendablePointer(images)
        DispatchQueue.concurrentPerform(iterations: plans.count) { i in
            let (index, plan) = plans[i]
            Self.apply(plan, to: base.pointer + index * width, rows: rows, columns: columns)
        }
    }

    private mutating func nextDistortion(label: UInt8) -> Distortion {
        func uniform(_ range: Float) -> Float { (generator.nextUnitFloat() * 2 - 1) * range }
        func between(_ low: Float, _ high: Float) -> Float { low + generator.nextUnitFloat() * (high - low) }
        let angle = uniform(settings.rotation) * .pi / 180
        let scaleX = 1 + uniform(settings.scale), scaleY = 1 + uniform(settings.scale)
        let shear = uniform(settings.shear)
        // Forward map: M = R(angle) * Shear * Scale; we sample with its inverse.
        let cosA = Foundation.cos(angle), sinA = Foundation.sin(angle)
        let m00 = cosA * scaleX, m01 = (cosA * shear - sinA) * scaleY
        let m10 = sinA * scaleX, m11 = (sinA * shear + cosA) * scaleY
        let determinant = m00 * m11 - m01 * m10
        let roll = generator.nextUnitFloat()
        let thickness = roll < settings.thickness / 2 ? 1 : (roll < settings.thickness ? -1 : 0)
        var distortion = Distortion(a: m11 / determinant, b: -m01 / determinant,
                                    c: -m10 / determinant, d: m00 / determinant,
                                    shiftX: uniform(settings.shift), shiftY: uniform(settings.shift),
                                    thickness: thickness)
        // Drawn only when enabled, so a setting of 0 leaves the other draws (and so the models
        // of older recipes) as they were.
        if settings.penStroke > 0, generator.nextUnitFloat() < settings.penStroke {
            distortion.penWidth = between(StrokeWidth.accepted.lowerBound, StrokeWidth.accepted.upperBound)
            distortion.thickness = 0
        }
        if settings.writingStyles > 0, WritingStyle.applies(to: label), generator.nextUnitFloat() < settings.writingStyles {
            distortion.style = WritingStyle.random(for: label, between)
        }
        return distortion
    }

    /// Warps one image in place (bilinear sampling), changes its stroke width, renormalises.
    static func apply(_ plan: Distortion, to image: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        let n = field
        var warped = [Float](repeating: 0, count: n * n)
        let centre = Float(n) / 2, sourceX = Float(columns) / 2, sourceY = Float(rows) / 2
        warped.withUnsafeMutableBufferPointer { out in
            for y in 0..<n {
                let fy = Float(y) + 0.5 - centre - plan.shiftY
                for x in 0..<n {
                    let fx = Float(x) + 0.5 - centre - plan.shiftX
                    let u = plan.a * fx + plan.b * fy + sourceX - 0.5
                    let v = plan.c * fx + plan.d * fy + sourceY - 0.5
                    out[y * n + x] = bilinear(image, rows: rows, columns: columns, x: u, y: v)
                }
            }
        }
        if let style = plan.style { warped = style.draw(on: warped, side: n) }
        if let width = plan.penWidth, let redrawn = PenStroke.redraw(warped, side: n, width: width) {
            warped = redrawn
        }
        if plan.thickness != 0 { warped = changeThickness(warped, side: n, thicker: plan.thickness > 0) }
        guard var result = MNISTFormat.normalize(pixels: warped, width: n, height: n),
              result.count == rows * columns, let peak = result.max(), peak > 0 else { return }
        // Resampling twice softens the strokes; MNIST's cores are full ink, so restore the peak.
        let gain = 1 / peak
        for i in result.indices { result[i] = min(result[i] * gain, 1) }
        image.update(from: result, count: result.count)
    }

    static func bilinear(_ image: UnsafePointer<Float>, rows: Int, columns: Int, x: Float, y: Float) -> Float {
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let tx = x - Float(x0), ty = y - Float(y0)
        func pixel(_ px: Int, _ py: Int) -> Float {
            px >= 0 && px < columns && py >= 0 && py < rows ? image[py * columns + px] : 0
        }
        let top = pixel(x0, y0) * (1 - tx) + pixel(x0 + 1, y0) * tx
        let bottom = pixel(x0, y0 + 1) * (1 - tx) + pixel(x0 + 1, y0 + 1) * tx
        return top * (1 - ty) + bottom * ty
    }

    /// Thicker: a soft one-pixel grey dilation over the 4-neighbourhood. Thinner: the faint rim
    /// is cut away and the rest stretched back to full range, so cores stay full ink (a true
    /// erosion would wipe out MNIST's two-pixel strokes altogether).
    static func changeThickness(_ pixels: [Float], side n: Int, thicker: Bool) -> [Float] {
        var out = pixels
        for y in 0..<n {
            for x in 0..<n {
                let centre = pixels[y * n + x]
                let up = y > 0 ? pixels[(y - 1) * n + x] : 0
                let down = y < n - 1 ? pixels[(y + 1) * n + x] : 0
                let left = x > 0 ? pixels[y * n + x - 1] : 0
                let right = x < n - 1 ? pixels[y * n + x + 1] : 0
                if thicker {
                    out[y * n + x] = max(centre, 0.8 * max(max(up, down), max(left, right)))
                } else {
                    out[y * n + x] = max(0, (centre - 0.4) / 0.6)
                }
            }
        }
        return out
    }
}

/// A pointer that may cross into `concurrentPerform`: each iteration writes its own image.
private struct UnsafeMutableSendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
}
