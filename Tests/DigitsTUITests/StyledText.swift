@testable import DigitsTUI

/// A frame written as text with its styles, for snapshots of what colour and attributes each
/// cell gets: first the characters, then a map with one code per cell (`.` for the plain
/// style, a letter or sign for each other style, in order of first appearance), then a
/// legend that spells each code out:
///
/// ```
///  digits   1 Draw ...
/// -- styles: one code per cell, . is plain --
/// aaaaaaaabbbbbbbbaaa
/// -- legend --
/// a  reverse
/// b  bold
/// ```
///
/// Meant for the 8-colour and ASCII themes, which use a handful of styles; a 256-colour
/// screen's grey images use more styles than there are codes (`?` then stands for the rest).
enum StyledText {
    /// Codes for styles other than the plain one, readable and never a box-drawing character.
    static let codes = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789#$%&*+=@^~<>")

    static func describe(_ frame: Frame) -> [String] {
        var assigned: [Style: Character] = [.plain: "."]
        var order: [Style] = []
        var map: [String] = []
        for row in 0..<frame.height {
            var line = ""
            for column in 0..<frame.width {
                let style = frame[column, row].style
                if assigned[style] == nil {
                    assigned[style] = order.count < codes.count ? codes[order.count] : "?"
                    order.append(style)
                }
                line.append(assigned[style] ?? "?")
            }
            while line.last == "." { line.removeLast() }
            map.append(line)
        }
        var legend = order.prefix(codes.count).map { "\(assigned[$0] ?? "?")  \(describe($0))" }
        if order.count > codes.count { legend.append("?  \(order.count - codes.count) more styles") }
        return frame.lines() + ["-- styles: one code per cell, . is plain --"] + map + ["-- legend --"] + legend
    }

    /// "fg green on 236 bold reverse": the colours that are not the terminal's default, then
    /// the attributes.
    static func describe(_ style: Style) -> String {
        var parts: [String] = []
        if style.foreground != .default { parts.append("fg " + name(style.foreground)) }
        if style.background != .default { parts.append("bg " + name(style.background)) }
        if style.bold { parts.append("bold") }
        if style.reverse { parts.append("reverse") }
        if style.underline { parts.append("underline") }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }

    /// The ANSI name of colours 0-7 (what an 8-colour terminal has), the palette index above.
    static func name(_ color: TerminalColor) -> String {
        let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
        switch color {
        case .default: return "default"
        case .indexed(let index): return index < 8 ? names[Int(index)] : "\(index)"
        }
    }
}
