/// Draws a greyscale image (values 0 = black ... 1 = white) into cells.
///
/// With block characters and colours, each cell shows two pixels stacked: `▀` in the top
/// pixel's colour over a background of the bottom one's. Greys come from the 256-colour ramp;
/// with 8 colours only a canvas may fall back to black and white (`thresholdAllowed`), while
/// an image whose greys matter falls back to a character ramp, one character per cell.
public struct PixelImage: Sendable {
    public let width: Int
    public let height: Int
    public let pixels: [Float]

    public init(width: Int, height: Int, pixels: [Float]) {
        precondition(pixels.count == width * height, "pixels must be width x height")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public subscript(x: Int, y: Int) -> Float {
        guard x >= 0, x < width, y >= 0, y < height else { return 0 }
        return pixels[y * width + x]
    }

    /// Whether `render` will use half blocks in colour with this theme.
    public static func usesBlocks(theme: Theme, thresholdAllowed: Bool) -> Bool {
        theme.glyphs.hasBlocks && (theme.hasGreys || (thresholdAllowed && theme.hasColors))
    }

    /// Draws the image with its top-left at `origin`, each pixel `scale` cells across and
    /// `scale` half-cells down (so scale 1 is two pixels per cell, scale 2 one per cell pair).
    public func render(into frame: inout Frame, x originX: Int, y originY: Int, scale: Int,
                       theme: Theme, thresholdAllowed: Bool) {
        let columns = width * scale
        let rows = (height * scale + 1) / 2
        let blocks = Self.usesBlocks(theme: theme, thresholdAllowed: thresholdAllowed)
        for row in 0..<rows {
            for column in 0..<columns {
                let top = self[column / scale, (2 * row) / scale]
                let bottom = self[column / scale, (2 * row + 1) / scale]
                frame[originX + column, originY + row] = blocks
                    ? Self.halfBlock(top: top, bottom: bottom, theme: theme)
                    : Cell(theme.glyphs.rampCharacter((top + bottom) / 2))
            }
        }
    }

    /// A cell showing two stacked pixels.
    public static func halfBlock(top: Float, bottom: Float, theme: Theme) -> Cell {
        let upper = theme.grey(top), lower = theme.grey(bottom)
        guard upper != lower else {
            // A full block rather than a coloured space, so that ink shows in a text capture
            // (tests, tmux capture-pane, a screen reader) and not only as a colour.
            return upper == theme.grey(0)
                ? Cell(" ", style: Style(background: lower))
                : Cell("█", style: Style(foreground: upper, background: lower))
        }
        return Cell("▀", style: Style(foreground: upper, background: lower))
    }
}
