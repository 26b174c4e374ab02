/// Digits drawn large, from a 5x7 pixel font, each font pixel a block 2 cells wide and 1 high
/// (times a scale), which looks square in a terminal.
public enum BigDigit {
    public static let glyphWidth = 5
    public static let glyphHeight = 7

    /// Rows of each glyph, "#" for ink; index 10 is "?".
    static let font: [[String]] = [
        [".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."],
        ["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."],
        [".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"],
        ["#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."],
        ["...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."],
        ["#####", "#....", "####.", "....#", "....#", "#...#", ".###."],
        ["..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."],
        ["#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."],
        [".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."],
        [".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."],
        [".###.", "#...#", "....#", "...#.", "..#..", ".....", "..#.."],
    ]

    /// The size a glyph takes at `scale`.
    public static func size(scale: Int) -> Size {
        Size(width: glyphWidth * 2 * scale, height: glyphHeight * scale)
    }

    /// Draws `digit` (0...9; anything else draws "?") with its top-left at (`x`, `y`).
    public static func render(_ digit: Int?, into frame: inout Frame, x: Int, y: Int, scale: Int,
                              style: Style, glyphs: Glyphs) {
        let glyph = font[digit.map { (0...9).contains($0) ? $0 : 10 } ?? 10]
        let ink: Character = glyphs.hasBlocks ? "█" : "#"
        for (row, line) in glyph.enumerated() {
            for (column, pixel) in line.enumerated() where pixel == "#" {
                frame.fill(Rect(x: x + column * 2 * scale, y: y + row * scale, width: 2 * scale, height: scale),
                           with: Cell(ink, style: style))
            }
        }
    }
}
