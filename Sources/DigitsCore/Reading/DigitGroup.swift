/// Pieces of ink read as one digit, and the box they fill.
public struct DigitGroup: Hashable, Sendable {
    /// Indices of the pieces, into the list given to `DigitGrouping.groups`, ascending.
    public var pieces: [Int]
    /// The ink's extent: the union of the pieces'.
    public var left: Float
    public var right: Float
    public var top: Float
    public var bottom: Float

    public var width: Float { right - left }
    public var height: Float { bottom - top }

    init(piece index: Int, _ piece: InkPiece) {
        pieces = [index]
        left = piece.left
        right = piece.right
        top = piece.top
        bottom = piece.bottom
    }

    /// Takes in `other`'s pieces and widens the box over them.
    mutating func absorb(_ other: DigitGroup) {
        pieces = (pieces + other.pieces).sorted()
        left = min(left, other.left)
        right = max(right, other.right)
        top = min(top, other.top)
        bottom = max(bottom, other.bottom)
    }
}
