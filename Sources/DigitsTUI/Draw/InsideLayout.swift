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
        evidenceBox = draw.networkBox
        evidence = draw.network
        evidenceScale = draw.networkScale
        barsBox = Rect(x: draw.barsBox.x, y: draw.barsBox.y, width: draw.barsBox.width,
                       height: draw.networkBox.height)
        unitsBox = Rect(x: draw.networkBox.x, y: draw.networkBox.maxY,
                        width: draw.barsBox.maxX - draw.networkBox.x,
                        height: draw.canvasBox.maxY - draw.networkBox.maxY)
    }
}
