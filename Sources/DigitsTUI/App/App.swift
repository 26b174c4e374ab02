/// The whole UI as a value: the screens, which one is active, whether help is open, and the
/// terminal's size. `update` is pure and returns effects for the event loop to run; `render` is
/// pure and gives a `Frame`.
///
/// The App handles what is common to every screen: `q` and Ctrl-C quit (asking first when a
/// screen would lose work), `?` toggles the help
/// overlay, Tab, Shift-Tab, number keys and clicks on the header tabs switch screens, and a
/// terminal below `minimumSize` gets a message instead of a screen.
public struct App: Sendable {
    /// The smallest terminal the screens are laid out for.
    public static let minimumSize = Size(width: 80, height: 24)

    public var screens: [any Screen]
    public private(set) var activeIndex: Int = 0
    public private(set) var showsHelp = false
    public private(set) var size: Size
    public let capabilities: Capabilities

    public init(screens: [any Screen], size: Size, capabilities: Capabilities) {
        precondition(!screens.isEmpty, "an app needs at least one screen")
        self.screens = screens
        self.size = size
        self.capabilities = capabilities
    }

    public var theme: Theme { Theme(capabilities) }
    public var context: ScreenContext { ScreenContext(size: size, theme: theme) }
    public var activeScreen: any Screen { screens[activeIndex] }
    public var isTooSmall: Bool { !size.contains(Self.minimumSize) }

    /// The shortest tick interval any screen asks for; nil when all are idle.
    public var tickInterval: Duration? {
        screens.compactMap(\.tickInterval).min()
    }

    /// Applies one event and returns the effects to run.
    public mutating func update(_ event: Event) -> [Effect] {
        switch event {
        case .terminate:
            return [.quit]
        case .resize(let newSize):
            size = newSize
            return updateAll(event)
        case .message, .tick:
            return updateAll(event)
        case .key(let key):
            return handle(key)
        case .mouse(let mouse):
            return handle(mouse)
        }
    }

    private mutating func updateAll(_ event: Event) -> [Effect] {
        let context = self.context
        var effects: [Effect] = []
        for index in screens.indices {
            if case .tick = event, screens[index].tickInterval == nil { continue }
            effects += screens[index].update(event, context: context)
        }
        return effects
    }

    private mutating func updateActive(_ event: Event) -> [Effect] {
        let context = self.context
        return screens[activeIndex].update(event, context: context)
    }

    /// Makes screen `index` active (closing help), if there is such a screen, and tells it so
    /// with a `ScreenShown` message. Screens answer that message by changing state only; work
    /// it starts waits for their next tick.
    public mutating func activate(_ index: Int) {
        guard screens.indices.contains(index) else { return }
        activeIndex = index
        showsHelp = false
        _ = screens[index].update(.message(ScreenShown()), context: context)
    }

    /// `q` or Ctrl-C: quit, unless a screen holds work that quitting would lose; then that
    /// screen comes forward and gets the `q`, to ask. While it asks, Ctrl-C quits at once.
    private mutating func quit() -> [Effect] {
        guard let index = screens.firstIndex(where: \.quitNeedsConfirmation) else { return [.quit] }
        activate(index)
        return updateActive(.key(.character("q")))
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        if key == .control("c") {
            // A terminal too small to show the question gets the plain interrupt.
            return isTooSmall ? [.quit] : quit()
        }
        if isTooSmall {
            return key == .character("q") && !screens.contains(where: \.quitNeedsConfirmation) ? [.quit] : []
        }
        if activeScreen.capturesKeyboard && !showsHelp {
            return updateActive(.key(key))
        }
        switch key {
        case .character("q"):
            return quit()
        case .character("?"):
            showsHelp.toggle()
            return []
        case .tab:
            activate((activeIndex + 1) % screens.count)
            return []
        case .backTab:
            activate((activeIndex + screens.count - 1) % screens.count)
            return []
        case .character(let character) where character.isNumber:
            if let number = character.wholeNumberValue, number >= 1, number <= screens.count {
                activate(number - 1)
                return []
            }
        default:
            break
        }
        if showsHelp {
            // Any other key just closes the overlay, so a key meant for the screen is not
            // applied to something the user cannot see.
            showsHelp = false
            return []
        }
        return updateActive(.key(key))
    }

    private mutating func handle(_ mouse: MouseEvent) -> [Effect] {
        if isTooSmall { return [] }
        if showsHelp {
            if mouse.kind == .press { showsHelp = false }
            return []
        }
        if mouse.kind == .press, mouse.y == 0 {
            if let tab = HeaderBar.tabs(for: screens.map(\.title)).first(where: { $0.columns.contains(mouse.x) }) {
                activate(tab.index)
                return []
            }
        }
        return updateActive(.mouse(mouse))
    }

    /// The frame for the current state at `size` (normally `self.size`).
    public func render(size: Size? = nil) -> Frame {
        let size = size ?? self.size
        let theme = self.theme
        var frame = Frame(size: size)
        guard size.contains(Self.minimumSize) else {
            TooSmallMessage.render(into: &frame, minimum: Self.minimumSize, theme: theme)
            return frame
        }
        let context = ScreenContext(size: size, theme: theme)
        HeaderBar.render(into: &frame, titles: screens.map(\.title), active: activeIndex,
                         note: activeScreen.headerNote, theme: theme)
        activeScreen.render(into: &frame, context: context)
        if showsHelp {
            HelpOverlay.render(into: &frame, area: context.area, sections: helpSections, theme: theme)
        }
        StatusLine.render(into: &frame, row: size.height - 1, hints: statusHints, theme: theme)
        return frame
    }

    /// The active screen's keys followed by the ones that work everywhere; while the screen
    /// takes every key (a question, a text field), only its own.
    public var statusHints: [KeyHint] {
        if showsHelp { return [KeyHint("?", "close help"), KeyHint("q", "quit")] }
        if activeScreen.capturesKeyboard { return activeScreen.statusHints }
        return activeScreen.statusHints + [KeyHint("tab", "screens"), KeyHint("?", "help"), KeyHint("q", "quit")]
    }

    /// Every key of the active screen, then the global ones.
    public var helpSections: [HelpSection] {
        activeScreen.helpSections + [HelpSection("Anywhere", [
            KeyHint("tab, shift-tab", "next, previous screen"),
            KeyHint(screens.indices.map { String($0 + 1) }.joined(separator: " "),
                    screens.map(\.title).joined(separator: ", ")),
            KeyHint("?", "show or hide this help"),
            KeyHint("q, ctrl-c", "quit"),
        ])]
    }
}
