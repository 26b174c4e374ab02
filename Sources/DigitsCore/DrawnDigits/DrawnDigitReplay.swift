/// Paints a drawn digit as the Draw screen paints the same mouse reports, so the harness
/// measures the image the network really sees on screen: the cells map to the canvas through
/// the screen's own `CanvasGeometry`, and a stroke is what the screen makes of a drag — a dot
/// at the press, then a segment to each reported cell that differs from the last (the release
/// adds nothing when it repeats the last cell). The screen test DrawnDigitsScreenTests replays
/// drawings through the real screen and checks that both give the same 28x28 image.
public enum DrawnDigitReplay {
    /// The brush radius, in internal pixels, for `geometry` and a brush of `percent` of the
    /// suggested radius.
    public static func brushRadius(in geometry: CanvasGeometry, percent: Int) -> Float {
        geometry.canvasRadius(geometry.brushRadius(factor: Float(percent) / 100))
    }

    /// The strokes of `drawing` in internal canvas pixels, each cell once per change of cell,
    /// as the screen paints them.
    public static func strokes(for drawing: DrawnDigit) -> [CanvasStroke] {
        let geometry = CanvasGeometry(cells: drawing.canvas)
        let radius = brushRadius(in: geometry, percent: drawing.brushPercent)
        return drawing.strokes.compactMap { cells in
            guard let first = cells.first else { return nil }
            var path = [first]
            for cell in cells.dropFirst() where cell != path.last { path.append(cell) }
            return CanvasStroke(points: path.map { geometry.canvasPoint(geometry.screenPoint(of: $0)) },
                                radius: radius)
        }
    }

    /// The canvas after painting every stroke of `drawing`.
    public static func canvas(for drawing: DrawnDigit) -> Canvas {
        var canvas = CanvasGeometry(cells: drawing.canvas).blankCanvas()
        for stroke in strokes(for: drawing) { canvas.paint(stroke) }
        return canvas
    }

    /// The 28x28 image (784 values in 0...1) the network sees for `drawing`, with the screen's
    /// stroke-width correction (`Canvas.mnistImage(strokes:)`); nil if it left no ink.
    public static func image(for drawing: DrawnDigit) -> [Float]? {
        canvas(for: drawing).mnistImage(strokes: strokes(for: drawing))
    }

    /// The drawing read digit by digit as the Draw screen reads it (`Canvas.digitImages`):
    /// one image for a single digit, the same as `image(for:)`.
    public static func digitImages(for drawing: DrawnDigit) -> [DigitImage] {
        canvas(for: drawing).digitImages(strokes: strokes(for: drawing))
    }
}
