import DigitsTUI
import Foundation

/// Lets the effect runner's threads hand events to the UI thread. `post` may be called from any thread: it
/// queues the event and writes one byte to a pipe that the event loop's `poll` watches, so a
/// loop blocked waiting for input wakes at once (and an idle loop stays at 0% CPU).
public final class EventPoster: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: [Event] = []
    /// Read end, watched by the loop; -1 when no pipe could be made (then posting still queues,
    /// and the loop picks events up at its next wake-up).
    public let wakeDescriptor: Int32
    private let writeDescriptor: Int32

    public init() {
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            }
        }
        wakeDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    deinit {
        if wakeDescriptor >= 0 { close(wakeDescriptor) }
        if writeDescriptor >= 0 { close(writeDescriptor) }
    }

    /// Queues `event` for the loop and wakes it.
    public func post(_ event: Event) {
        lock.lock()
        queue.append(event)
        lock.unlock()
        guard writeDescriptor >= 0 else { return }
        var byte: UInt8 = 1
        // A full pipe already means "wake up": a failed write loses nothing.
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Takes every queued event, oldest first, and empties the wake-up pipe.
    public func drain() -> [Event] {
        if wakeDescriptor >= 0 {
            var buffer = [UInt8](repeating: 0, count: 256)
            while read(wakeDescriptor, &buffer, buffer.count) > 0 {}
        }
        lock.lock()
        defer { lock.unlock() }
        let events = queue
        queue.removeAll()
        return events
    }
}
