/// A terminal cell, as a mouse report names it: 0-based column and row, here counted from the
/// top-left cell of the Draw screen's canvas rather than of the screen.
public struct CellPoint: Hashable, Sendable {
    public var column: Int
    public var row: Int

    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }
}

/// A size in terminal cells: a canvas or a terminal, columns across and rows down.
public struct CellSize: Hashable, Sendable, CustomStringConvertible {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// "28x20".
    public var description: String { "\(columns)x\(rows)" }

    /// Whether `point` is one of these cells.
    public func contains(_ point: CellPoint) -> Bool {
        (0..<columns).contains(point.column) && (0..<rows).contains(point.row)
    }
}
