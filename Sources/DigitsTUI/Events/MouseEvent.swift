/// A mouse report: what happened, which button, where (0-based cell column and row) and which
/// modifier keys were held.
public struct MouseEvent: Hashable, Sendable {
    public enum Button: Hashable, Sendable {
        case left, middle, right, wheelUp, wheelDown
        /// Motion and release reports do not always say which button (X10 releases never do).
        case unknown
    }

    public enum Kind: Hashable, Sendable {
        case press
        /// Motion with a button held (button-event tracking, mode 1002).
        case drag
        case release
    }

    public struct Modifiers: OptionSet, Hashable, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let shift = Modifiers(rawValue: 1)
        public static let control = Modifiers(rawValue: 2)
        public static let alt = Modifiers(rawValue: 4)
    }

    public var kind: Kind
    public var button: Button
    public var x: Int
    public var y: Int
    public var modifiers: Modifiers

    public init(_ kind: Kind, _ button: Button, x: Int, y: Int, modifiers: Modifiers = []) {
        self.kind = kind
        self.button = button
        self.x = x
        self.y = y
        self.modifiers = modifiers
    }
}
