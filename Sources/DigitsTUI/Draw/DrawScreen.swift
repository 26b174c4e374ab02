import DigitsCore

/// The Draw screen's state: the canvas and how it was drawn, the keyboard cursor and pen, the
/// brush, and what the network reads from it. `update` (DrawScreen+Update.swift) and `render`
/// (DrawScreen+Render.swift) are pure; inference runs synchronously inside `update` on every
/// stroke event, because preprocessing plus a forward pass takes tens of microseconds.
public struct DrawScreen: Screen {
    public let title = "Draw"
    /// The model reading the drawing; nil when none could be loaded (drawing still works).
    public internal(set) var model: DrawModel?
    /// Why there is no model, shown in its place.
    public internal(set) var modelProblem: String?
    public internal(set) var layout: DrawLayout
    /// The drawing at internal resolution (`layout.geometry.pixelScale` per screen pixel).
    public internal(set) var canvas: Canvas
    public internal(set) var history = DrawingHistory()
    /// The stroke being drawn now, by the mouse or the keyboard pen; recorded in `history` when
    /// it ends.
    public internal(set) var activeStroke: Stroke?
    public internal(set) var cursor: CursorPosition
    /// The cursor shows once the keyboard is used and hides when the mouse draws.
    public internal(set) var showsCursor = false
    public internal(set) var pen = Pen.up
    /// Index into `BrushSize.factors`.
    public internal(set) var brushLevel = BrushSize.defaultLevel
    /// The drawing read digit by digit, left to right (`Canvas.digitImages`): one for a single
    /// digit, none for an empty canvas.
    public internal(set) var digits: [DigitImage] = []
    /// What the network reads in each of `digits`, in the same order; empty without a model.
    public internal(set) var readings: [DigitReading] = []
    /// Index into `digits` of the one the bars, the network view and the inside view show:
    /// the digit under the pointer (the mouse's last report or the keyboard cursor), which
    /// while drawing is the one being drawn.
    public internal(set) var shownDigit = 0
    /// The 28x28 image the network sees (784 values) for the shown digit, nil for an empty canvas.
    public internal(set) var networkInput: [Float]?
    /// The network's ten probabilities for the shown digit, nil for an empty canvas or without
    /// a model.
    public internal(set) var probabilities: [Float]?
    /// Whether the inside view (key `i`) takes the place of the network view and the panels.
    public internal(set) var showsInside = false
    /// The digit the inside view explains when asked about another with `,` and `.`; nil
    /// follows the prediction.
    public internal(set) var askedDigit: Int?
    /// What the inside view shows, computed with the probabilities while it is on.
    public internal(set) var explanation: Explanation?
    /// Where labelled drawings go (`s` then a digit, or Enter); nil: labelling is off.
    public internal(set) var drawingsPath: String?
    /// The labelled drawings as the file holds them, once read.
    public internal(set) var collection: DrawnDigitSet?
    /// Where drawings go when `drawingsPath` cannot be used (a file that is not a set, a
    /// failed write): a new file, so nothing is written over and nothing is lost.
    public internal(set) var fallbackDrawingsPath: String?
    /// The file given up for the fallback, and why, for the exit note.
    public internal(set) var abandonedDrawings: (path: String, reason: String)?
    /// Why no file can be written, when neither can: drawings then stay in `unsaved`.
    public internal(set) var collectionProblem: String?
    /// Labelled drawings not yet written, oldest first; the first `saving` are being written.
    public internal(set) var unsaved: [DrawnDigit] = []
    public internal(set) var saving = 0
    /// How many of `collection` and `unsaved` the model reads wrong.
    public internal(set) var wrongCount = 0
    /// `s` was pressed: the next digit key labels the drawing.
    public internal(set) var labelling = false
    /// A short message about the last action ("Nothing to undo."), cleared by the next one.
    public internal(set) var note: String?

    public init(model: DrawModel?, modelProblem: String? = nil, drawingsPath: String? = nil,
                fallbackDrawingsPath: String? = nil, size: Size) {
        self.model = model
        self.modelProblem = modelProblem
        self.drawingsPath = drawingsPath
        self.fallbackDrawingsPath = fallbackDrawingsPath
        layout = DrawLayout(size: size)
        canvas = layout.geometry.blankCanvas()
        cursor = CursorPosition(x: layout.geometry.screenPixelWidth / 2, y: layout.geometry.screenPixelHeight / 2)
    }

    /// The number read, its digits left to right ("42"); nil without a reading.
    public var reading: String? {
        readings.isEmpty ? nil : DigitReading.text(readings)
    }

    /// The shown digit with the highest probability.
    public var prediction: Int? {
        guard let probabilities else { return nil }
        return probabilities.indices.max { probabilities[$0] < probabilities[$1] }
    }

    /// Whether the model is too unsure of the drawing to call it a digit (`RejectionRule`).
    public var isNotADigit: Bool {
        guard let probabilities, let model else { return false }
        return model.rejection.rejects(probabilities)
    }

    /// The brush radius for new strokes, in screen pixels.
    public var brushRadius: Float {
        layout.geometry.brushRadius(factor: BrushSize.factors[brushLevel])
    }

    /// Reads the labelled drawings once the app starts.
    public mutating func start(context: ScreenContext) -> [Effect] {
        drawingsPath.map { [.loadDrawings(path: $0)] } ?? []
    }

    /// A labelled drawing being written keeps the app from quitting on a signal until it is.
    public var isRescuing: Bool { saving > 0 }

    /// Where labelled drawings went if not to the file asked for, and any that could not be saved.
    public var exitNotes: [String] {
        var notes: [String] = []
        if let abandoned = abandonedDrawings, let drawingsPath, collection?.drawings.isEmpty == false {
            notes.append("Labelled drawings were saved to \(drawingsPath): \(abandoned.reason)")
        }
        if !unsaved.isEmpty {
            let count = unsaved.count == 1 ? "1 labelled drawing was" : "\(unsaved.count) labelled drawings were"
            notes.append("\(count) not saved: \(collectionProblem ?? "the write did not finish").")
        }
        return notes
    }

    /// While labelling, every key goes to the screen: digits are labels, not screen switches.
    public var capturesKeyboard: Bool { labelling }

    public var headerNote: String? {
        model.map { "model: \($0.name)" } ?? "no model"
    }

    public var statusHints: [KeyHint] {
        if labelling {
            return [KeyHint("0-9", "label the drawing"), KeyHint("esc", "cancel")]
        }
        switch pen {
        case .drawing:
            return [KeyHint("hjkl", "draw"), KeyHint("p", "lift pen"), KeyHint("u", "undo"),
                    KeyHint("c", "clear"), KeyHint("[ ]", "brush")]
        case .erasing:
            return [KeyHint("hjkl", "erase"), KeyHint("e", "lift eraser"), KeyHint("u", "undo"),
                    KeyHint("c", "clear"), KeyHint("[ ]", "brush")]
        case .up:
            // The inside view's keys come early: they are what a newcomer would miss.
            let inside = showsInside ? [KeyHint(", .", "other digit"), KeyHint("i", "hide inside")]
                                     : [KeyHint("i", "inside")]
            return [KeyHint("drag", "draw"), KeyHint("right-drag", "erase"), KeyHint("c", "clear"),
                    KeyHint("u", "undo")] + inside
                + [KeyHint("hjkl", "move"), KeyHint("space", "paint"),
                   KeyHint("p", "pen"), KeyHint("[ ]", "brush"), KeyHint("r", "redo")]
        }
    }

    public var helpSections: [HelpSection] {
        [HelpSection("Draw", [
            KeyHint("left drag", "draw"),
            KeyHint("right drag, ctrl-drag", "erase"),
            KeyHint("[ ]  - +  wheel", "brush size"),
            KeyHint("arrows, hjkl", "move the cursor (shift, HJKL: 4 steps)"),
            KeyHint("space, x", "paint, erase a dot"),
            KeyHint("p, e", "pen, eraser down or up: moving draws"),
            KeyHint("esc", "lift the pen"),
            KeyHint("c, delete", "clear (undoable)"),
            KeyHint("u, ctrl-z", "undo the last stroke"),
            KeyHint("r, ctrl-r", "redo"),
            KeyHint("s then 0-9", "save the drawing with that label, for teaching the model"),
            KeyHint("enter", "save it with the digit read (it read right)"),
        ]), HelpSection("Inside the network", [
            KeyHint("i", "show or hide the inside view"),
            KeyHint(", .", "explain the digit below or above: why not 8?"),
        ])]
    }
}
