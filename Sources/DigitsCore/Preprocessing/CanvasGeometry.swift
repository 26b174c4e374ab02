/// How the Draw screen's canvas maps terminal cells to the canvas the network's image is made
/// from: the one statement of it, read by the screen's layout (DigitsTUI's `DrawLayout`) and by
/// the drawn-digit replay (`DrawnDigitReplay`), so the harness measures the very image the
/// screen shows.
///
/// - A cell is one screen pixel across and two down (half blocks), and a mouse report for a cell
///   means the cell's centre.
/// - The canvas keeps `pixelScale` internal pixels per screen pixel each way: 4 on small
///   canvases, 2 once the canvas is more than 64 screen pixels tall, so the internal canvas stays
///   near 160-200 pixels tall. That is fine enough for MNIST's area-averaged grey edges after
///   reduction to 20 pixels, and small enough that a stroke plus preprocessing stays far below a
///   frame's time even in debug builds.
/// - Brush radii are computed in screen pixels from the canvas's suggested radius, then scaled
///   back, in that order, so every caller gets the same floats.
public struct CanvasGeometry: Hashable, Sendable {
    /// The canvas in terminal cells.
    public let cells: CellSize

    public init(cells: CellSize) {
        self.cells = CellSize(columns: max(cells.columns, 1), rows: max(cells.rows, 1))
    }

    /// Internal canvas pixels per screen pixel, in each direction.
    public var pixelScale: Int { screenPixelHeight > 64 ? 2 : 4 }
    /// Screen pixels across and down the canvas.
    public var screenPixelWidth: Int { cells.columns }
    public var screenPixelHeight: Int { cells.rows * 2 }
    /// The internal canvas size.
    public var canvasPixelWidth: Int { screenPixelWidth * pixelScale }
    public var canvasPixelHeight: Int { screenPixelHeight * pixelScale }

    /// A blank internal canvas of this geometry.
    public func blankCanvas() -> Canvas {
        Canvas(width: canvasPixelWidth, height: canvasPixelHeight)
    }

    /// The screen pixel point under the centre of `cell` (counted from the canvas's top-left
    /// cell). Mouse reports have cell resolution, so the centre is the best guess; cells
    /// outside the canvas are allowed (the brush is clipped).
    public func screenPoint(of cell: CellPoint) -> ScreenPixelPoint {
        ScreenPixelPoint(x: Float(cell.column) + 0.5, y: Float(cell.row) * 2 + 1)
    }

    /// `point` in internal canvas pixels.
    public func canvasPoint(_ point: ScreenPixelPoint) -> CanvasPoint {
        CanvasPoint(x: point.x * Float(pixelScale), y: point.y * Float(pixelScale))
    }

    /// The radius, in screen pixels, of a brush `factor` times the canvas's suggested one.
    public func brushRadius(factor: Float) -> Float {
        let suggested = Canvas.suggestedBrushRadius(width: canvasPixelWidth, height: canvasPixelHeight)
        return suggested * factor / Float(pixelScale)
    }

    /// A radius in screen pixels as internal canvas pixels.
    public func canvasRadius(_ screenRadius: Float) -> Float {
        screenRadius * Float(pixelScale)
    }
}

/// A position on the canvas in screen pixels (one per cell across, two per cell down),
/// fractional. Strokes are kept in these units so they survive a change of internal scale.
public struct ScreenPixelPoint: Hashable, Sendable {
    public var x: Float
    public var y: Float

    public init(x: Float, y: Float) {
        self.x = x
        self.y = y
    }
}
