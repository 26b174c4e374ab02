/// One screen of the app (Draw, Train, Browse): a value with a pure `update` and a pure
/// `render`. The `App` owns the screens, routes events to the active one, and draws the header,
/// status line, help overlay and the too-small message around it.
public protocol Screen: Sendable {
    /// The tab name: "Draw".
    var title: String { get }
    /// Shown at the right of the header, e.g. the model in use.
    var headerNote: String? { get }
    /// Keys that matter now, most important first; the status line shows as many as fit.
    var statusHints: [KeyHint] { get }
    /// Every key of this screen, for the help overlay.
    var helpSections: [HelpSection] { get }
    /// True while the screen takes text input, so global keys (q, digits, ?) reach it instead.
    var capturesKeyboard: Bool { get }
    /// True while quitting would throw away work (a model being trained or not yet saved) and
    /// the screen is not already asking: `q` and Ctrl-C then bring this screen forward and
    /// hand it the `q`, so it can ask first.
    var quitNeedsConfirmation: Bool { get }
    /// True while the screen saves work that a signal would otherwise lose: the App quits only
    /// once no screen is rescuing.
    var isRescuing: Bool { get }
    /// Lines for standard error once the terminal is restored: where rescued work went.
    var exitNotes: [String] { get }

    /// Called once when the app starts, for every screen: the work it needs from the start
    /// (Bubble Tea's `Init`), such as finding out whether the data is there.
    mutating func start(context: ScreenContext) -> [Effect]
    /// Called each time the screen becomes the active one (also at start, for the first one):
    /// work only its user needs, such as Browse evaluating the test set, waits until then.
    mutating func activate(context: ScreenContext) -> [Effect]
    /// Applies an event. Keys and mouse events reach only the active screen; everything else
    /// (resizes, the runtime's answers, model changes) reaches every screen. `.terminate` (a
    /// signal, or the terminal gone) asks each screen to rescue what quitting would lose.
    mutating func update(_ event: Event, context: ScreenContext) -> [Effect]
    /// Draws the screen into `context.area` of `frame`.
    func render(into frame: inout Frame, context: ScreenContext)
}

extension Screen {
    public var headerNote: String? { nil }
    public var capturesKeyboard: Bool { false }
    public var quitNeedsConfirmation: Bool { false }
    public var isRescuing: Bool { false }
    public var exitNotes: [String] { [] }
    public mutating func start(context: ScreenContext) -> [Effect] { [] }
    public mutating func activate(context: ScreenContext) -> [Effect] { [] }
}
