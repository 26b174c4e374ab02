import Foundation

/// Makes drawings that are not digits — scribbles, letters, shapes, blots, stray lines, dot
/// clouds — as the Draw screen would receive them: cells reported by a mouse, stroke by stroke,
/// on one of the screen's canvases with one of its brush sizes. Replayed with
/// `DrawnDigitReplay`, they go through the screen's own rasteriser and MNIST preprocessing, so
/// the network trains on (and is measured with) exactly the images Draw would show it.
///
/// Seeded and deterministic: the same seed and kinds give the same drawings, in order.
public struct NonDigitGenerator {
    /// The families drawn, in turn.
    public let kinds: [NonDigitKind]
    private var generator: SeededGenerator
    private var made = 0

    /// The Draw screen's canvases for common terminal sizes: (terminal, canvas) in cells. The
    /// 80x24 one, the smallest, is the most common.
    static let canvases: [(terminal: CellSize, canvas: CellSize)] = [
        (CellSize(columns: 80, rows: 24), CellSize(columns: 28, rows: 20)),
        (CellSize(columns: 80, rows: 24), CellSize(columns: 28, rows: 20)),
        (CellSize(columns: 100, rows: 30), CellSize(columns: 44, rows: 26)),
        (CellSize(columns: 120, rows: 40), CellSize(columns: 57, rows: 36)),
    ]
    /// The screen's brush sizes, in percent of the suggested radius (`Pen.factors` in DigitsTUI).
    static let brushPercents = [50, 65, 80, 100, 125, 150, 200]

    public init(seed: UInt64, kinds: [NonDigitKind] = NonDigitKind.training) {
        precondition(!kinds.isEmpty, "a non-digit generator needs at least one kind")
        self.kinds = kinds
        generator = SeededGenerator(seed: seed)
    }

    /// The next drawing: the kinds take turns. `label` is nil (not a digit); `writer` and the id
    /// name the kind, prefixed by `writerPrefix`; `template` says what exactly was drawn.
    public mutating func next(writerPrefix: String = "") -> DrawnDigit {
        let kind = kinds[made % kinds.count]
        let number = made / kinds.count
        made += 1
        let (terminal, canvas) = Self.canvases[pick(Self.canvases.count)]
        var brush = Self.brushPercents[pick(Self.brushPercents.count)]
        if kind == .blob { brush = max(brush, 100) }
        let space = Space(width: Float(canvas.columns), height: Float(canvas.rows * 2))
        let (template, strokes) = shape(kind, in: space)
        let cells = strokes.map { cellsOf($0, canvas: canvas) }.filter { !$0.isEmpty }
        let writer = writerPrefix + kind.rawValue
        return DrawnDigit(id: "\(writer)/\(number)", label: nil, writer: writer, canvas: canvas, terminal: terminal,
                          brushPercent: brush, strokes: cells, template: template)
    }

    /// The next `count` drawings.
    public mutating func drawings(_ count: Int, writerPrefix: String = "") -> [DrawnDigit] {
        (0..<count).map { _ in next(writerPrefix: writerPrefix) }
    }

    // MARK: Shapes, in screen pixels (one per cell across, two per cell down)

    typealias Point = (x: Float, y: Float)

    /// The canvas in screen pixels.
    struct Space {
        let width: Float
        let height: Float
    }

    /// A box inside the canvas where a shape of aspect `aspect` (width / height) is drawn, at
    /// a random size and place.
    private mutating func box(aspect: Float, in space: Space) -> (x: Float, y: Float, width: Float, height: Float) {
        let fill = uniform(0.35, 0.9)
        var height = fill * space.height
        var width = height * aspect
        let widest = space.width * 0.92
        if width > widest { height *= widest / width; width = widest }
        let x = uniform(0.5, max(space.width - width - 0.5, 0.5))
        let y = uniform(0.5, max(space.height - height - 0.5, 0.5))
        return (x, y, width, height)
    }

    /// Unit-box strokes placed in a random box of `aspect`, turned a little about its centre
    /// and shaken by a hand's tremor.
    private mutating func place(_ strokes: [[Point]], aspect: Float, in space: Space,
                                turn: Float = 12, tremor: Float = 0.25) -> [[Point]] {
        let b = box(aspect: aspect * uniform(0.8, 1.25), in: space)
        let angle = uniform(-turn, turn) * .pi / 180
        let cosA = cos(angle), sinA = sin(angle)
        let cx = b.x + b.width / 2, cy = b.y + b.height / 2
        return strokes.map { stroke in
            stroke.map { p in
                let dx = (p.x - 0.5) * b.width, dy = (p.y - 0.5) * b.height
                return (cx + dx * cosA - dy * sinA + uniform(-tremor, tremor),
                        cy + dx * sinA + dy * cosA + uniform(-tremor, tremor))
            }
        }
    }

    private mutating func shape(_ kind: NonDigitKind, in space: Space) -> (String, [[Point]]) {
        switch kind {
        case .scribble: return ("scribble", scribble(in: space))
        case .letter, .otherLetter:
            let letters = kind == .letter ? LetterStrokes.training : LetterStrokes.heldOut
            let letter = letters[pick(letters.count)]
            let strokes = letter.strokes.map { $0.map { (x: $0.x, y: $0.y) } }
            return ("letter-\(letter.name)", place(strokes, aspect: 0.8, in: space))
        case .box:
            let corners: [Point] = [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]
            var strokes = [corners]
            let extra = pick(3)
            if extra == 1 { strokes.append([(0, 0), (1, 1)]) }
            if extra == 2 { strokes += [[(0.5, 0), (0.5, 1)], [(0, 0.5), (1, 0.5)]] }
            return (["box", "box-diagonal", "box-cross"][extra], place(strokes, aspect: uniform(1, 1.6), in: space))
        case .triangle:
            let apex = uniform(0.2, 0.8)
            let flipped = pick(4) == 0
            let top: [Point] = [(0, 0), (1, 0), (apex, 1), (0, 0)]
            let bottom: [Point] = [(apex, 0), (1, 1), (0, 1), (apex, 0)]
            let points = flipped ? top : bottom
            return ("triangle", place([points], aspect: uniform(0.9, 1.4), in: space))
        case .crossedCircle:
            var strokes = [circle(turns: 1.05, start: uniform(0, 2 * .pi))]
            let extra = pick(3)
            if extra == 0 { strokes += [[(0.5, 0), (0.5, 1)], [(0, 0.5), (1, 0.5)]] }
            if extra == 1 { strokes += [[(0.15, 0.15), (0.85, 0.85)], [(0.85, 0.15), (0.15, 0.85)]] }
            if extra == 2 { strokes.append([(-0.1, 0.5), (1.1, 0.5)]) }
            return (["circle-plus", "circle-x", "circle-bar"][extra], place(strokes, aspect: 1, in: space))
        case .blob: return blob(in: space)
        case .strayLine: return strayLine(in: space)
        case .dots:
            let count = 6 + pick(30)
            let b = box(aspect: uniform(0.7, 1.4), in: space)
            let dots: [[Point]] = (0..<count).map { _ in
                [(b.x + uniform(0, b.width), b.y + uniform(0, b.height))]
            }
            return ("dots", dots)
        case .star:
            let order = [0, 2, 4, 1, 3, 0]
            let start = uniform(-0.3, 0.3)
            let points: [Point] = order.map { k in
                let a = start - .pi / 2 + Float(k) * 2 * .pi / 5
                return (0.5 + 0.5 * cos(a), 0.5 + 0.5 * sin(a))
            }
            return ("star", place([points], aspect: 1, in: space))
        case .spiral:
            let turns = uniform(2, 3.2)
            let steps = Int(turns * 24)
            let points: [Point] = (0...steps).map { i in
                let t = Float(i) / Float(steps)
                let a = t * turns * 2 * .pi, r = 0.05 + 0.45 * t
                return (0.5 + r * cos(a), 0.5 + r * sin(a))
            }
            return ("spiral", place([points], aspect: 1, in: space))
        case .zigzag:
            let teeth = 3 + pick(4)
            let points: [Point] = (0...(teeth * 2)).map { i in (Float(i) / Float(teeth * 2), i % 2 == 0 ? 1 : 0) }
            return ("zigzag", place([points], aspect: Float(teeth) * 0.45, in: space))
        case .hatching:
            let lines = 3 + pick(4)
            var strokes: [[Point]] = []
            let slant = pick(2) == 0 ? 0 : uniform(0.3, 0.6)
            for i in 0..<lines {
                let y = Float(i) / Float(lines - 1)
                strokes.append([(0, y), (1, max(0, y - slant))])
            }
            var template = "hatching"
            if pick(2) == 0 {
                template = "grid"
                for i in 0..<lines { let x = Float(i) / Float(lines - 1); strokes.append([(x, 0), (x, 1)]) }
            }
            return (template, place(strokes, aspect: uniform(0.9, 1.5), in: space))
        }
    }

    /// An ellipse in the unit box, from angle `start`, going round `turns` times.
    private func circle(turns: Float, start: Float) -> [Point] {
        let steps = Int(36 * turns)
        return (0...steps).map { i in
            let a = start + Float(i) / Float(steps) * turns * 2 * .pi
            return (0.5 + 0.5 * cos(a), 0.5 + 0.5 * sin(a))
        }
    }

    /// One to three strokes that wander with momentum, turning at random.
    private mutating func scribble(in space: Space) -> [[Point]] {
        let b = box(aspect: uniform(0.7, 1.5), in: space)
        return (0..<(1 + pick(3))).map { _ in
            var x = uniform(0.1, 0.9), y = uniform(0.1, 0.9)
            var heading = uniform(0, 2 * .pi)
            let step = uniform(0.08, 0.2)
            var points: [Point] = [(x, y)]
            for _ in 0..<(8 + pick(24)) {
                heading += generator.nextNormal() * 0.9
                x += step * cos(heading)
                y += step * sin(heading)
                if x < 0 || x > 1 { heading = .pi - heading; x = min(max(x, 0), 1) }
                if y < 0 || y > 1 { heading = -heading; y = min(max(y, 0), 1) }
                points.append((x, y))
            }
            return points.map { (b.x + $0.x * b.width, b.y + $0.y * b.height) }
        }
    }

    /// A filled patch, round or square, painted row by row one cell apart so nothing shows
    /// through, with a ragged edge.
    private mutating func blob(in space: Space) -> (String, [[Point]]) {
        let round = pick(2) == 0
        let b = box(aspect: uniform(0.7, 1.5), in: space)
        var points: [Point] = []
        var y: Float = 0, leftToRight = true
        let rowStep: Float = 2 / b.height
        while y <= 1 {
            let half = round ? (1 - (2 * y - 1) * (2 * y - 1)).squareRoot() / 2 : 0.5
            let ragged = uniform(-0.08, 0.08)
            let left = 0.5 - half - ragged, right = 0.5 + half + ragged
            let row: [Point] = leftToRight ? [(left, y), (right, y)] : [(right, y), (left, y)]
            points += row
            leftToRight.toggle()
            y += rowStep
        }
        let placed = points.map { (b.x + min(max($0.x, 0), 1) * b.width, b.y + $0.y * b.height) }
        return (round ? "blot" : "filled-block", [placed])
    }

    /// One line within 30 degrees of horizontal, straight or bowed, anywhere on the canvas.
    private mutating func strayLine(in space: Space) -> (String, [[Point]]) {
        let length = uniform(0.3, 0.9) * space.width
        let angle = uniform(-30, 30) * .pi / 180
        let dx = cos(angle) * length, dy = sin(angle) * length
        let cx = uniform(abs(dx) / 2 + 0.5, max(space.width - abs(dx) / 2 - 0.5, abs(dx) / 2 + 0.5))
        let cy = uniform(abs(dy) / 2 + 0.5, max(space.height - abs(dy) / 2 - 0.5, abs(dy) / 2 + 0.5))
        let bow = pick(2) == 0 ? 0 : uniform(-0.12, 0.12) * length
        let points: [Point] = (0...8).map { i in
            let t = Float(i) / 8
            let sag = bow * 4 * t * (1 - t)
            return (cx + (t - 0.5) * dx - sag * sin(angle), cy + (t - 0.5) * dy + sag * cos(angle))
        }
        return (bow == 0 ? "line" : "bowed-line", [points])
    }

    // MARK: From screen pixels to mouse reports

    /// The cells a mouse reports along `stroke`, each once per change of cell, clipped to the
    /// canvas; a stroke of one point is a click.
    private func cellsOf(_ stroke: [Point], canvas: CellSize) -> [CellPoint] {
        func cell(_ p: Point) -> CellPoint {
            CellPoint(column: min(max(Int(p.x.rounded(.down)), 0), canvas.columns - 1),
                      row: min(max(Int((p.y / 2).rounded(.down)), 0), canvas.rows - 1))
        }
        guard let first = stroke.first else { return [] }
        var cells = [cell(first)]
        for (a, b) in zip(stroke, stroke.dropFirst()) {
            let distance = max(abs(b.x - a.x), abs(b.y - a.y))
            let steps = max(1, Int((distance * 4).rounded(.up)))
            for s in 1...steps {
                let t = Float(s) / Float(steps)
                let next = cell((a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
                if next != cells.last { cells.append(next) }
            }
        }
        return cells
    }

    // MARK: Random numbers

    private mutating func uniform(_ low: Float, _ high: Float) -> Float {
        low + (high - low) * generator.nextUnitFloat()
    }

    private mutating func pick(_ count: Int) -> Int {
        Int(generator.next() % UInt64(count))
    }
}
