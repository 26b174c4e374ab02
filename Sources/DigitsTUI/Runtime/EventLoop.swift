import Foundation

/// Runs an `App` on a backend: draw, wait for events, update, run effects, repeat.
///
/// The loop draws only after something happened, and waits with no timeout unless a screen
/// asks for ticks, so an idle app sleeps in `poll`. All events waiting at once (a burst of
/// mouse drags) are applied before the next frame, so the screen never lags behind input.
public final class EventLoop {
    public let backend: any TerminalBackend
    /// Background work posts its events here; thread-safe.
    public let poster = EventPoster()

    public init(backend: any TerminalBackend) {
        self.backend = backend
    }

    /// Runs until an update returns `.quit`. Returns the final state through `app`.
    public func run(_ app: inout App) {
        let clock = ContinuousClock()
        var lastTick = clock.now
        var needsDraw = true
        if backend.size != app.size { _ = app.update(.resize(backend.size)) }
        while true {
            if needsDraw {
                backend.draw(app.render())
                needsDraw = false
            }
            var timeout: Duration?
            if let interval = app.tickInterval {
                timeout = max(.zero, interval - (clock.now - lastTick))
            }
            var events = backend.waitForEvents(timeout: timeout, wakeDescriptor: poster.wakeDescriptor)
            events += poster.drain()
            if let interval = app.tickInterval, clock.now - lastTick >= interval {
                events.append(.tick)
                lastTick = clock.now
            }
            for event in events {
                for effect in app.update(event) {
                    switch effect {
                    case .quit:
                        return
                    case .background(let work):
                        let poster = self.poster
                        Thread.detachNewThread { work(poster) }
                    }
                }
                needsDraw = true
            }
        }
    }
}
