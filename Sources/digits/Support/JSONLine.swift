import Foundation

/// One JSON object per line on stdout, keys in a stable order so diffs and greps work.
enum JSONLine {
    static func print(_ object: [String: Any]) {
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
              let text = String(data: data, encoding: .utf8) else { return }
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
