import DigitsTUI
import Foundation
@testable import DigitsTerminal

/// A terminal for tests of work that takes a while, such as a training run: like the ncurses
/// backend it sleeps on the loop's wake-up pipe between events, and it types each step's keys
/// once the last frame drawn shows what the step waits for. After `seconds` it gives up and
/// ends the input, and says so in `timedOut`.
final class WatchingBackend: TerminalBackend {
    /// What to wait for on screen, then the events to deliver.
    struct Step {
        let until: @Sendable (String) -> Bool
        let events: [Event]
    }

    let size: Size
    let capabilities = Capabilities.full
    private(set) var frames: [Frame] = []
    private(set) var timedOut = false
    private var steps: [Step]
    private let deadline: Date

    init(size: Size, steps: [Step], seconds: Double = 120) {
        self.size = size
        self.steps = steps
        deadline = Date().addingTimeInterval(seconds)
    }

    func draw(_ frame: Frame) { frames.append(frame) }

    func waitForEvents(wakeDescriptor: Int32) -> [Event] {
        while true {
            if let step = steps.first, let frame = frames.last, step.until(frame.text) {
                steps.removeFirst()
                return step.events
            }
            if Date() > deadline {
                timedOut = true
                return [.terminate]
            }
            var descriptor = pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 100) > 0 { return [] }
        }
    }

    func restore() {}
}
