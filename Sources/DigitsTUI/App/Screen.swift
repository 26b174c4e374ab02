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
    /// How often this screen wants `.tick` events while something animates; nil when idle, so
    /// the loop blocks until input.
    var tickInterval: Duration? { get }
    /// True while the screen takes text input, so global keys (q, digits, ?) reach it instead.
    var capturesKeyboard: Bool { get }
    /// True while quitting would throw away work (a model being trained or not yet saved) and
    /// the screen is not already asking: `q` and Ctrl-C then bring this screen forward and
    /// hand it the `q`, so it can ask first.
    var quitNeedsConfirmation: Bool { get }

    /// Applies an event. Resize events reach every screen, active or not; other events reach
    /// only the active one.
    mutating func update(_ event: Event, context: ScreenContext) -> [Effect]
    /// Draws the screen into `context.area` of `frame`.
    func render(into frame: inout Frame, context: ScreenContext)
}

extension Screen {
    public var headerNote: String? { nil }
    public var tickInterval: Duration? { nil }
    public var capturesKeyboard: Bool { false }
    public var quitNeedsConfirmation: Bool { false }
}
