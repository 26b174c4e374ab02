/// How many pixels one character of digit art stands for. Terminal cells are about twice as
/// tall as they are wide, so every scale keeps a pixel block's drawn width about equal to its
/// height and the digit keeps its shape.
public enum ArtScale: String, Sendable, CaseIterable {
    /// Two characters per pixel, one line per pixel row: 28x28 becomes 56 columns by 28 lines.
    case full
    /// One character per pixel, one line per two pixel rows (averaged): 28x28 becomes 28 by 14.
    case half
    /// One character per 2x4 block of pixels (averaged): 28x28 becomes 14 by 7, for thumbnails.
    case quarter

    /// Pixel columns averaged into one character.
    public var blockWidth: Int {
        switch self {
        case .full, .half: 1
        case .quarter: 2
        }
    }

    /// Pixel rows averaged into one line.
    public var blockHeight: Int {
        switch self {
        case .full: 1
        case .half: 2
        case .quarter: 4
        }
    }

    /// Characters drawn for each block.
    public var charactersPerBlock: Int { self == .full ? 2 : 1 }

    /// Columns and lines of the art of a `rows` x `columns` image; a partial block at the
    /// right or bottom edge still gets its character.
    public func size(rows: Int, columns: Int) -> (width: Int, height: Int) {
        let blocksAcross = (max(columns, 0) + blockWidth - 1) / blockWidth
        let blocksDown = (max(rows, 0) + blockHeight - 1) / blockHeight
        return (blocksAcross * charactersPerBlock, blocksDown)
    }
}
