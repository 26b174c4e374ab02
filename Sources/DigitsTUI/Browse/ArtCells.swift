import DigitsCore

/// Draws a test image as `DigitArt`: the ramp " .:-=+*#%@" so the digit reads as text (in a
/// capture, a pipe or a monochrome terminal), and with 256 colours each cell also shaded by its
/// grey level, so the strokes look solid.
public enum ArtCells {
    /// Draws image `index` of `images` with its top-left at (`x`, `y`), cut to `clip`.
    public static func render(image index: Int, of images: Dataset, scale: ArtScale,
                              into frame: inout Frame, x: Int, y: Int, clip: Rect, theme: Theme) {
        guard index >= 0, index < images.count else { return }
        let art = DigitArt(scale: scale)
        let shades = art.shades(of: images.image(index), rows: images.rows, columns: images.columns)
        for (row, line) in shades.enumerated() {
            let cellY = y + row
            guard cellY >= clip.y, cellY < clip.maxY else { continue }
            for (column, shade) in line.enumerated() {
                let cellX = x + column
                guard cellX >= clip.x, cellX < clip.maxX else { continue }
                frame[cellX, cellY] = cell(for: shade, art: art, theme: theme)
            }
        }
    }

    /// One cell of art: the ramp character, on a grey background of its level with 256 colours.
    public static func cell(for shade: UInt8, art: DigitArt, theme: Theme) -> Cell {
        let character = art.character(for: shade)
        guard theme.hasGreys, shade > 0 else { return Cell(character, style: theme.text) }
        let level = Float(shade) / 255
        return Cell(character, style: Style(foreground: theme.grey(min(1, 0.3 + level)),
                                            background: theme.grey(level * 0.75)))
    }
}
