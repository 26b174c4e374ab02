/// What one screen looks like: a grid of styled cells, the output of a pure `render`.
///
/// Backends turn frames into terminal output (`NcursesBackend` writes only the cells that changed
/// since the previous frame); tests read them back as text with `lines`.
/// Writes outside the grid are clipped, so widgets never need to check bounds themselves.
public struct Frame: Hashable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]

    /// A frame of `size` filled with blank cells.
    public init(size: Size, fill: Cell = .blank) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        cells = Array(repeating: fill, count: self.size.width * self.size.height)
    }

    public var width: Int { size.width }
    public var height: Int { size.height }
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; reading outside the grid gives a blank cell and writing
    /// there does nothing.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, x < width, y >= 0, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, x < width, y >= 0, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Writes `text` from column `x` on row `y`, one character per cell, cut at `maxWidth`
    /// cells (and at the frame's edge). Returns the column after the last character written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain,
                             maxWidth: Int? = nil) -> Int {
        var column = x
        let limit = maxWidth.map { x + max(0, $0) } ?? width
        for character in text {
            if column >= limit { break }
            self[column, y] = Cell(character, style: style)
            column += 1
        }
        return column
    }

    /// Writes `text` centred in `rect`'s row `y`, cut to the rectangle's width.
    public mutating func putCentered(_ text: String, in rect: Rect, y: Int, style: Style = .plain) {
        let shown = text.count > rect.width ? String(text.prefix(rect.width)) : text
        put(shown, x: rect.x + (rect.width - shown.count) / 2, y: y, style: style)
    }

    /// Fills `rect` with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        for row in rect.y..<rect.maxY where row >= 0 && row < height {
            for column in rect.x..<rect.maxX {
                self[column, row] = cell
            }
        }
    }

    /// Draws a one-cell border just inside `rect`, with an optional title in the top edge.
    public mutating func drawBox(_ rect: Rect, style: Style, glyphs: Glyphs,
                                 title: String? = nil, titleStyle: Style? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        for column in (rect.x + 1)..<right {
            self[column, rect.y] = Cell(glyphs.horizontal, style: style)
            self[column, bottom] = Cell(glyphs.horizontal, style: style)
        }
        for row in (rect.y + 1)..<bottom {
            self[rect.x, row] = Cell(glyphs.vertical, style: style)
            self[right, row] = Cell(glyphs.vertical, style: style)
        }
        self[rect.x, rect.y] = Cell(glyphs.topLeft, style: style)
        self[right, rect.y] = Cell(glyphs.topRight, style: style)
        self[rect.x, bottom] = Cell(glyphs.bottomLeft, style: style)
        self[right, bottom] = Cell(glyphs.bottomRight, style: style)
        if let title, rect.width > 4 {
            put(" \(title) ", x: rect.x + 1, y: rect.y, style: titleStyle ?? style,
                maxWidth: rect.width - 2)
        }
    }

    /// The characters of every row, without styles; trailing spaces are removed by default so
    /// expected screens in tests stay readable.
    public func lines(trimmingTrailingSpaces: Bool = true) -> [String] {
        (0..<height).map { row in
            var line = String(cells[(row * width)..<((row + 1) * width)].map(\.character))
            if trimmingTrailingSpaces {
                while line.last == " " { line.removeLast() }
            }
            return line
        }
    }

    /// All rows joined with newlines.
    public var text: String { lines().joined(separator: "\n") }
}
