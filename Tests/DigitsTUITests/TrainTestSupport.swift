import Foundation
import Testing
@testable import DigitsCore
@testable import DigitsTUI

/// A directory holding empty files with MNIST's names: enough for the Train screen to find
/// "data" and start a run whose background work the tests never execute.
func fakeDataDirectory() throws -> DataLocation {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("digits-train-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for name in MNIST.fileNames {
        try Data().write(to: URL(fileURLWithPath: directory + "/" + name))
    }
    return DataLocation(directory: directory, source: .option)
}

/// A small configuration for hand-fed runs: 784-4-10, 3 epochs of 10 batches.
let smallConfiguration = TrainingConfiguration(hiddenSizes: [4], epochs: 3)

func trainScreen(data: DataLocation? = nil, configuration: TrainingConfiguration = smallConfiguration,
                 output: String = TrainScreenSetup.defaultOutput) throws -> TrainScreen {
    TrainScreen(setup: TrainScreenSetup(data: try data ?? fakeDataDirectory(), configuration: configuration,
                                        output: output),
                drawModelName: "default-model.safetensors")
}

/// The digits app sized 80x24 (or `size`) and showing the Train screen.
func trainApp(_ screen: TrainScreen, size: Size = Size(width: 80, height: 24)) throws -> App {
    var app = App(screens: [DrawScreen(model: try sampleModel(), size: size), screen,
                            ComingSoonScreen(title: "Browse", summary: "")],
                  size: size, capabilities: Capabilities(colors: 256, unicode: true))
    app.activate(1)
    return app
}

extension App {
    var train: TrainScreen {
        get throws { try #require(screens[1] as? TrainScreen) }
    }
}

let testContext = ScreenContext(size: Size(width: 80, height: 24),
                                theme: Theme(Capabilities(colors: 256, unicode: true)))

/// Hand-made training events for run `run` of `screen`'s configuration.
enum FedEvents {
    static func started(run: Int = 1, batches: Int = 10) -> Event {
        .message(TrainMessage(run: run, .event(.started(TrainingStart(
            configuration: smallConfiguration, architecture: "784-4-10", trainingExamples: 640,
            testExamples: 100, batchesPerEpoch: batches)))))
    }

    static func batch(run: Int = 1, epoch: Int, batch: Int, batches: Int = 10, loss: Float = 0.5,
                      accuracy: Float = 0.8, elapsed: Double = 2) -> Event {
        .message(TrainMessage(run: run, .event(.batch(BatchProgress(
            epoch: epoch, epochs: 3, batch: batch, batches: batches, runningLoss: loss,
            runningAccuracy: accuracy, samplesPerSecond: 3200, elapsed: elapsed, learningRate: 0.1)))))
    }

    static func epoch(run: Int = 1, _ epoch: Int, loss: Float, test: Float, network: Network) -> Event {
        .message(TrainMessage(run: run, .event(.epoch(EpochSummary(
            epoch: epoch, epochs: 3, loss: loss, trainAccuracy: test - 0.01, testAccuracy: test,
            testLoss: loss, seconds: 1.5, elapsed: Double(epoch) * 1.5, samplesPerSecond: 3000,
            learningRate: 0.1, network: network)))))
    }

    static func network(seed: UInt64 = 3) throws -> Network {
        try Network(sizes: [784, 4, 10], activation: .relu, seed: seed)
    }
}

/// Runs the background effects with a poster and returns what they posted.
func runBackground(_ effects: [Effect]) -> [Event] {
    let poster = EventPoster()
    for effect in effects {
        if case .background(let work) = effect { work(poster) }
    }
    return poster.drain()
}
