import DigitsCore
import DigitsTUI
import Foundation
import Testing
@testable import DigitsTerminal

/// The Train screen's background training with two and three worker threads, on a few hundred
/// inked images (which go through the threaded sparse first layer, unlike the noise the other
/// runner tests use): the runner's threads, the trainer's team, the controls and the poster
/// all at once, small enough for ThreadSanitizer.
@Suite("Background training with worker threads")
struct BackgroundTrainingTests {
    @Test("a run of two or three workers reports every epoch and ends with the weights", arguments: [2, 3])
    func runEnds(workers: Int) throws {
        let data = try RuntimeFixtures.mnistDirectory(train: 160, test: 40, inked: true)
        defer { RuntimeFixtures.remove(data.directory) }
        let poster = EventPoster()
        let runner = EffectRunner(poster: poster, trainingWorkers: workers)
        let configuration = TrainingConfiguration(hiddenSizes: [8], batchSize: 16, epochs: 2)
        runner.run(.startTraining(run: 5, configuration: configuration, data: data))
        let events = RuntimeFixtures.answers(of: poster, within: 120, until: RuntimeFixtures.isEnd)
        #expect(runner.shutDown(waitingUpTo: 10))
        let epochs = events.filter { if case .training(5, .epoch) = $0 { true } else { false } }
        #expect(epochs.count == 2)
        guard case .trainingEnded(5, .completed(epochs: 2), let network, _) = events.last else {
            Issue.record("expected two completed epochs, got \(String(describing: events.last))")
            return
        }
        #expect(network.architecture == "784-8-10")
        #expect(network.parameters.allSatisfy { $0.isFinite })
    }

    @Test("pause, resume and stop reach a run of three workers from another thread")
    func controls() throws {
        let data = try RuntimeFixtures.mnistDirectory(train: 160, test: 40, inked: true)
        defer { RuntimeFixtures.remove(data.directory) }
        let poster = EventPoster()
        let runner = EffectRunner(poster: poster, trainingWorkers: 3)
        let configuration = TrainingConfiguration(hiddenSizes: [8], batchSize: 8, epochs: 100_000)
        runner.run(.startTraining(run: 1, configuration: configuration, data: data))
        func isBatch(_ event: Event) -> Bool { if case .training(1, .batch) = event { true } else { false } }
        #expect(RuntimeFixtures.answers(of: poster, within: 120, until: isBatch).contains(where: isBatch))

        runner.run(.pauseTraining(run: 1))
        // The batch under way may still report; after that, nothing until resumed.
        _ = RuntimeFixtures.answers(of: poster, within: 0.3) { _ in false }
        let whilePaused = RuntimeFixtures.answers(of: poster, within: 0.3) { _ in false }
        #expect(!whilePaused.contains(where: isBatch), "batches reported while paused")

        runner.run(.resumeTraining(run: 1))
        #expect(RuntimeFixtures.answers(of: poster, within: 60, until: isBatch).contains(where: isBatch))
        runner.run(.stopTraining(run: 1))
        let events = RuntimeFixtures.answers(of: poster, within: 60, until: RuntimeFixtures.isEnd)
        guard case .trainingEnded(1, .cancelled, _, _) = events.last else {
            Issue.record("expected a cancelled end, got \(String(describing: events.last))")
            return
        }
        #expect(runner.shutDown(waitingUpTo: 10))
    }

    @Test("the Train screen trains in the background of the event loop, and a closed terminal keeps the model")
    func trainScreenInTheLoop() throws {
        let data = try RuntimeFixtures.mnistDirectory(train: 160, test: 40, inked: true)
        defer { RuntimeFixtures.remove(data.directory) }
        let output = data.directory + "/trained.safetensors"
        let setup = TrainScreenSetup(
            data: data,
            configuration: TrainingConfiguration(hiddenSizes: [8], batchSize: 16, epochs: 2),
            output: output, startsAtOnce: true)
        let size = Size(width: 100, height: 30)
        // Once the run is done, the terminal goes away: the unsaved model must be written.
        let backend = WatchingBackend(size: size, steps: [
            .init(until: { $0.contains("Done: 2 epochs") }, events: [.terminate]),
        ])
        var app = App.digits(model: nil, size: size, capabilities: .full, training: setup, first: .train)
        let loop = EventLoop(backend: backend, trainingWorkers: 2)
        loop.run(&app)
        #expect(!backend.timedOut, "the run did not finish in time; last frame:\n\(backend.frames.last?.text ?? "")")
        #expect(loop.runner.shutDown(waitingUpTo: 0))
        let saved = try ModelFile.load(path: output)
        #expect(saved.network.architecture == "784-8-10")
    }
}
