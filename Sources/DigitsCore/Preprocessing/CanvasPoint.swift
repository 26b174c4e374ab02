/// A position on a `Canvas`, in canvas pixel units: pixel (i, j) covers the square from (i, j)
/// to (i + 1, j + 1), so its centre is (i + 0.5, j + 0.5). Fractional positions are meaningful:
/// the brush is anti-aliased, so a stroke between cell centres of a coarse terminal grid lands
/// exactly where the pointer was.
public struct CanvasPoint: Sendable, Equatable, Hashable {
    /// Distance from the canvas's left edge, in pixels.
    public var x: Float
    /// Distance from the canvas's top edge, in pixels.
    public var y: Float

    public init(x: Float, y: Float) {
        self.x = x
        self.y = y
    }
}
