import Foundation
import Synchronization

/// A few threads that run one job together, many thousand times a second: the sparse first
/// layer splits every batch's work between them.
///
/// A batch of 64 takes about 100 µs, and waking a sleeping thread through the kernel takes tens
/// of microseconds on a virtual machine, which is why `DispatchQueue.concurrentPerform` made the
/// split slower than one thread. Here the helpers watch an atomic counter between jobs: first
/// spinning, then yielding the core after each look (so other threads, another team's or the
/// UI's, still run when there are more threads than cores), and only after two milliseconds
/// without work (a paused or finished run) do they sleep on a semaphore. The caller waits for
/// the helpers to finish the same way.
final class WorkerTeam: Sendable {
    /// Threads taking part, the caller's included.
    let size: Int
    private let shared: Shared

    /// A team of `size` threads: the caller and `size - 1` helpers.
    init(size: Int) {
        self.size = max(1, size)
        shared = Shared(helpers: self.size - 1)
        for member in 1..<self.size {
            // The threads hold the shared state, not the team, so the team's deinit can end them.
            let thread = Thread { [shared] in shared.helperLoop(member: member) }
            thread.name = "digits-worker-\(member)"
            thread.start()
        }
    }

    deinit {
        shared.generation.store(-1, ordering: .sequentiallyConsistent)
        for wake in shared.wakes { wake.signal() }
    }

    /// The number of threads worth using on this machine for work split at most `maximum` ways.
    static func preferredSize(maximum: Int = 4) -> Int {
        max(1, min(maximum, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// Runs `body(member)` for every member 0..<size at once, member 0 on the calling thread,
    /// and returns when all are done. Not reentrant: one caller at a time.
    ///
    /// `body` escapes only to reach the helpers: the team drops it before returning, so what it
    /// captures (often a pointer valid only for the caller's scope) is never kept past the call.
    func run(_ body: @escaping (Int) -> Void) {
        guard size > 1 else { return body(0) }
        shared.job = body
        shared.finished.store(0, ordering: .relaxed)
        shared.generation.add(1, ordering: .sequentiallyConsistent)
        if shared.sleepers.load(ordering: .sequentiallyConsistent) > 0 {
            for wake in shared.wakes { wake.signal() }
        }
        body(0)
        var wait = Wait()
        while shared.finished.load(ordering: .acquiring) < size - 1 { _ = wait.pause() }
        // Every helper has called the job and reported, so none reads it again until the next
        // generation, which writes it anew.
        shared.job = nil
    }

    /// How a thread waits for a counter to move: spinning for the first `spinning` nanoseconds,
    /// then yielding the core after every look, and after `patience` nanoseconds giving up.
    struct Wait {
        static let spinning: UInt64 = 50_000
        private let start = DispatchTime.now().uptimeNanoseconds
        private let patience: UInt64
        private var looks = 0
        private var yielding = false

        init(patience: UInt64 = .max) { self.patience = patience }

        /// Call between looks; false once `patience` has run out.
        mutating func pause() -> Bool {
            looks += 1
            if yielding {
                sched_yield()
            } else if looks & 255 != 0 {
                return true
            }
            // The clock is read every 256 spins, or after every yield.
            let waited = DispatchTime.now().uptimeNanoseconds - start
            yielding = waited > Self.spinning
            return waited < patience
        }
    }

    /// What the caller and the helpers share.
    private final class Shared: @unchecked Sendable {
        /// Bumped for every job; a negative value tells the helpers to exit.
        let generation = Atomic<Int>(0)
        /// Helpers that have finished the current job.
        let finished = Atomic<Int>(0)
        /// Helpers that may be asleep, so a new job must signal `wake`.
        let sleepers = Atomic<Int>(0)
        /// One semaphore per helper (member m sleeps on `wakes[m - 1]`). With one shared by all, a
        /// helper that woke, ran the job and went back to sleep before its sibling had run could
        /// take the signal meant for the sibling, which then slept through the job while the
        /// caller waited for it forever.
        let wakes: [DispatchSemaphore]

        init(helpers: Int) {
            wakes = (0..<helpers).map { _ in DispatchSemaphore(value: 0) }
        }
        /// The current job; written before `generation` is bumped, read after it is seen, and
        /// cleared once every helper has reported.
        nonisolated(unsafe) var job: ((Int) -> Void)?

        /// Nanoseconds a helper waits for a job before it sleeps.
        static let patience: UInt64 = 2_000_000

        /// Calls the current job. Not inlined, so this helper's hold on the job ends here,
        /// before it reports: once all have reported, the caller's is the only one left.
        @inline(never)
        private func runJob(member: Int) {
            job?(member)
        }

        /// A helper's life: wait for a new generation, run the job, report, repeat.
        func helperLoop(member: Int) {
            var seen = 0
            while true {
                var current = generation.load(ordering: .acquiring)
                var wait = Wait(patience: Self.patience)
                while current == seen && wait.pause() {
                    current = generation.load(ordering: .acquiring)
                }
                if current == seen {
                    // Announce the sleep before looking once more, so a job posted in between is
                    // either seen here or signals the semaphore; a stray signal costs one loop.
                    sleepers.add(1, ordering: .sequentiallyConsistent)
                    if generation.load(ordering: .sequentiallyConsistent) == seen { wakes[member - 1].wait() }
                    sleepers.subtract(1, ordering: .sequentiallyConsistent)
                    continue
                }
                if current < 0 { return }
                seen = current
                runJob(member: member)
                finished.add(1, ordering: .releasing)
            }
        }
    }
}
