/// The characters used to draw boxes, bars and pixels: Unicode where the terminal's locale is
/// UTF-8, plain ASCII otherwise.
public struct Glyphs: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// Whether half blocks (▀ ▄ █) and eighth blocks can be drawn.
    public var hasBlocks: Bool
    /// A ramp of characters from empty to full ink, for images without grey colours.
    public var ramp: [Character]
    /// A separator dot for status lines.
    public var bullet: Character
    /// Cut-off marker for truncated text.
    public var ellipsis: Character

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
        bottomRight: "┘", hasBlocks: true, ramp: Array(" .:-=+*#%@"), bullet: "·", ellipsis: "…")

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
        bottomRight: "+", hasBlocks: false, ramp: Array(" .:-=+*#%@"), bullet: "|", ellipsis: "~")

    /// The ramp character for an ink level in 0...1.
    public func rampCharacter(_ level: Float) -> Character {
        let clamped = min(max(level, 0), 1)
        let index = Int((clamped * Float(ramp.count - 1)).rounded())
        return ramp[index]
    }
}
