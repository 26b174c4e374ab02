/// Durations as people read them on a progress line: "0:42", "12:05", "1:02:03".
enum TimeText {
    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        let total = Int(seconds.rounded())
        let hours = total / 3600, minutes = (total % 3600) / 60, rest = total % 60
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(rest))" : "\(minutes):\(two(rest))"
    }

    /// "97.3%".
    static func percent(_ fraction: Float?) -> String {
        guard let fraction, fraction.isFinite else { return "-" }
        let tenths = Int((fraction * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// "0.1234" for losses.
    static func loss(_ value: Float?) -> String {
        guard let value, value.isFinite else { return "-" }
        let scaled = Int((value * 10000).rounded())
        let whole = scaled / 10000, fraction = scaled % 10000
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// "12,345".
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }
}
