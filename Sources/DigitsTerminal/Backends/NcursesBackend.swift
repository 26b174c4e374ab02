@preconcurrency import CNcurses
import DigitsTUI
import Foundation

/// The real terminal, through wide-character ncurses.
///
/// Start-up: locale from the environment (UTF-8 decides Unicode or ASCII drawing), raw mode
/// (Ctrl-C and Ctrl-Z arrive as keys), no echo, keypad, hidden cursor, colours with the
/// terminal's default background, and the mouse: ncurses' own tracking plus button-event
/// tracking (`ESC[?1002h`) so drags arrive, and SGR reports (`ESC[?1006h`) where the terminfo
/// entry decodes them (its `kmous` is `ESC[<`); otherwise ncurses gets classic X10 reports.
///
/// `draw` writes only the cells that differ from the previous frame. `waitForEvents` blocks in
/// `poll` on the terminal, the wake-up pipe and the signal pipe, so an idle app uses no CPU.
public final class NcursesBackend: TerminalBackend {
    public private(set) var size: Size
    public let capabilities: Capabilities
    private let screen: OpaquePointer
    private var previous: Frame?
    /// The terminal hung up (its window closed): it is not polled again, or every wait would
    /// return at once while the app saves what it must before ending.
    private var inputClosed = false
    private var pairs: [ColorPair: Int16] = [:]
    private let maximumPair: Int
    private var restored = false
    private let mouseSequenceOff: String

    private struct ColorPair: Hashable {
        var foreground: TerminalColor
        var background: TerminalColor
    }

    /// Takes over the terminal on standard input and output.
    public init() throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        let unicode = codeset.uppercased() == "UTF-8"

        let termName = ProcessInfo.processInfo.environment["TERM"] ?? ""
        SignalTrap.install()
        // Unlike initscr, newterm returns nil for an unknown terminal instead of exiting.
        guard let screen = newterm(nil, stdout, stdin) else {
            SignalTrap.uninstall()
            throw .unknownTerminal(termName.isEmpty ? "(unset)" : termName)
        }
        self.screen = screen
        set_term(screen)
        raw()
        noecho()
        nonl()
        keypad(stdscr, true)
        curs_set(0)
        set_escdelay(25)
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = COLORS >= 256 ? 256 : (COLORS >= 8 ? 8 : 0)
        }
        maximumPair = Int(min(COLOR_PAIRS - 1, Int32(Int16.max)))
        capabilities = Capabilities(colors: colors, unicode: unicode)
        size = Size(width: Int(getmaxx(stdscr)), height: Int(getmaxy(stdscr)))

        mouseinterval(0)
        mousemask(mmask_t(Curses.allMouseEvents | Curses.reportPosition), nil)
        let sgr = Self.terminalDecodesSGR()
        mouseSequenceOff = sgr ? "\u{1b}[?1002l\u{1b}[?1006l" : "\u{1b}[?1002l"
        // Flush ncurses' start-up output (alternate screen, its mouse mode) before adding ours.
        wnoutrefresh(stdscr)
        doupdate()
        Self.writeDirectly(sgr ? "\u{1b}[?1002h\u{1b}[?1006h" : "\u{1b}[?1002h")
    }

    deinit { restore() }

    /// Whether the terminfo entry's mouse key is the SGR prefix, so ncurses parses 1006 reports.
    private static func terminalDecodesSGR() -> Bool {
        guard let pointer = tigetstr("kmous"), Int(bitPattern: pointer) != -1 else { return false }
        return String(cString: pointer) == "\u{1b}[<"
    }

    private static func writeDirectly(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    public func restore() {
        guard !restored else { return }
        restored = true
        mousemask(0, nil)
        endwin()
        Self.writeDirectly(mouseSequenceOff)
        delscreen(screen)
        SignalTrap.uninstall()
    }

    // MARK: Drawing

    public func draw(_ frame: Frame) {
        if !drawCells(frame) {
            // Colour pairs ran out: start over with a fresh cache and repaint everything.
            pairs.removeAll()
            previous = nil
            _ = drawCells(frame)
        }
        wnoutrefresh(stdscr)
        doupdate()
        previous = frame
    }

    /// Writes the cells that changed; false if colour pairs ran out part-way.
    private func drawCells(_ frame: Frame) -> Bool {
        let old = previous.flatMap { $0.size == frame.size ? $0 : nil }
        if old == nil { werase(stdscr) }
        let width = min(frame.width, size.width), height = min(frame.height, size.height)
        for y in 0..<height {
            for x in 0..<width {
                let cell = frame[x, y]
                if let old, old[x, y] == cell { continue }
                guard put(cell, x: x, y: y) else { return false }
            }
        }
        return true
    }

    private func put(_ cell: Cell, x: Int, y: Int) -> Bool {
        guard let pair = pair(for: cell.style) else { return false }
        var attributes: UInt32 = 0
        if cell.style.bold { attributes |= Curses.bold }
        if cell.style.reverse { attributes |= Curses.reverse }
        if cell.style.underline { attributes |= Curses.underline }
        let scalar = cell.character.unicodeScalars.first ?? " "
        let printable = capabilities.unicode || scalar.isASCII ? scalar : "?"
        var text: [wchar_t] = [wchar_t(bitPattern: printable.value), 0]
        var character = cchar_t()
        setcchar(&character, &text, attr_t(attributes), pair, nil)
        // Writing the bottom-right cell reports an error (the cursor cannot advance) but draws it.
        mvwadd_wch(stdscr, Int32(y), Int32(x), &character)
        return true
    }

    private func pair(for style: Style) -> Int16? {
        guard capabilities.colors > 0 else { return 0 }
        let key = ColorPair(foreground: style.foreground, background: style.background)
        if key.foreground == .default && key.background == .default { return 0 }
        if let known = pairs[key] { return known }
        let next = pairs.count + 1
        guard next <= maximumPair else { return nil }
        init_pair(Int16(next), Int16(key.foreground.cursesNumber), Int16(key.background.cursesNumber))
        pairs[key] = Int16(next)
        return Int16(next)
    }

    // MARK: Input

    public func waitForEvents(wakeDescriptor: Int32) -> [Event] {
        // ncurses may hold input it has already read (several reports in one read); take that
        // before sleeping.
        let pending = readAvailable()
        if !pending.isEmpty { return pending }
        // poll skips negative descriptors.
        var descriptors = [pollfd(fd: inputClosed ? -1 : STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: SignalTrap.readDescriptor, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
        if SignalTrap.takeTermination() { return [.terminate] }
        if ready > 0, descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0,
           descriptors[0].revents & Int16(POLLIN) == 0 {
            inputClosed = true
            return [.terminate]
        }
        if inputClosed { return [] }
        // Also after EINTR: SIGWINCH interrupts poll and ncurses then reports KEY_RESIZE.
        return readAvailable()
    }

    /// Every key and mouse report ncurses can give without waiting.
    private func readAvailable() -> [Event] {
        wtimeout(stdscr, 0)
        var events: [Event] = []
        while true {
            var character: wint_t = 0
            let result = wget_wch(stdscr, &character)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                let code = Int32(character)
                if code == KEY_RESIZE {
                    size = Size(width: Int(getmaxx(stdscr)), height: Int(getmaxy(stdscr)))
                    previous = nil
                    events.append(.resize(size))
                } else if code == KEY_MOUSE {
                    var report = MEVENT()
                    if getmouse(&report) == OK {
                        events += NcursesInput.events(mouse: UInt32(report.bstate), x: report.x, y: report.y)
                            .map(Event.mouse)
                    }
                } else if let key = NcursesInput.key(functionKey: code) {
                    events.append(.key(key))
                }
            } else if let key = NcursesInput.key(character: UInt32(character)) {
                events.append(.key(key))
            }
            if events.count >= 512 { break }
        }
        return events
    }
}
