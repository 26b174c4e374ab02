/// What replaces the screen when the terminal is smaller than the layout needs.
public enum TooSmallMessage {
    public static func text(minimum: Size, actual: Size) -> String {
        "Terminal too small: need \(minimum), have \(actual)"
    }

    public static func render(into frame: inout Frame, minimum: Size, theme: Theme) {
        let lines = [text(minimum: minimum, actual: frame.size), "Enlarge the window, or press q to quit."]
        let top = max(0, (frame.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            // Left-aligned when it cannot be centred, so the start of the message is what shows.
            let x = max(0, (frame.width - line.count) / 2)
            frame.put(line, x: x, y: top + index, style: index == 0 ? theme.warning : theme.text)
        }
    }
}
