/// A rectangle of whole canvas pixels: the part of a canvas that an operation touched, so a
/// screen can redraw only that part.
public struct CanvasRegion: Sendable, Equatable, Hashable {
    /// Pixel columns, left to right.
    public var columns: Range<Int>
    /// Pixel rows, top to bottom.
    public var rows: Range<Int>

    public init(columns: Range<Int>, rows: Range<Int>) {
        self.columns = columns
        self.rows = rows
    }

    /// The smallest region holding both.
    public func union(_ other: CanvasRegion) -> CanvasRegion {
        CanvasRegion(
            columns: min(columns.lowerBound, other.columns.lowerBound)..<max(columns.upperBound, other.columns.upperBound),
            rows: min(rows.lowerBound, other.rows.lowerBound)..<max(rows.upperBound, other.rows.upperBound))
    }
}
