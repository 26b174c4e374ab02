import DigitsCore
import DigitsTUI
import Foundation
import Testing
@testable import DigitsTerminal

/// Each effect run for real: what it does, and the events it answers with.
@Suite("Effect runner")
struct EffectRunnerTests {
    /// Collects posted events until `done` holds for one of them or `seconds` pass.
    func answers(of poster: EventPoster, within seconds: Double = 30,
                 until done: (Event) -> Bool) -> [Event] {
        RuntimeFixtures.answers(of: poster, within: seconds, until: done)
    }

    func isEnd(_ event: Event) -> Bool { RuntimeFixtures.isEnd(event) }

    @Test func checkDataListsTheMissingFiles() throws {
        let data = try RuntimeFixtures.mnistDirectory(train: 10, test: 10)
        defer { RuntimeFixtures.remove(data.directory) }
        let poster = EventPoster()
        let runner = EffectRunner(poster: poster)
        runner.run(.checkData(data))
        let empty = DataLocation(directory: data.directory + "/none", source: .option)
        runner.run(.checkData(empty))
        let events = poster.drain()
        guard events.count == 2, case .dataChecked(let first, let none) = events[0],
              case .dataChecked(let second, let all) = events[1] else {
            Issue.record("expected two answers, got \(events)")
            return
        }
        #expect(first == data && none.isEmpty)
        #expect(second == empty && all == MNIST.fileNames)
    }

    @Test func trainingReportsEpochsAndEndsWithTheWeights() throws {
        let data = try RuntimeFixtures.mnistDirectory()
        defer { RuntimeFixtures.remove(data.directory) }
        let poster = EventPoster()
        let runner = EffectRunner(poster: poster)
        let configuration = TrainingConfiguration(hiddenSizes: [4], batchSize: 16, epochs: 2)
        runner.run(.startTraining(run: 7, configuration: configuration, data: data))
        let events = answers(of: poster, until: isEnd)
        #expect(runner.shutDown(waitingUpTo: 10))
        var epochs = 0
        var ended: (TrainingOutcome, Network)?
        for event in events {
            switch event {
            case .training(let run, .epoch):
                #expect(run == 7)
                epochs += 1
            case .trainingEnded(let run, let outcome, let network, let accuracy):
                #expect(run == 7)
                #expect(accuracy != nil)
                ended = (outcome, network)
            case .trainingFailed(_, let message):
                Issue.record("training failed: \(message)")
            default:
                break
            }
        }
        #expect(epochs == 2)
        guard case .completed(epochs: 2) = ended?.0 else {
            Issue.record("expected two completed epochs, got \(String(describing: ended?.0))")
            return
        }
        #expect(ended?.1.architecture == "784-4-10")
    }

    @Test func stopEndsARunWithTheWeightsSoFar() throws {
        let data = try RuntimeFixtures.mnistDirectory()
        defer { RuntimeFixtures.remove(data.directory) }
        let poster = EventPoster()
        let runner = EffectRunner(poster: poster)
        let configuration = TrainingConfiguration(hiddenSizes: [4], batchSize: 8, epochs: 100_000)
        runner.run(.startTraining(run: 1, configuration: configuration, data: data))
        runner.run(.pauseTraining(run: 1))
        runner.run(.resumeTraining(run: 1))
        _ = answers(of: poster) { if case .training(_, .epoch) = $0 { true } else { false } }
        runner.run(.stopTraining(run: 1))
        let events = answers(of: poster, until: isEnd)
        guard case .trainingEnded(1, .cancelled, _, _) = events.last else {
            Issue.record("expected a cancelled end, got \(String(describing: events.last))")
            return
        }
        #expect(runner.shutDown(waitingUpTo: 10))
    }

    @Test func missingDataFailsTheRunWithWhereItLooked() {
        let poster = EventPoster()
        let runner = EffectRunner(poster: poster)
        let data = DataLocation(directory: "/nonexistent/digits-runner-test", source: .option)
        runner.run(.startTraining(run: 2, configuration: TrainingConfiguration(hiddenSizes: [4]), data: data))
        let events = answers(of: poster, until: isEnd)
        guard case .trainingFailed(2, let message) = events.last else {
            Issue.record("expected a failure, got \(events)")
            return
        }
        #expect(message.contains("/nonexistent/digits-runner-test"))
        #expect(runner.shutDown(waitingUpTo: 10))
    }

    @Test func saveWritesTheModelOrSaysWhyNot() throws {
        let directory = try RuntimeFixtures.makeDirectory()
        defer { RuntimeFixtures.remove(directory) }
        let poster = EventPoster()
        let runner = EffectRunner(poster: poster)
        let network = try Network(sizes: [784, 4, 10], activation: .relu, seed: 3)
        let metadata = ModelMetadata(training: TrainingConfiguration(hiddenSizes: [4]), epochs: 1,
                                     testAccuracy: 0.5, madeBy: "runner test")
        let path = directory + "/model.safetensors"
        runner.run(.saveModel(SaveRequest(network: network, metadata: metadata, path: path, run: 3, revision: 2)))
        let bad = directory + "/no/such/dir/model.safetensors"
        runner.run(.saveModel(SaveRequest(network: network, metadata: metadata, path: bad, run: 3, revision: 2)))
        var events: [Event] = []
        for _ in 0..<2 {
            events += answers(of: poster) { _ in true }
        }
        #expect(runner.shutDown(waitingUpTo: 10))
        #expect(events.count == 2)
        #expect(events.contains { if case .saved(3, path, 2) = $0 { true } else { false } })
        #expect(events.contains { if case .saveFailed(3, let why) = $0 { why.contains(bad) } else { false } })
        #expect(try ModelFile.load(path: path).network == network)
    }

    @Test func evaluationAnswersWithTheGenerationAsked() throws {
        let data = try RuntimeFixtures.mnistDirectory(train: 10, test: 20)
        defer { RuntimeFixtures.remove(data.directory) }
        let poster = EventPoster()
        let runner = EffectRunner(poster: poster)
        let model = DrawModel(network: try Network(sizes: [784, 10], activation: .relu, seed: 1), name: "m")
        runner.run(.evaluateTestSet(model: model, data: data, generation: 4))
        let events = answers(of: poster) { if case .evaluated = $0 { true } else { false } }
        #expect(runner.shutDown(waitingUpTo: 10))
        guard case .evaluated(4, .success(let browse)) = events.last else {
            Issue.record("expected an evaluation, got \(events)")
            return
        }
        #expect(browse.images.count == 20)
        #expect(browse.modelName == "m")
    }
}
