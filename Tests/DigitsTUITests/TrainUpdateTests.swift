import DigitsCore
import Foundation
import Testing
@testable import DigitsTUI

@Suite("Train screen update")
struct TrainUpdateTests {
    /// A Train screen with a run started (the effects are not run).
    func started() throws -> (App, [Effect]) {
        var app = try trainApp(try trainScreen())
        let effects = try app.startTraining()
        return (app, effects)
    }

    @Test func startChecksTheDataThenAsksForTraining() throws {
        let (app, effects) = try started()
        let data = try fakeDataDirectory()
        #expect(effects == [.checkData(data),
                            .startTraining(run: 1, configuration: smallConfiguration, data: data)])
        let train = try app.train
        #expect(train.isTraining)
        #expect(train.run?.configuration == smallConfiguration)
        #expect(train.quitNeedsConfirmation, "q must reach the screen while training")
        #expect(!train.capturesKeyboard, "Tab and the number keys still switch screens while training")
    }

    @Test func withoutDataStartIsRefusedAndTheScreenSaysWhereItLooked() throws {
        let missing = DataLocation(directory: "/nonexistent/mnist", source: .option)
        var app = try trainApp(try trainScreen(data: missing))
        #expect(app.send([.key(.character("s"))]) == [.checkData(missing)])
        #expect(app.send([.dataChecked(missing, missing: MNIST.fileNames)]).isEmpty)
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

    @Test func pauseResumeAndStopAreEffects() throws {
        var (app, _) = try started()
        app.send([FedEvents.started(), FedEvents.batch(epoch: 1, batch: 2)])
        #expect(app.send([.key(.character(" "))]) == [.pauseTraining(run: 1)])
        guard case .paused = try app.train.run?.phase else { Issue.record("not paused"); return }
        // A batch report already on its way does not undo the pause.
        app.send([FedEvents.batch(epoch: 1, batch: 3)])
        guard case .paused = try app.train.run?.phase else { Issue.record("pause lost"); return }
        #expect(app.render().text.contains("Paused: space resumes"))
        #expect(app.send([.key(.character(" "))]) == [.resumeTraining(run: 1)])
        #expect(app.send([.key(.character("x"))]) == [.stopTraining(run: 1)])
        guard case .stopping = try app.train.run?.phase else { Issue.record("not stopping"); return }
        let network = try FedEvents.network()
        app.send([.trainingEnded(run: 1, .cancelled(epochs: 0), network: network, testAccuracy: 0.5)])
        let train = try app.train
        #expect(!train.isTraining)
        #expect(train.run?.network == network, "stop keeps the weights so far")
        #expect(train.hasUnsavedWork)
    }

    @Test func saveAsksForTheFileAndTheAnswerHandsTheModelToDraw() throws {
        let path = "/digits-tests/trained.safetensors"
        var app = try trainApp(try trainScreen(output: path))
        try app.startTraining()
        // Nothing to save before the first epoch.
        #expect(app.send([.key(.character("w"))]).isEmpty)
        let network = try FedEvents.network(seed: 11)
        app.send([FedEvents.started(), FedEvents.epoch(1, loss: 0.4, test: 0.9, network: network)])
        let saving = app.send([.key(.character("w"))])
        let metadata = ModelMetadata(training: smallConfiguration, epochs: 1, testAccuracy: Double(Float(0.9)),
                                     madeBy: "digits train (Train screen)")
        #expect(saving == [.saveModel(SaveRequest(network: network, metadata: metadata, path: path,
                                                  run: 1, revision: 1))])
        // The answer hands the model to Draw (the App does that itself, so no effect is left
        // over), and the Train header then names it.
        #expect(app.send([.saved(run: 1, path: path, revision: 1)]).isEmpty)
        let name = "trained.safetensors"
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
        #expect(app.send([.key(.character("u"))]).isEmpty, "the App hands the model over itself")
        #expect(try app.draw.model?.network == network)
        #expect(try app.draw.model?.name == "unsaved 784-4-10, epoch 1")
    }

    @Test func quitMidTrainingAsksFirst() throws {
        var (app, _) = try started()
        #expect(!app.send([.key(.character("q"))]).contains(.quit))
        #expect(try app.train.confirmation == .quit)
        #expect(app.render().text.contains("Training is still running"))
        app.send([.key(.character("n"))])
        #expect(try app.train.confirmation == nil)
        app.send([.key(.character("q"))])
        // The app quits once the trainer has stopped, not while it is inside a batch.
        #expect(app.send([.key(.character("y"))]) == [.stopTraining(run: 1)])
        #expect(app.render().text.contains("Stopping training, then quitting"))
        let ended = Event.trainingEnded(run: 1, .cancelled(epochs: 0), network: try FedEvents.network(), testAccuracy: nil)
        #expect(app.send([ended]) == [.quit])
    }

    @Test func quitAfterTrainingWithUnsavedModelAsksAndQuitsAtOnce() throws {
        var (app, _) = try started()
        app.send([.trainingEnded(run: 1, .completed(epochs: 3), network: try FedEvents.network(), testAccuracy: 0.9)])
        #expect(app.send([.key(.character("q"))]).isEmpty)
        #expect(app.render().text.contains("The model trained here is not saved."))
        #expect(app.send([.key(.character("y"))]) == [.quit])
    }

    @Test func quitWithoutWorkToLoseQuitsAtOnce() throws {
        var app = try trainApp(try trainScreen())
        #expect(app.send([.key(.character("q"))]) == [.quit])
    }

    @Test func startingAnewOverAnUnsavedModelAsks() throws {
        var (app, _) = try started()
        app.send([.trainingEnded(run: 1, .completed(epochs: 3), network: try FedEvents.network(), testAccuracy: 0.9)])
        #expect(app.send([.key(.character("s"))]).isEmpty)
        #expect(try app.train.confirmation == .discard)
        let data = try fakeDataDirectory()
        #expect(app.send([.key(.character("y"))]) == [.checkData(data)])
        #expect(app.send([.dataChecked(data, missing: [])])
                == [.startTraining(run: 2, configuration: smallConfiguration, data: data)])
        #expect(try app.train.run?.id == 2)
    }

    @Test func startingAtOnceBeginsWithTheDataCheckAnswer() throws {
        let data = try fakeDataDirectory()
        var app = try trainApp(TrainScreen(setup: TrainScreenSetup(data: data, configuration: smallConfiguration,
                                                                   startsAtOnce: true)))
        // Nothing polls a timer: the start hook asks, and the answer starts the run.
        #expect(app.start() == [.checkData(data)])
        #expect(try !app.train.isTraining)
        #expect(app.send([.dataChecked(data, missing: [])])
                == [.startTraining(run: 1, configuration: smallConfiguration, data: data)])
        #expect(try app.train.isTraining)
    }

    @Test func anAnswerForAnotherLocationIsIgnored() throws {
        var app = try trainApp(try trainScreen())
        app.send([.key(.character("s"))])
        let elsewhere = DataLocation(directory: "/elsewhere", source: .option)
        #expect(app.send([.dataChecked(elsewhere, missing: [])]).isEmpty)
        #expect(try !app.train.isTraining)
    }
}

/// A signal or a closed terminal must not lose a trained model: the screen stops the run,
/// saves the weights without replacing a file, and only then lets the app end.
@Suite("Train screen: rescue on termination")
struct TrainRescueTests {
    @Test func terminatingMidTrainingStopsThenRescuesThenQuits() throws {
        let path = "/digits-tests/rescued.safetensors"
        var app = try trainApp(try trainScreen(output: path))
        try app.startTraining()
        let network = try FedEvents.network()
        app.send([FedEvents.started(), FedEvents.epoch(1, loss: 0.4, test: 0.9, network: network)])
        #expect(app.update(.terminate) == [.stopTraining(run: 1)], "no quit while the run is going")
        #expect(app.isTerminating)
        #expect(app.update(.key(.character("q"))).isEmpty, "input no longer matters")
        let final = try FedEvents.network(seed: 8)
        let rescue = app.update(.trainingEnded(run: 1, .cancelled(epochs: 1), network: final, testAccuracy: 0.9))
        let metadata = ModelMetadata(training: smallConfiguration, epochs: 1, testAccuracy: Double(Float(0.9)),
                                     madeBy: "digits train (Train screen)")
        #expect(rescue == [.rescueModel(network: final, metadata: metadata, preferredPath: path, run: 1)])
        #expect(try app.train.isRescuing)
        #expect(app.update(.rescued(run: 1, path: path)) == [.quit])
        #expect(app.exitNotes == ["the model trained so far (784-4-10, 1 complete epoch) is saved in \(path)"])
    }

    @Test func aFinishedUnsavedModelIsRescuedAtOnce() throws {
        var (app, _) = try TrainUpdateTests().started()
        let network = try FedEvents.network()
        app.send([.trainingEnded(run: 1, .completed(epochs: 3), network: network, testAccuracy: 0.9)])
        guard case .rescueModel(let rescued, _, _, 1) = app.update(.terminate).first else {
            Issue.record("expected a rescue")
            return
        }
        #expect(rescued == network)
        // It could not be written: the app still ends, and says why.
        #expect(app.update(.saveFailed(run: 1, "disk full")) == [.quit])
        #expect(app.exitNotes == ["the model trained so far could not be saved: disk full"])
    }

    @Test func nothingToLoseEndsAtOnce() throws {
        var app = try trainApp(try trainScreen())
        #expect(app.update(.terminate) == [.quit])
        #expect(app.exitNotes.isEmpty)
        // A model already saved, or one the user chose not to keep, is left alone too.
        var (kept, _) = try TrainUpdateTests().started()
        kept.send([.trainingEnded(run: 1, .completed(epochs: 3), network: try FedEvents.network(), testAccuracy: 0.9),
                   .key(.character("d"))])
        #expect(kept.update(.terminate) == [.quit])
    }

    @Test func aRunThatFailsWhileStoppingStillEnds() throws {
        var (app, _) = try TrainUpdateTests().started()
        #expect(app.update(.terminate) == [.stopTraining(run: 1)])
        #expect(app.update(.trainingFailed(run: 1, "the data went away")) == [.quit],
                "no weights yet: nothing to rescue, so the app ends")
    }
}
