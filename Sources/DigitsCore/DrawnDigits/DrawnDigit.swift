/// One digit drawn with the mouse on the Draw screen, kept as the terminal reported it: the
/// cells under the pointer while a button was held, stroke by stroke. Replaying it
/// (`DrawnDigitReplay`) paints exactly what the screen painted.
public struct DrawnDigit: Hashable, Sendable {
    /// Unique within its set, e.g. "writer-b/7/2".
    public var id: String
    /// The digit the writer meant, 0...9; nil for a drawing that is no digit at all (a
    /// scribble, a letter, a blot: the non-digit set that measures rejection).
    public var label: Int?
    /// The name of the person (or the style standing for one) who drew it; see `DrawnWriter`.
    public var writer: String
    /// The canvas it was drawn on, in cells. Points are relative to its top-left cell.
    public var canvas: CellSize
    /// The terminal size that gives that canvas, when known: lets a screen test replay the
    /// drawing through the real layout.
    public var terminal: CellSize?
    /// The brush, as a percentage of the canvas's suggested radius
    /// (`Canvas.suggestedBrushRadius`): 100 is the Draw screen's default brush.
    public var brushPercent: Int
    /// The strokes in the order drawn; each is the cells reported from press to release.
    public var strokes: [[CellPoint]]
    /// How it was made, when it was generated from a template (for reading failures).
    public var template: String?

    public init(id: String, label: Int?, writer: String, canvas: CellSize, terminal: CellSize? = nil,
                brushPercent: Int = 100, strokes: [[CellPoint]], template: String? = nil) {
        self.id = id
        self.label = label
        self.writer = writer
        self.canvas = canvas
        self.terminal = terminal
        self.brushPercent = brushPercent
        self.strokes = strokes
        self.template = template
    }
}

/// Someone who drew digits for a set, and which part of the set their drawings belong to.
public struct DrawnWriter: Hashable, Sendable {
    public var name: String
    public var split: DrawnDigitSplit
    /// Their habits in a line ("continental: crossed 7s, flagged 1s, leans right").
    public var style: String

    public init(name: String, split: DrawnDigitSplit, style: String = "") {
        self.name = name
        self.split = split
        self.style = style
    }
}

/// Which writers may be looked at while tuning the model, and which are kept back to measure it.
///
/// No drawing is ever trained on. Development writers are the ones whose failures we study to
/// choose augmentation; held-out writers stand for the people the model never saw, so the
/// target (90%) is measured on them only.
public enum DrawnDigitSplit: String, Hashable, Sendable, CaseIterable {
    case development
    case heldOut = "held-out"
}
