/// One stroke of a drawing in canvas pixels, kept so the drawing can be painted again.
public struct CanvasStroke: Sendable, Hashable {
    /// The pointer's path; consecutive points differ.
    public var points: [CanvasPoint]
    /// The brush radius, in canvas pixels.
    public var radius: Float
    /// Whether the stroke erased rather than painted.
    public var erasing: Bool

    public init(points: [CanvasPoint], radius: Float, erasing: Bool = false) {
        self.points = points
        self.radius = radius
        self.erasing = erasing
    }
}

/// Keeps the strokes the network reads about as wide as MNIST's, whatever size the digit was
/// drawn at.
///
/// The brush is sized for a digit that fills most of the canvas. A digit drawn small with it
/// has strokes as wide as a third of its height, and once normalised to MNIST's 20-pixel box
/// they merge into a blob: a 4 becomes a 9, an 8 a smudge. A large digit drawn with the smallest
/// brush turns into hairlines. MNIST's strokes come out 2 to 4 pixels wide (see
/// `Canvas.mnistStrokeWidth`), so when a drawing's would not, the network reads it painted again
/// with the brush that gives the nearest width in that range. The screen's canvas stays as
/// drawn; the network's view beside it shows what is read.
public enum StrokeWidth {
    /// Normalised stroke widths read as drawn, in 28x28 pixels: MNIST's own spread.
    public static let accepted: ClosedRange<Float> = 2.0...4.0

    /// The width, in 28x28 pixels, of strokes of `radius` on a digit whose centre lines span
    /// `span` canvas pixels: the brush lays down 2r of ink across its path, and normalising
    /// scales the ink's bounding box (span + 2r) to 20 pixels.
    public static func normalizedWidth(radius: Float, span: Float) -> Float {
        2 * radius * Float(MNISTFormat.boxSide) / (span + 2 * radius)
    }

    /// The radius that gives normalised strokes `width` wide on a digit spanning `span`.
    public static func radius(forWidth width: Float, span: Float) -> Float {
        width * span / (2 * (Float(MNISTFormat.boxSide) - width))
    }

    /// The span, in canvas pixels, a drawing is repainted at when it is larger: normalising
    /// takes it to 20 pixels, so this keeps four canvas pixels to each for the anti-aliasing,
    /// and a repaint costs the same on any terminal (a full-size one took 1.5 ms at 200x60).
    static let repaintSpan: Float = 80

    /// How a drawing must be painted again for the network, or nil when it reads as drawn.
    struct Correction {
        /// What the painting strokes' brushes are multiplied by.
        let brushFactor: Float
        /// The painting strokes' centre lines: left, top, and the longer side.
        let left: Float, top: Float, span: Float
    }

    /// How much to scale the painting strokes' brushes so their normalised width falls in
    /// `accepted`; nil when it already does (or the drawing is a single point).
    static func correction(for strokes: [CanvasStroke]) -> Correction? {
        var minX = Float.infinity, minY = Float.infinity, maxX = -Float.infinity, maxY = -Float.infinity
        var radiusSum: Float = 0, points = 0
        for stroke in strokes where !stroke.erasing {
            for point in stroke.points {
                minX = min(minX, point.x); maxX = max(maxX, point.x)
                minY = min(minY, point.y); maxY = max(maxY, point.y)
            }
            radiusSum += stroke.radius * Float(stroke.points.count)
            points += stroke.points.count
        }
        let span = max(maxX - minX, maxY - minY)
        guard points > 0, span > 0, radiusSum > 0 else { return nil }
        let radius = radiusSum / Float(points)
        let width = normalizedWidth(radius: radius, span: span)
        guard !accepted.contains(width) else { return nil }
        let target = min(max(width, accepted.lowerBound), accepted.upperBound)
        return Correction(brushFactor: Self.radius(forWidth: target, span: span) / radius,
                          left: minX, top: minY, span: span)
    }
}

extension Canvas {
    /// The image the network reads from a drawing made of `strokes` (this canvas is them
    /// painted): `mnistImage()`, unless the strokes would come out thinner or thicker than
    /// MNIST's (`StrokeWidth`). Then the strokes are painted again with scaled brushes (erasers
    /// keep theirs) on a canvas just big enough, the whole drawing shrunk to at most
    /// `StrokeWidth.repaintSpan` across.
    public func mnistImage(strokes: [CanvasStroke]) -> [Float]? {
        guard let correction = StrokeWidth.correction(for: strokes) else { return mnistImage() }
        let shrink = min(1, StrokeWidth.repaintSpan / correction.span)
        let painting = strokes.filter { !$0.erasing }
        let reach = (painting.map(\.radius).max() ?? 0) * correction.brushFactor * shrink + 2
        let side = Int((correction.span * shrink + 2 * reach).rounded(.up)) + 1
        var canvas = Canvas(width: side, height: side)
        for stroke in strokes {
            let points = stroke.points.map {
                CanvasPoint(x: ($0.x - correction.left) * shrink + reach, y: ($0.y - correction.top) * shrink + reach)
            }
            let radius = (stroke.erasing ? stroke.radius : stroke.radius * correction.brushFactor) * shrink
            canvas.paint(CanvasStroke(points: points, radius: radius, erasing: stroke.erasing))
        }
        return canvas.mnistImage()
    }
}
