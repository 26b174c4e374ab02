/// A key and what it does, for the status line and the help overlay: `KeyHint("u", "undo")`.
public struct KeyHint: Hashable, Sendable {
    public var keys: String
    public var action: String

    public init(_ keys: String, _ action: String) {
        self.keys = keys
        self.action = action
    }
}

/// A titled group of keys in the help overlay.
public struct HelpSection: Hashable, Sendable {
    public var title: String
    public var hints: [KeyHint]

    public init(_ title: String, _ hints: [KeyHint]) {
        self.title = title
        self.hints = hints
    }
}
