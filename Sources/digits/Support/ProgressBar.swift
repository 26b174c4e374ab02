/// A one-line progress bar redrawn in place with a carriage return, for terminals only.
struct ProgressBar {
    var width = 24

    /// "[#########---------------]  37%" for `fraction` in 0...1.
    func bar(_ fraction: Double) -> String {
        let clamped = min(max(fraction, 0), 1)
        let filled = Int((clamped * Double(width)).rounded())
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            + "] " + String(format: "%3d%%", Int(clamped * 100))
    }
}

import Foundation
