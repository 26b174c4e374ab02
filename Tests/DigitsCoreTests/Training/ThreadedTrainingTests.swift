import Foundation
import Testing
@testable import DigitsCore

/// The threaded training paths on data small enough for ThreadSanitizer: a worker team of two
/// and of three (whatever the machine's core count), the sparse trainer on top of it, and the
/// controls another thread pauses and stops it with. The full-MNIST tests cover the same code
/// at scale; these are what `scripts/test --sanitize thread` relies on.
@Suite("Threaded training on small data")
struct ThreadedTrainingTests {
    let training = barsDataset(count: 300, seed: 5)

    func trained(_ config: TrainingConfiguration, workers: Int, data: Dataset? = nil) throws -> Network {
        var trainer = Trainer(configuration: config)
        trainer.workerCount = workers
        trainer.splitsSmallPasses = true  // these networks are far too small to split otherwise
        let data = data ?? training
        var network = try trainer.makeNetwork(inputSize: data.pixelsPerImage, classes: 3)
        let outcome = try trainer.train(&network, on: data)
        guard case .completed = outcome else {
            Issue.record("training did not complete: \(outcome)")
            return network
        }
        return network
    }

    func expectClose(_ a: Network, _ b: Network, _ what: String) {
        let worst = zip(a.parameters, b.parameters).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        #expect(worst < 1e-4, "\(what): parameters differ by up to \(worst)")
    }

    @Test("two and three workers train to the model one worker makes", arguments: [2, 3])
    func workersAgree(workers: Int) throws {
        for kind in [OptimizerKind.sgd, .adam] {
            let config = TrainingConfiguration(hiddenSizes: [12], optimizer: kind,
                                               learningRate: kind == .adam ? 0.005 : 0.05,
                                               batchSize: 16, epochs: 2, seed: 3)
            expectClose(try trained(config, workers: workers), try trained(config, workers: 1),
                        "\(kind) with \(workers) workers")
        }
    }

    @Test("full-batch descent accumulates chunks across three workers as one does")
    func fullBatchAcrossChunks() throws {
        // More images than one chunk (Trainer.largestChunk), so the gradient is accumulated.
        let data = barsDataset(count: Trainer.largestChunk + 150, seed: 6)
        let config = TrainingConfiguration(hiddenSizes: [8], optimizer: .gd, learningRate: 0.5,
                                           epochs: 3, seed: 4)
        expectClose(try trained(config, workers: 3, data: data), try trained(config, workers: 1, data: data),
                    "gd with 3 workers")
    }

    @Test("another thread pauses, resumes and stops a run of three workers")
    func controlledFromAnotherThread() throws {
        let control = TrainingControl()
        let progress = Locked<(batches: Int, outcome: TrainingOutcome?)>((0, nil))
        let finished = DispatchSemaphore(value: 0)
        let config = TrainingConfiguration(hiddenSizes: [12], batchSize: 8, epochs: 100_000)
        let data = training
        Thread.detachNewThread {
            var trainer = Trainer(configuration: config)
            trainer.workerCount = 3
            trainer.splitsSmallPasses = true
            do {
                var network = try trainer.makeNetwork(inputSize: 64, classes: 3)
                let outcome = try trainer.train(&network, on: data, control: control) { event in
                    if case .batch = event { progress.update { $0.batches += 1 } }
                }
                progress.update { $0.outcome = outcome }
            } catch {
                Issue.record("training failed: \(error)")
            }
            finished.signal()
        }
        func waitForBatches(beyond count: Int) -> Int? {
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                let now = progress.value.batches
                if now > count { return now }
                Thread.sleep(forTimeInterval: 0.005)
            }
            return nil
        }
        #expect(waitForBatches(beyond: 0) != nil)
        control.pause()
        // The batch under way ends: usually within 50 ms, but on a loaded machine three threads
        // on two cores can take longer, so wait until the count holds still for 50 ms. A run
        // that ignored the pause would never hold still, and the check below would fail.
        var paused = progress.value.batches
        let settling = Date().addingTimeInterval(10)
        repeat {
            Thread.sleep(forTimeInterval: 0.05)
            let now = progress.value.batches
            if now == paused { break }
            paused = now
        } while Date() < settling
        Thread.sleep(forTimeInterval: 0.1)
        #expect(progress.value.batches == paused, "batches ran while paused")
        control.resume()
        #expect(waitForBatches(beyond: paused) != nil, "no batch after resuming")
        control.stop()
        #expect(finished.wait(timeout: .now() + 60) == .success)
        guard case .cancelled = progress.value.outcome else {
            Issue.record("expected a cancelled run, got \(String(describing: progress.value.outcome))")
            return
        }
    }

    @Test("a team hands each job's input to its members and their output back", arguments: [2, 3])
    func teamHandsDataOver(size: Int) {
        let team = WorkerTeam(size: size)
        // Plain memory, no locks: the team's start and finish must order these accesses, and
        // ThreadSanitizer reports it if they do not.
        let input = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        let output = UnsafeMutablePointer<Int>.allocate(capacity: size * 8)
        defer { input.deallocate(); output.deallocate() }
        output.initialize(repeating: 0, count: size * 8)
        for round in 1...2_000 {
            input.pointee = round
            team.run { member in output[member * 8] = input.pointee * (member + 1) }
            #expect((0..<size).allSatisfy { output[$0 * 8] == round * ($0 + 1) })
        }
    }

    @Test("teams end cleanly while their helpers spin and after they sleep", arguments: [2, 3])
    func teamsComeAndGo(size: Int) {
        for _ in 0..<10 { WorkerTeam(size: size).run { _ in } }
        let team = WorkerTeam(size: size)
        team.run { _ in }
        Thread.sleep(forTimeInterval: 0.01)  // past the helpers' patience: they sleep
        let seen = Locked(0)
        team.run { _ in seen.update { $0 += 1 } }
        #expect(seen.value == size)
    }
}

/// A value shared between threads behind a lock, for tests that watch another thread's work.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func update(_ change: (inout Value) -> Void) {
        lock.withLock { change(&stored) }
    }
}
