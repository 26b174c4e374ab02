import DigitsTUI
import CNcurses

/// Turns what `wget_wch` and `getmouse` report into `Event`s.
enum NcursesInput {
    /// A character typed (`wget_wch` returned OK).
    static func key(character code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) + 96)))
        case 0..<32: return nil
        default: return Unicode.Scalar(code).map { .character(Character($0)) }
        }
    }

    /// A function key (`wget_wch` returned KEY_CODE_YES); KEY_MOUSE and KEY_RESIZE are handled
    /// by the caller.
    static func key(functionKey code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_SR: .shiftUp
        case KEY_SF: .shiftDown
        case KEY_SLEFT: .shiftLeft
        case KEY_SRIGHT: .shiftRight
        case KEY_BTAB: .backTab
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_ENTER: .enter
        case (KEY_F0 + 1)...(KEY_F0 + 63): .function(Int(code - KEY_F0))
        default: nil
        }
    }

    /// A mouse report. ncurses decodes both SGR (1006) and classic X10 reports into the same
    /// `bstate` bits. With button-event tracking, motion arrives with REPORT_MOUSE_POSITION and
    /// sometimes no button bit; a click (should `mouseinterval` merge press and release) gives
    /// both events.
    static func events(mouse state: UInt32, x: Int32, y: Int32) -> [MouseEvent] {
        var modifiers: MouseEvent.Modifiers = []
        if state & Curses.shift != 0 { modifiers.insert(.shift) }
        if state & Curses.control != 0 { modifiers.insert(.control) }
        if state & Curses.alt != 0 { modifiers.insert(.alt) }
        let buttons: [(Int, MouseEvent.Button)] = [(1, .left), (2, .middle), (3, .right),
                                                   (4, .wheelUp), (5, .wheelDown)]
        func button(with bits: UInt32) -> MouseEvent.Button? {
            buttons.first { state & Curses.buttonMask($0.0, bits) != 0 }?.1
        }
        let column = Int(x), row = Int(y)
        if state & Curses.reportPosition != 0 {
            return [MouseEvent(.drag, button(with: Curses.pressed) ?? .unknown, x: column, y: row, modifiers: modifiers)]
        }
        if let pressed = button(with: Curses.pressed) {
            return [MouseEvent(.press, pressed, x: column, y: row, modifiers: modifiers)]
        }
        if let released = button(with: Curses.released) {
            return [MouseEvent(.release, released, x: column, y: row, modifiers: modifiers)]
        }
        if let clicked = button(with: Curses.clicked) {
            return [MouseEvent(.press, clicked, x: column, y: row, modifiers: modifiers),
                    MouseEvent(.release, clicked, x: column, y: row, modifiers: modifiers)]
        }
        return []
    }
}
