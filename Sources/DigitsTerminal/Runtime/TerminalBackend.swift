import DigitsTUI

/// The one place that talks to a terminal: draws frames and reads events. `NcursesBackend`
/// drives a real terminal; `MemoryBackend` replays scripted events and keeps frames as text
/// for tests.
public protocol TerminalBackend: AnyObject {
    /// The terminal's size now.
    var size: Size { get }
    /// What the terminal can show.
    var capabilities: Capabilities { get }
    /// Shows `frame` (a frame of another size than the terminal is drawn clipped).
    func draw(_ frame: Frame)
    /// Blocks until terminal input arrives or `wakeDescriptor` becomes readable, then returns
    /// the events read, possibly none.
    func waitForEvents(wakeDescriptor: Int32) -> [Event]
    /// Gives the terminal back as it was. Safe to call more than once.
    func restore()
}
