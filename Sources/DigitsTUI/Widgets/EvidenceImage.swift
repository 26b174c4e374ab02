import DigitsCore

/// A 28x28 map of signed values (pixel evidence, or a unit's incoming weights) in the inside
/// view's two colours, two pixels per cell like `PixelImage`; on a terminal without colours
/// or block characters, one mark per cell from `EvidenceLevel.character`.
struct EvidenceImage {
    let width: Int
    let height: Int
    /// The values, row-major.
    let values: [Float]
    /// Which pixels carry ink; a pixel without ink has no level and shows as background.
    let inked: [Bool]
    /// Whether weak values show as background rather than dim grey: every weight has a value,
    /// so grey everywhere would hide the shape of the strong ones.
    let quietNeutral: Bool

    /// Evidence over an input image: only inked pixels can carry any.
    init(evidence: [Float], input: [Float], side: Int = 28) {
        width = side; height = side
        values = evidence
        inked = input.map { $0 > 0 }
        quietNeutral = false
    }

    /// A first-layer unit's weights: every pixel has one.
    init(weights: ArraySlice<Float>, side: Int = 28) {
        width = side; height = side
        values = Array(weights)
        inked = [Bool](repeating: true, count: values.count)
        quietNeutral = true
    }

    private var scale: Float { EvidenceLevel.scale(of: values) }

    private func level(_ x: Int, _ y: Int, scale: Float) -> EvidenceLevel? {
        guard x < width, y < height else { return nil }
        let index = y * width + x
        let level = EvidenceLevel(values[index], scale: scale, inked: inked[index])
        return quietNeutral && level == .neutral ? nil : level
    }

    /// Draws the map with its top-left at (`x`, `y`), `scale` cells per pixel across.
    func render(into frame: inout Frame, x originX: Int, y originY: Int, scale cellScale: Int, theme: Theme) {
        let scale = self.scale
        let blocks = theme.glyphs.hasBlocks && theme.hasColors
        let background = theme.hasGreys ? TerminalColor.indexed(16) : .black
        for row in 0..<((height * cellScale + 1) / 2) {
            for column in 0..<(width * cellScale) {
                let top = level(column / cellScale, (2 * row) / cellScale, scale: scale)
                let bottom = level(column / cellScale, (2 * row + 1) / cellScale, scale: scale)
                let cell: Cell
                if blocks {
                    let upper = top.map(theme.evidence) ?? background
                    let lower = bottom.map(theme.evidence) ?? background
                    cell = upper == lower
                        ? Cell(upper == background ? " " : "█", style: Style(foreground: upper, background: lower))
                        : Cell("▀", style: Style(foreground: upper, background: lower))
                } else {
                    // The stronger of the two pixels speaks for the cell.
                    let strongest = [top, bottom].compactMap { $0 }.max { Self.strength($0) < Self.strength($1) }
                    cell = Cell(strongest?.character ?? " ")
                }
                frame[originX + column, originY + row] = cell
            }
        }
    }

    private static func strength(_ level: EvidenceLevel) -> Int {
        switch level {
        case .neutral: 0
        case .supporting, .against: 1
        case .stronglySupporting, .stronglyAgainst: 2
        }
    }

    /// The legend for a box's bottom edge: coloured squares, or the plain marks.
    static func legend(theme: Theme) -> [(String, Style)] {
        guard theme.glyphs.hasBlocks && theme.hasColors else {
            return [("# + for  = - against", theme.dim)]
        }
        return [("█", Style(foreground: theme.evidence(.stronglySupporting))), (" for ", theme.dim),
                ("█", Style(foreground: theme.evidence(.stronglyAgainst))), (" against", theme.dim)]
    }
}
