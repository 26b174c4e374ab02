import Foundation

/// Lets another thread pause, resume or stop a training run. The trainer looks at it before
/// every batch, so a stop takes effect within one batch.
public final class TrainingControl: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false
    private var paused = false

    public init() {}

    /// Asks training to stop after the current batch; wakes it if paused.
    public func stop() {
        condition.lock(); stopped = true; condition.broadcast(); condition.unlock()
    }

    public func pause() {
        condition.lock(); paused = true; condition.unlock()
    }

    public func resume() {
        condition.lock(); paused = false; condition.broadcast(); condition.unlock()
    }

    public var isStopped: Bool { condition.lock(); defer { condition.unlock() }; return stopped }
    public var isPaused: Bool { condition.lock(); defer { condition.unlock() }; return paused }

    /// Blocks while paused; returns whether training should go on.
    func shouldContinue() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while paused && !stopped { condition.wait() }
        return !stopped
    }
}
