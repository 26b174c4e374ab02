import Foundation

/// One random way the same person might draw a digit again: a little turned, slanted, wider or
/// narrower, bigger or smaller, with another brush, on a terminal of another size.
///
/// Fine-tuning learns from a handful of drawings, so each is seen many times, each time varied
/// like this and replayed through the Draw screen's own painting (`DrawnDigitReplay`): the
/// cells a terminal would report for the varied stroke path, at that canvas's resolution. A
/// network that only ever saw the drawings as drawn would learn those exact pixels.
public struct DrawnDigitVariation: Sendable, Equatable {
    /// Turn, in radians, positive clockwise on screen.
    public var rotation: Float
    /// Width relative to height: 1 keeps the drawing's aspect.
    public var aspect: Float
    /// Horizontal shear: how far the top moves right per unit of height.
    public var slant: Float
    /// The drawing's size relative to its canvas, as a multiple of the size it was drawn at.
    public var size: Float
    /// The new canvas's cells per side, as a multiple of the original canvas's.
    public var canvasScale: Float
    /// The brush, as a percentage of the new canvas's suggested radius.
    public var brushPercent: Int

    /// How far each setting varies: enough to cover how one person's digits differ from one
    /// to the next, not so far that a 7 turns into a 1.
    public static let rotationRange: Float = 10 * .pi / 180
    public static let aspectRange: ClosedRange<Float> = 0.8...1.2
    public static let slantRange: ClosedRange<Float> = -0.2...0.2
    public static let sizeRange: ClosedRange<Float> = 0.5...1.15
    public static let canvasScaleRange: ClosedRange<Float> = 0.6...2.0
    public static let brushPercentRange: ClosedRange<Int> = 60...150

    public init(rotation: Float = 0, aspect: Float = 1, slant: Float = 0, size: Float = 1,
                canvasScale: Float = 1, brushPercent: Int = 100) {
        self.rotation = rotation
        self.aspect = aspect
        self.slant = slant
        self.size = size
        self.canvasScale = canvasScale
        self.brushPercent = brushPercent
    }

    /// A variation drawn from `generator`.
    public static func random(using generator: inout SeededGenerator) -> DrawnDigitVariation {
        func between(_ range: ClosedRange<Float>) -> Float {
            range.lowerBound + generator.nextUnitFloat() * (range.upperBound - range.lowerBound)
        }
        let rotation = between(-rotationRange...rotationRange)
        let aspect = between(aspectRange), slant = between(slantRange)
        let size = between(sizeRange), canvasScale = between(canvasScaleRange)
        let brush = brushPercentRange.lowerBound
            + Int(generator.nextUnitFloat() * Float(brushPercentRange.count - 1) + 0.5)
        return DrawnDigitVariation(rotation: rotation, aspect: aspect, slant: slant, size: size,
                                   canvasScale: canvasScale, brushPercent: brush)
    }

    /// `drawing` varied: its strokes as the cells a terminal would report for the varied path
    /// on the varied canvas, centred on it. Cells are twice as tall as wide, as on screen, so
    /// the path is turned in screen proportions, not in cells.
    public func apply(to drawing: DrawnDigit) -> DrawnDigit {
        let sides = DrawnDigitSet.canvasSides
        func scaled(_ side: Int) -> Int {
            min(max(Int((Float(side) * canvasScale).rounded()), 4), sides.upperBound)
        }
        let canvas = CellSize(columns: scaled(drawing.canvas.columns), rows: scaled(drawing.canvas.rows))
        // Cell centres in screen pixels: one across, two down per cell.
        let cells = drawing.strokes.flatMap { $0 }
        guard let minColumn = cells.map(\.column).min(), let maxColumn = cells.map(\.column).max(),
              let minRow = cells.map(\.row).min(), let maxRow = cells.map(\.row).max() else { return drawing }
        let centreX = Float(minColumn + maxColumn + 1) / 2
        let centreY = Float(minRow + maxRow + 1)
        let factor = canvasScale * size
        let cosA = Foundation.cos(rotation), sinA = Foundation.sin(rotation)
        let newCentreX = Float(canvas.columns) / 2, newCentreY = Float(canvas.rows)
        let strokes = drawing.strokes.map { stroke -> [CellPoint] in
            var cells: [CellPoint] = []
            for cell in stroke {
                let dx = (Float(cell.column) + 0.5 - centreX) * aspect * factor
                let dy = ((Float(cell.row) + 0.5) * 2 - centreY) * factor
                let sx = dx - slant * dy
                let x = cosA * sx - sinA * dy + newCentreX, y = sinA * sx + cosA * dy + newCentreY
                let point = CellPoint(column: min(max(Int(x.rounded(.down)), 0), canvas.columns - 1),
                                      row: min(max(Int((y / 2).rounded(.down)), 0), canvas.rows - 1))
                if point != cells.last { cells.append(point) }
            }
            return cells
        }
        var varied = drawing
        varied.canvas = canvas
        varied.terminal = nil
        varied.brushPercent = min(max(brushPercent, DrawnDigitSet.brushPercents.lowerBound),
                                  DrawnDigitSet.brushPercents.upperBound)
        varied.strokes = strokes
        return varied
    }
}
