/// What a screen needs to know about where it is drawn: the terminal size, the area below the
/// header and above the status line that belongs to it, and the theme.
public struct ScreenContext: Hashable, Sendable {
    public var size: Size
    public var area: Rect
    public var theme: Theme

    public init(size: Size, theme: Theme) {
        self.size = size
        self.area = Rect(x: 0, y: 1, width: size.width, height: size.height - 2)
        self.theme = theme
    }
}
