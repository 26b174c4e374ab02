/// Paints a drawn digit as the Draw screen paints the same mouse reports, so the harness
/// measures the image the network really sees on screen.
///
/// The screen's geometry, restated here because DigitsCore cannot see DigitsTUI (see
/// `DrawLayout` and `DrawScreen` in Sources/DigitsTUI/Draw/); the screen test
/// DrawnDigitsScreenTests replays drawings through the real screen and checks that both give
/// the same 28x28 image, so the two cannot drift apart unnoticed:
/// - a cell is one screen pixel across and two down (half blocks), and a mouse report for cell
///   (column, row) means the point (column + 0.5, 2 row + 1) in screen pixels: the cell's centre;
/// - the canvas keeps `pixelScale` internal pixels per screen pixel each way: 4, or 2 once the
///   canvas is more than 64 screen pixels tall;
/// - the brush radius is the canvas's `suggestedBrushRadius` times the brush factor
///   (1 by default), computed in screen pixels and scaled back, in that order, so the floats agree;
/// - a stroke is a dot at the press, then a segment to each reported cell that differs from
///   the last (the release adds nothing when it repeats the last cell).
public enum DrawnDigitReplay {
    /// Internal canvas pixels per screen pixel for a canvas `rows` cells tall.
    public static func pixelScale(rows: Int) -> Int {
        rows * 2 > 64 ? 2 : 4
    }

    /// The blank internal canvas for a canvas of `size` cells.
    public static func blankCanvas(for size: CellSize) -> Canvas {
        let scale = pixelScale(rows: size.rows)
        return Canvas(width: size.columns * scale, height: size.rows * 2 * scale)
    }

    /// The point, in internal canvas pixels, under the centre of `cell`.
    public static func canvasPoint(_ cell: CellPoint, pixelScale scale: Int) -> CanvasPoint {
        let screenX = Float(cell.column) + 0.5
        let screenY = Float(cell.row) * 2 + 1
        return CanvasPoint(x: screenX * Float(scale), y: screenY * Float(scale))
    }

    /// The brush radius, in internal pixels, for a canvas of `size` cells and a brush of
    /// `percent` of the suggested radius.
    public static func brushRadius(for size: CellSize, percent: Int) -> Float {
        let scale = pixelScale(rows: size.rows)
        let suggested = Canvas.suggestedBrushRadius(width: size.columns * scale, height: size.rows * 2 * scale)
        let factor = Float(percent) / 100
        let screenRadius = suggested * factor / Float(scale)
        return screenRadius * Float(scale)
    }

    /// The strokes of `drawing` in internal canvas pixels, each cell once per change of cell,
    /// as the screen paints them.
    public static func strokes(for drawing: DrawnDigit) -> [CanvasStroke] {
        let scale = pixelScale(rows: drawing.canvas.rows)
        let radius = brushRadius(for: drawing.canvas, percent: drawing.brushPercent)
        return drawing.strokes.compactMap { cells in
            guard let first = cells.first else { return nil }
            var path = [first]
            for cell in cells.dropFirst() where cell != path.last { path.append(cell) }
            return CanvasStroke(points: path.map { canvasPoint($0, pixelScale: scale) }, radius: radius)
        }
    }

    /// The canvas after painting every stroke of `drawing`.
    public static func canvas(for drawing: DrawnDigit) -> Canvas {
        var canvas = blankCanvas(for: drawing.canvas)
        for stroke in strokes(for: drawing) {
            canvas.dot(at: stroke.points[0], radius: stroke.radius)
            for (from, to) in zip(stroke.points, stroke.points.dropFirst()) {
                canvas.stroke(from: from, to: to, radius: stroke.radius)
            }
        }
        return canvas
    }

    /// The 28x28 image (784 values in 0...1) the network sees for `drawing`, with the screen's
    /// stroke-width correction (`Canvas.mnistImage(strokes:)`); nil if it left no ink.
    public static func image(for drawing: DrawnDigit) -> [Float]? {
        canvas(for: drawing).mnistImage(strokes: strokes(for: drawing))
    }
}
