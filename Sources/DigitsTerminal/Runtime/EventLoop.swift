import DigitsCore
import DigitsTUI

/// Runs an `App` on a backend: draw, wait for events, update, run effects, repeat.
///
/// The loop draws only after something happened and waits with no timeout, so an idle app
/// sleeps in `poll`; work it started wakes it through the poster. All events waiting at once
/// (a burst of mouse drags) are applied before the next frame, so the screen never lags behind
/// input. When the loop ends, whatever ended it, the effect runner is shut down: training
/// stops and every thread it started has finished.
public final class EventLoop {
    public let backend: any TerminalBackend
    /// Work the runner started posts its answers here; thread-safe.
    public let poster = EventPoster()
    public let runner: EffectRunner

    /// A loop over `backend`; `trainingWorkers` as for `EffectRunner`.
    public init(backend: any TerminalBackend, trainingWorkers: Int = Trainer.preferredWorkerCount) {
        self.backend = backend
        runner = EffectRunner(poster: poster, trainingWorkers: trainingWorkers)
    }

    /// Runs until an update asks to quit or input ends. Returns the final state through `app`.
    public func run(_ app: inout App) {
        defer { runner.shutDown() }
        if backend.size != app.size, perform(app.update(.resize(backend.size))) { return }
        if perform(app.start()) { return }
        var needsDraw = true
        while true {
            if needsDraw {
                backend.draw(app.render())
                needsDraw = false
            }
            var events = backend.waitForEvents(wakeDescriptor: poster.wakeDescriptor)
            events += poster.drain()
            for event in events {
                if perform(app.update(event)) { return }
                needsDraw = true
            }
        }
    }

    /// Hands `effects` to the runner; returns whether one of them is `.quit`.
    private func perform(_ effects: [Effect]) -> Bool {
        for effect in effects {
            if effect == .quit { return true }
            runner.run(effect)
        }
        return false
    }
}
