/// A key press as screens see it, independent of the backend's key codes.
public enum Key: Hashable, Sendable {
    /// A printable character, including space.
    case character(Character)
    /// A control chord: `.control("r")` is Ctrl-R.
    case control(Character)
    case up, down, left, right
    /// Arrow keys with Shift held (bigger steps).
    case shiftUp, shiftDown, shiftLeft, shiftRight
    case enter, escape, tab, backTab, backspace, delete
    case home, end, pageUp, pageDown
    case function(Int)
}
