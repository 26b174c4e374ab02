/// One piece of ink that belongs wholly to one digit: a stroke on the Draw screen, a run of
/// inked columns in an image. Only its extent matters for grouping, in any unit (canvas or
/// image pixels) as long as every piece of a drawing uses the same.
public struct InkPiece: Hashable, Sendable {
    /// The leftmost and rightmost ink, inclusive: `left <= right`.
    public var left: Float
    public var right: Float
    /// The topmost and lowest ink (y grows downward): `top <= bottom`.
    public var top: Float
    public var bottom: Float

    public init(left: Float, right: Float, top: Float, bottom: Float) {
        self.left = min(left, right)
        self.right = max(left, right)
        self.top = min(top, bottom)
        self.bottom = max(top, bottom)
    }

    /// The ink of a painting stroke: its points widened by the brush radius each way. Nil for
    /// an erasing stroke, a stroke without points, or non-finite coordinates.
    public init?(_ stroke: CanvasStroke) {
        guard !stroke.erasing, let first = stroke.points.first, stroke.radius.isFinite else { return nil }
        var minX = first.x, maxX = first.x, minY = first.y, maxY = first.y
        for point in stroke.points {
            minX = min(minX, point.x); maxX = max(maxX, point.x)
            minY = min(minY, point.y); maxY = max(maxY, point.y)
        }
        guard minX.isFinite, maxX.isFinite, minY.isFinite, maxY.isFinite else { return nil }
        let radius = max(stroke.radius, 0)
        self.init(left: minX - radius, right: maxX + radius, top: minY - radius, bottom: maxY + radius)
    }
}
