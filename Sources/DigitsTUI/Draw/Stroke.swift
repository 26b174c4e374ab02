import DigitsCore

/// One stroke as drawn: the pointer's path in screen pixels, the brush radius (screen pixels)
/// and whether it painted or erased. Strokes are the unit of undo, and are kept as paths rather
/// than pixels so that a resize can redraw them at the new size.
public struct Stroke: Hashable, Sendable {
    public var points: [ScreenPixelPoint]
    public var radius: Float
    public var erasing: Bool

    public init(points: [ScreenPixelPoint], radius: Float, erasing: Bool) {
        self.points = points
        self.radius = radius
        self.erasing = erasing
    }

    /// The stroke scaled by `factor` about the origin, then moved by (`dx`, `dy`).
    func transformed(scale factor: Float, dx: Float, dy: Float) -> Stroke {
        Stroke(points: points.map { ScreenPixelPoint(x: $0.x * factor + dx, y: $0.y * factor + dy) },
               radius: radius * factor, erasing: erasing)
    }
}

/// Something undoable on the canvas.
public enum DrawingOperation: Hashable, Sendable {
    case stroke(Stroke)
    /// Clearing is undoable too: an accidental `c` loses nothing.
    case clear
}
