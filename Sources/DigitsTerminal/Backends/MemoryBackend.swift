import DigitsTUI
import Foundation

/// A terminal in memory, for tests: hands out scripted events batch by batch, keeps every frame
/// drawn, and ends with `.terminate` when the script runs out (like a closed input). Anchored
/// on ratatui's TestBackend.
public final class MemoryBackend: TerminalBackend {
    public private(set) var size: Size
    public let capabilities: Capabilities
    /// Every frame drawn, oldest first.
    public private(set) var frames: [Frame] = []
    /// How many times the loop waited for events: once per batch, never in a busy loop.
    public private(set) var waits = 0
    public private(set) var isRestored = false
    private var script: [[Event]]

    /// A terminal of `size` that will deliver `script`, one inner array per wait.
    public init(size: Size, capabilities: Capabilities = .full, script: [[Event]] = []) {
        self.size = size
        self.capabilities = capabilities
        self.script = script
    }

    /// The last frame drawn.
    public var lastFrame: Frame? { frames.last }

    /// Adds a batch of events to deliver after those already scripted.
    public func enqueue(_ events: [Event]) { script.append(events) }

    public func draw(_ frame: Frame) { frames.append(frame) }

    /// When the script runs out, how long to wait once for the runner's work to post through the
    /// wake-up pipe before ending with `.terminate`.
    public var idleWait: Duration = .zero
    private var waitedIdle = false

    public func waitForEvents(wakeDescriptor: Int32) -> [Event] {
        waits += 1
        guard !script.isEmpty else {
            if !waitedIdle, idleWait > .zero, wakeDescriptor >= 0 {
                waitedIdle = true
                var descriptor = pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)
                let milliseconds = Int32(idleWait.components.seconds * 1000
                                         + idleWait.components.attoseconds / 1_000_000_000_000_000)
                if poll(&descriptor, 1, milliseconds) > 0 { return [] }
            }
            return [.terminate]
        }
        let batch = script.removeFirst()
        for case .resize(let newSize) in batch { size = newSize }
        return batch
    }

    public func restore() { isRestored = true }
}
