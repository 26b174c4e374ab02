import DigitsCore
import Foundation
import Testing
@testable import DigitsTUI

@Suite("Train screen update")
struct TrainUpdateTests {
    /// A Train screen with a run started (its background work not executed).
    func started() throws -> (App, [Effect]) {
        var app = try trainApp(try trainScreen())
        let effects = app.send([.key(.character("s"))])
        return (app, effects)
    }

    @Test func startRunsTrainingInTheBackground() throws {
        let (app, effects) = try started()
        #expect(effects.count == 1)
        if case .background = effects.first {} else { Issue.record("expected a background effect") }
        let train = try app.train
        #expect(train.isTraining)
        #expect(train.run?.configuration == smallConfiguration)
        #expect(train.quitNeedsConfirmation, "q must reach the screen while training")
        #expect(!train.capturesKeyboard, "Tab and the number keys still switch screens while training")
    }

    @Test func withoutDataStartIsRefusedAndTheScreenSaysWhereItLooked() throws {
        let missing = DataLocation(directory: "/nonexistent/mnist", source: .option)
        var app = try trainApp(try trainScreen(data: missing))
        let effects = app.send([.key(.character("s"))])
        #expect(effects.isEmpty)
        #expect(try app.train.run == nil)
        let text = app.render(size: Size(width: 100, height: 30)).text
        #expect(text.contains("No MNIST data found"))
        #expect(text.contains("/nonexistent/mnist"))
        #expect(text.contains("digits download"))
        #expect(text.contains("--data DIR"))
    }

    @Test func eventsFillTheProgress() throws {
        var (app, _) = try started()
        app.send([FedEvents.started(), FedEvents.batch(epoch: 1, batch: 5)])
        var run = try #require(try app.train.run)
        #expect(run.batch?.batch == 5)
        #expect(abs(run.fractionDone - 5.0 / 30) < 1e-9)
        #expect(run.secondsLeft.map { abs($0 - 10) < 1e-6 } == true)
        let network = try FedEvents.network()
        app.send([FedEvents.batch(epoch: 1, batch: 10), FedEvents.epoch(1, loss: 0.4, test: 0.9, network: network)])
        run = try #require(try app.train.run)
        #expect(run.epochs.count == 1)
        #expect(run.network == network)
        #expect(run.revision == 1)
    }

    @Test func reportsOfAnOldRunAreIgnored() throws {
        var (app, _) = try started()
        app.send([FedEvents.batch(run: 99, epoch: 2, batch: 7)])
        #expect(try app.train.run?.batch == nil)
    }

    @Test func pauseResumeAndStopGoThroughTheControl() throws {
        var (app, _) = try started()
        let control = try #require(try app.train.control)
        app.send([FedEvents.started(), FedEvents.batch(epoch: 1, batch: 2)])
        app.send([.key(.character(" "))])
        #expect(control.isPaused)
        guard case .paused = try app.train.run?.phase else { Issue.record("not paused"); return }
        // A batch report already on its way does not undo the pause.
        app.send([FedEvents.batch(epoch: 1, batch: 3)])
        guard case .paused = try app.train.run?.phase else { Issue.record("pause lost"); return }
        #expect(app.render().text.contains("Paused: space resumes"))
        app.send([.key(.character(" "))])
        #expect(!control.isPaused)
        app.send([.key(.character("x"))])
        #expect(control.isStopped)
        guard case .stopping = try app.train.run?.phase else { Issue.record("not stopping"); return }
        let network = try FedEvents.network()
        app.send([.message(TrainMessage(run: 1, .ended(.cancelled(epochs: 0), network: network, testAccuracy: 0.5)))])
        let train = try app.train
        #expect(!train.isTraining)
        #expect(train.run?.network == network, "stop keeps the weights so far")
        #expect(train.hasUnsavedWork)
    }

    @Test func saveWritesTheFileAndDrawUsesIt() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("train-\(UUID().uuidString).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var app = try trainApp(try trainScreen(output: path))
        app.send([.key(.character("s"))])
        // Nothing to save before the first epoch.
        #expect(app.send([.key(.character("w"))]).isEmpty)
        let network = try FedEvents.network(seed: 11)
        app.send([FedEvents.started(), FedEvents.epoch(1, loss: 0.4, test: 0.9, network: network)])
        let saving = app.send([.key(.character("w"))])
        let posted = runBackground(saving)
        #expect(posted.count == 1)
        let loaded = try ModelFile.load(path: path)
        #expect(loaded.network == network)
        #expect(loaded.typedMetadata.epochs == 1)
        #expect(loaded.typedMetadata.testAccuracy.map { abs($0 - 0.9) < 1e-6 } == true)
        // The saved report hands the model to Draw, which the Train header then names.
        let handOver = app.send(posted)
        app.send(runBackground(handOver))
        let name = path.split(separator: "/").last.map(String.init) ?? path
        #expect(try app.draw.model?.name == name)
        #expect(try app.train.drawModelName == name)
        #expect(try app.train.isSaved)
        #expect(app.render().text.contains("Draw uses: \(name)".prefix(30)))
    }

    @Test func useHandsTheLatestWeightsToDraw() throws {
        var (app, _) = try started()
        #expect(app.send([.key(.character("u"))]).isEmpty, "no weights before the first epoch")
        let network = try FedEvents.network(seed: 5)
        app.send([FedEvents.epoch(1, loss: 0.4, test: 0.9, network: network)])
        app.send(runBackground(app.send([.key(.character("u"))])))
        #expect(try app.draw.model?.network == network)
        #expect(try app.draw.model?.name == "unsaved 784-4-10, epoch 1")
    }

    @Test func quitMidTrainingAsksFirst() throws {
        var (app, _) = try started()
        #expect(!app.send([.key(.character("q"))]).contains { $0.isQuit })
        #expect(try app.train.confirmation == .quit)
        #expect(app.render().text.contains("Training is still running"))
        app.send([.key(.character("n"))])
        #expect(try app.train.confirmation == nil)
        app.send([.key(.character("q"))])
        let control = try #require(try app.train.control)
        // The app quits once the trainer has stopped, not while it is inside a batch.
        #expect(!app.send([.key(.character("y"))]).contains { $0.isQuit })
        #expect(control.isStopped)
        #expect(app.render().text.contains("Stopping training, then quitting"))
        let ended = TrainMessage(run: 1, .ended(.cancelled(epochs: 0), network: try FedEvents.network(), testAccuracy: nil))
        #expect(app.send([.message(ended)]).contains { $0.isQuit })
    }

    @Test func quitAfterTrainingWithUnsavedModelAsksAndQuitsAtOnce() throws {
        var (app, _) = try started()
        app.send([.message(TrainMessage(run: 1, .ended(.completed(epochs: 3), network: try FedEvents.network(),
                                                          testAccuracy: 0.9)))])
        #expect(app.send([.key(.character("q"))]).isEmpty)
        #expect(app.render().text.contains("The model trained here is not saved."))
        #expect(app.send([.key(.character("y"))]).contains { $0.isQuit })
    }

    @Test func quitWithoutWorkToLoseQuitsAtOnce() throws {
        var app = try trainApp(try trainScreen())
        #expect(app.send([.key(.character("q"))]).contains { $0.isQuit })
    }

    @Test func startingAnewOverAnUnsavedModelAsks() throws {
        var (app, _) = try started()
        app.send([.message(TrainMessage(run: 1, .ended(.completed(epochs: 3), network: try FedEvents.network(),
                                                          testAccuracy: 0.9)))])
        #expect(app.send([.key(.character("s"))]).isEmpty)
        #expect(try app.train.confirmation == .discard)
        #expect(app.send([.key(.character("y"))]).count == 1)
        #expect(try app.train.run?.id == 2)
    }

    @Test func firstTickStartsWhenAskedTo() throws {
        var screen = try trainScreen()
        screen = TrainScreen(setup: TrainScreenSetup(data: screen.data, configuration: smallConfiguration,
                                                     startsAtOnce: true))
        #expect(screen.tickInterval != nil)
        let effects = screen.update(.tick, context: testContext)
        #expect(effects.count == 1)
        #expect(screen.isTraining)
        #expect(screen.tickInterval == nil)
    }
}
