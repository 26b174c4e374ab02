/// Where the inside view goes on the Draw screen (key `i`): the evidence map takes the place
/// of "What the network sees", the bars stay, and the model and prediction panels give way to
/// one panel on the network's layers and units.
///
/// ```
/// ┌ Canvas ──────┐ ┌ Evidence for 3 ───────┐ ┌ Probabilities ┐
/// │              │ │ the 28x28 input in     │ │ 0 ███   12.0% │
/// │              │ │ blue (for) and orange  │ │ ...           │
/// │              │ └────────────────────────┘ └───────────────┘
/// │              │ ┌ Inside 784-128-10 ────────────────────────┐
/// │              │ │ layers, logit sums, strongest units       │
/// └──────────────┘ └───────────────────────────────────────────┘
/// ```
public struct InsideLayout: Hashable, Sendable {
    /// The evidence map, where the network view is without the inside view.
    public let evidenceBox: Rect
    public let evidence: Rect
    public let evidenceScale: Int
    /// The probability bars, as tall as the evidence box.
    public let barsBox: Rect
    /// Layers and units, the full width under both.
    public let unitsBox: Rect

    public init(_ draw: DrawLayout) {
        // Where the doubled network view would leave the units panel too short to read (from
        // 140x36 to about 140x44), the map is drawn at single size, centred in the same width.
        let scale = draw.networkScale > 1 && draw.canvasBox.maxY - draw.network.y - 14 * draw.networkScale < 9
            ? 1 : draw.networkScale
        evidenceScale = scale
        evidenceBox = Rect(x: draw.networkBox.x, y: draw.networkBox.y, width: draw.networkBox.width,
                           height: 14 * scale + 2)
        evidence = Rect(x: draw.networkBox.x + (draw.networkBox.width - 28 * scale) / 2, y: draw.network.y,
                        width: 28 * scale, height: 14 * scale)
        barsBox = Rect(x: draw.barsBox.x, y: draw.barsBox.y, width: draw.barsBox.width,
                       height: evidenceBox.height)
        unitsBox = Rect(x: draw.networkBox.x, y: evidenceBox.maxY,
                        width: draw.barsBox.maxX - draw.networkBox.x,
                        height: draw.canvasBox.maxY - evidenceBox.maxY)
    }
}
