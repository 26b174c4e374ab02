/// The whole UI as a value: the screens, which one is active, whether help is open, and the
/// terminal's size. `update` is pure and returns effects for the event loop to run; `render` is
/// pure and gives a `Frame`. Effects about the screens themselves (`.useInDraw`) are answered
/// here; the rest go to the runtime.
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
    /// A signal or a closed terminal asked the app to end; it does once no screen is rescuing.
    public private(set) var isTerminating = false
    public private(set) var size: Size
    public let capabilities: Capabilities

    /// An app showing `screens[activeIndex]` first. Nothing runs until the runtime calls
    /// `start()` and runs the effects it returns.
    public init(screens: [any Screen], size: Size, capabilities: Capabilities, activeIndex: Int = 0) {
        precondition(!screens.isEmpty, "an app needs at least one screen")
        self.screens = screens
        self.size = size
        self.capabilities = capabilities
        self.activeIndex = screens.indices.contains(activeIndex) ? activeIndex : 0
    }

    public var theme: Theme { Theme(capabilities) }
    public var context: ScreenContext { ScreenContext(size: size, theme: theme) }
    public var activeScreen: any Screen { screens[activeIndex] }
    public var isTooSmall: Bool { !size.contains(Self.minimumSize) }

    /// The work the app needs from the start: every screen's `start` effects, then the first
    /// screen's `activate` ones. The runtime calls this once, before the first event.
    public mutating func start() -> [Effect] {
        let context = self.context
        var effects: [Effect] = []
        for index in screens.indices {
            effects += screens[index].start(context: context)
        }
        effects += screens[activeIndex].activate(context: context)
        return resolve(effects)
    }

    /// Applies one event and returns the effects for the runtime to run.
    public mutating func update(_ event: Event) -> [Effect] {
        guard isTerminating else { return route(event) }
        switch event {
        case .key, .mouse, .terminate:
            // Ending already: input no longer matters, and a second signal kills the process
            // (SignalTrap) without coming here.
            return []
        default:
            // A local first: `self` must be read after `route` has changed it.
            let effects = route(event)
            return endingOnceRescued(effects)
        }
    }

    /// Lines for standard error once the terminal is restored, from every screen.
    public var exitNotes: [String] { screens.flatMap(\.exitNotes) }

    /// While terminating, the quit waits until no screen is still rescuing its work, and then
    /// comes whatever the screens asked.
    private func endingOnceRescued(_ effects: [Effect]) -> [Effect] {
        if screens.contains(where: \.isRescuing) { return effects.filter { $0 != .quit } }
        return effects.contains(.quit) ? effects : effects + [.quit]
    }

    private mutating func route(_ event: Event) -> [Effect] {
        switch event {
        case .terminate:
            isTerminating = true
            showsHelp = false
            let effects = resolve(updateAll(event))
            return endingOnceRescued(effects)
        case .resize(let newSize):
            size = newSize
            return resolve(updateAll(event))
        case .key(let key):
            return resolve(handle(key))
        case .mouse(let mouse):
            return resolve(handle(mouse))
        case .dataChecked, .training, .learningDrawings, .trainingEnded, .trainingFailed, .saved, .saveFailed,
             .rescued, .evaluated, .drawModelChanged, .drawingsLoaded, .drawingsSaved, .drawingsSaveFailed:
            return resolve(updateAll(event))
        }
    }

    /// Answers the effects that are about the screens themselves and passes the rest on:
    /// `.useInDraw` becomes a `.drawModelChanged` for every screen, whose own effects (Browse
    /// evaluating the new model) are resolved in turn.
    private mutating func resolve(_ effects: [Effect]) -> [Effect] {
        var remaining: [Effect] = []
        for effect in effects {
            if case .useInDraw(let model) = effect {
                remaining += resolve(updateAll(.drawModelChanged(model)))
            } else {
                remaining.append(effect)
            }
        }
        return remaining
    }

    private mutating func updateAll(_ event: Event) -> [Effect] {
        let context = self.context
        var effects: [Effect] = []
        for index in screens.indices {
            effects += screens[index].update(event, context: context)
        }
        return effects
    }

    private mutating func updateActive(_ event: Event) -> [Effect] {
        let context = self.context
        return screens[activeIndex].update(event, context: context)
    }

    /// Makes screen `index` active (closing help), if there is such a screen, and returns the
    /// effects of its `activate` hook.
    public mutating func activate(_ index: Int) -> [Effect] {
        guard screens.indices.contains(index) else { return [] }
        activeIndex = index
        showsHelp = false
        return resolve(screens[index].activate(context: context))
    }

    /// `q` or Ctrl-C: quit, unless a screen holds work that quitting would lose; then that
    /// screen comes forward and gets the `q`, to ask. While it asks, Ctrl-C quits at once.
    private mutating func quit() -> [Effect] {
        guard let index = screens.firstIndex(where: \.quitNeedsConfirmation) else { return [.quit] }
        return activate(index) + updateActive(.key(.character("q")))
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
            return activate((activeIndex + 1) % screens.count)
        case .backTab:
            return activate((activeIndex + screens.count - 1) % screens.count)
        case .character(let character) where character.isNumber:
            if let number = character.wholeNumberValue, number >= 1, number <= screens.count {
                return activate(number - 1)
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
                return activate(tab.index)
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
