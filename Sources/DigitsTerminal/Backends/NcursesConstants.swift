import DigitsTUI
import CNcurses

/// ncurses values defined by function-like macros, which Swift does not import (mouse mask
/// version 2, as in ncurses 6; attribute bits with NCURSES_ATTR_SHIFT 8).
enum Curses {
    static func buttonMask(_ button: Int, _ bits: UInt32) -> UInt32 { bits << UInt32((button - 1) * 5) }
    static let released: UInt32 = 0o1
    static let pressed: UInt32 = 0o2
    static let clicked: UInt32 = 0o4
    static let control: UInt32 = buttonMask(6, 0o1)
    static let shift: UInt32 = buttonMask(6, 0o2)
    static let alt: UInt32 = buttonMask(6, 0o4)
    static let reportPosition: UInt32 = buttonMask(6, 0o10)
    static let allMouseEvents: UInt32 = reportPosition - 1

    static let bold: UInt32 = 1 << 21
    static let reverse: UInt32 = 1 << 18
    static let underline: UInt32 = 1 << 17
}
