import DigitsCore
import Foundation

/// The training runs that Train screens started in this process, so that a program can stop
/// them and wait for them before it exits.
///
/// Why: exiting while a training thread is inside OpenBLAS can deadlock OpenBLAS's exit-time
/// shutdown (seen on Debian 12: `blas_thread_shutdown_` waits forever for a worker), so the
/// process never ends. The first run registers an `atexit` handler that stops them all and
/// waits; commands may also call `stopAll()` themselves after the terminal is restored.
public enum BackgroundTraining {
    private static let condition = NSCondition()
    nonisolated(unsafe) private static var running: [ObjectIdentifier: TrainingControl] = [:]

    nonisolated(unsafe) private static var hooked = false

    static func began(_ control: TrainingControl) {
        condition.lock()
        running[ObjectIdentifier(control)] = control
        let hook = !hooked
        hooked = true
        condition.unlock()
        // However the program ends (q, Ctrl-C, a signal), stop training before OpenBLAS's own
        // exit handler runs: atexit handlers run before the shared libraries' finalisers.
        if hook { atexit { BackgroundTraining.stopAll(waitingUpTo: 5) } }
    }

    static func ended(_ control: TrainingControl) {
        condition.lock()
        running[ObjectIdentifier(control)] = nil
        condition.broadcast()
        condition.unlock()
    }

    /// Asks every run to stop after its current batch and waits up to `seconds` for them to
    /// end. Returns whether they all did.
    @discardableResult
    public static func stopAll(waitingUpTo seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        for control in running.values { control.stop() }
        while !running.isEmpty {
            if !condition.wait(until: deadline) { break }
        }
        return running.isEmpty
    }
}
