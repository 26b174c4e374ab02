import DigitsCore

/// The keyboard cursor: a screen pixel of the canvas (one cell across, half a cell down).
public struct CursorPosition: Hashable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    /// The pixel's centre, where the brush goes.
    public var centre: ScreenPixelPoint { ScreenPixelPoint(x: Float(x) + 0.5, y: Float(y) + 0.5) }
}
