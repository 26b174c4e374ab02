import DigitsCore

/// Where everything on the Draw screen goes, computed from the terminal size alone so that
/// `update` (mapping mouse cells to canvas pixels) and `render` always agree.
///
/// ```
/// ┌ Canvas ──────┐ ┌ What the network sees ┐ ┌ Probabilities ┐
/// │              │ │ 28x28, 1 or 2 cells    │ │ 0 ███   12.0% │
/// │ half blocks: │ │ per pixel              │ │ ...           │
/// │ 2 pixels per │ └────────────────────────┘ └───────────────┘
/// │ cell         │ ┌ Model ─────────────────┐ ┌ Prediction ───┐
/// │              │ │ file, brush, pen       │ │  big digit    │
/// └──────────────┘ └────────────────────────┘ └───────────────┘
/// ```
///
/// At 80x24 the canvas is 28x20 cells (28x40 screen pixels, portrait like a digit). Extra
/// width goes first to the canvas, up to square screen pixels, then to the bars; extra height
/// to the canvas. From about 140x36 the network view doubles to 2 cells per pixel.
///
/// How the canvas's cells map to the network's canvas (internal pixels per screen pixel, where
/// a mouse report lands) is DigitsCore's `CanvasGeometry`, shared with the drawn-digit replay.
public struct DrawLayout: Hashable, Sendable {
    public let canvasBox: Rect
    /// The canvas inside its border: one cell is one screen pixel wide and two high.
    public let canvas: Rect
    public let networkBox: Rect
    /// The 28x28 view, `networkScale` cells per image pixel across.
    public let network: Rect
    public let networkScale: Int
    public let infoBox: Rect
    public let barsBox: Rect
    public let predictionBox: Rect
    /// Big-digit font scale: each font pixel is 2x`fontScale` cells wide, `fontScale` high.
    public let fontScale: Int
    /// The canvas's cells as the network's canvas sees them.
    public let geometry: CanvasGeometry

    /// The layout for a terminal of `size` (sizes below 80x24 give a squeezed layout that is
    /// never drawn, because the app shows the too-small message instead).
    public init(size: Size) {
        let top = 1
        let contentHeight = max(size.height - 2, 4)
        networkScale = contentHeight >= 34 && size.width >= 140 ? 2 : 1
        let networkBoxWidth = 28 * networkScale + 2
        let networkBoxHeight = 14 * networkScale + 2
        let canvasInnerHeight = contentHeight - 2
        let shared = max(size.width - networkBoxWidth - 2, 22)
        let barsWidth = max(18, min(40, shared / 3))
        let canvasInnerWidth = max(2, min(shared - barsWidth - 2, canvasInnerHeight * 2))
        let rightWidth = max(shared - canvasInnerWidth - 2, 18)
        // Whatever the canvas and bars leave goes to the bars (at most 40 cells), the rest
        // to the canvas.
        let barsBoxWidth = min(rightWidth, 40)
        let canvasBoxWidth = size.width - networkBoxWidth - barsBoxWidth - 2

        canvasBox = Rect(x: 0, y: top, width: canvasBoxWidth, height: contentHeight)
        canvas = canvasBox.inset(by: 1)
        networkBox = Rect(x: canvasBox.maxX + 1, y: top, width: networkBoxWidth, height: networkBoxHeight)
        network = networkBox.inset(by: 1)
        infoBox = Rect(x: networkBox.x, y: networkBox.maxY, width: networkBoxWidth,
                       height: contentHeight - networkBoxHeight)
        let barsHeight = contentHeight >= 40 ? 22 : 12
        barsBox = Rect(x: networkBox.maxX + 1, y: top, width: barsBoxWidth, height: barsHeight)
        predictionBox = Rect(x: barsBox.x, y: barsBox.maxY, width: barsBoxWidth,
                             height: contentHeight - barsHeight)
        let inner = predictionBox.inset(by: 1)
        fontScale = max(1, min(3, min((inner.width - 4) / 10, (inner.height - 1) / 7)))
        geometry = CanvasGeometry(cells: CellSize(columns: canvas.width, rows: canvas.height))
    }

    /// The screen pixel point under the centre of terminal cell (`column`, `row`).
    public func canvasPoint(column: Int, row: Int) -> ScreenPixelPoint {
        geometry.screenPoint(of: CellPoint(column: column - canvas.x, row: row - canvas.y))
    }
}
