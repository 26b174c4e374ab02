/// A layer's activations as a grid of pixels shaded by value (brightest = the layer's most
/// active unit), two units per cell stacked: 128 units at 64 across fill one row of cells,
/// 1024 at 32 across a 32x16-cell block.
struct UnitGrid {
    let activations: [Float]
    /// Units per row of pixels.
    let columns: Int

    /// A grid at most `width` cells wide: 64 units across where there is room, else 32, else
    /// as many as fit.
    init(activations: [Float], width: Int) {
        self.activations = activations
        let preferred = [64, 32, 16].first { $0 <= width } ?? max(width, 1)
        columns = max(1, min(preferred, activations.count))
    }

    /// Rows of cells the grid takes.
    var height: Int { (pixelRows + 1) / 2 }

    private var pixelRows: Int { (activations.count + columns - 1) / columns }

    func render(into frame: inout Frame, x: Int, y: Int, theme: Theme) {
        let largest = activations.max() ?? 0
        let shades = activations.map { largest > 0 ? max($0, 0) / largest : 0 }
        var image = [Float](repeating: 0, count: pixelRows * columns)
        image.replaceSubrange(0..<shades.count, with: shades)
        PixelImage(width: columns, height: pixelRows, pixels: image)
            .render(into: &frame, x: x, y: y, scale: 1, theme: theme, thresholdAllowed: false)
    }
}
