/// A screen not built yet: says so, and leaves every global key (switching, help, quit) working.
public struct ComingSoonScreen: Screen {
    public let title: String
    /// One line on what the screen will do.
    public let summary: String

    public init(title: String, summary: String) {
        self.title = title
        self.summary = summary
    }

    public var statusHints: [KeyHint] { [KeyHint("1", "back to Draw")] }
    public var helpSections: [HelpSection] { [] }

    public mutating func update(_ event: Event, context: ScreenContext) -> [Effect] { [] }

    public func render(into frame: inout Frame, context: ScreenContext) {
        let theme = context.theme
        let lines = ["\(title) is coming in a later version.", summary, "",
                     "Press 1 or Tab to go back to Draw, q to quit."]
        let width = min(context.area.width - 4, max(44, lines.map(\.count).max() ?? 0) + 4)
        let box = context.area.centered(Size(width: width, height: lines.count + 4))
        frame.drawBox(box, style: theme.border, glyphs: theme.glyphs, title: title,
                      titleStyle: theme.title)
        for (index, line) in lines.enumerated() {
            frame.putCentered(line, in: box.inset(by: 1), y: box.y + 2 + index,
                              style: index == 0 ? theme.warning : theme.text)
        }
    }
}
