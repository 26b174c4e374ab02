/// Fitting text into a number of cells.
public enum TextFit {
    /// `text` cut to `width` characters, ending in an ellipsis when cut.
    public static func truncate(_ text: String, to width: Int, glyphs: Glyphs) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return String(text.prefix(width - 1)) + String(glyphs.ellipsis)
    }

    /// `text` padded with spaces on the left to `width` characters.
    public static func padLeft(_ text: String, to width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// `text` padded with spaces on the right to `width` characters.
    public static func padRight(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
