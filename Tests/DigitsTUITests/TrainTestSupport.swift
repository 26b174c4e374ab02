import Foundation
import Testing
@testable import DigitsCore
@testable import DigitsTUI

/// Where the Train screen's tests say MNIST is. The screen never looks there itself: it asks
/// with `Effect.checkData`, and the tests answer with `.dataChecked`.
func fakeDataDirectory() throws -> DataLocation {
    DataLocation(directory: "/digits-tests/mnist", source: .option)
}

/// A small configuration for hand-fed runs: 784-4-10, 3 epochs of 10 batches.
let smallConfiguration = TrainingConfiguration(hiddenSizes: [4], epochs: 3)

func trainScreen(data: DataLocation? = nil, configuration: TrainingConfiguration = smallConfiguration,
                 output: String = TrainingOutput.defaultPath) throws -> TrainScreen {
    TrainScreen(setup: TrainScreenSetup(data: try data ?? fakeDataDirectory(), configuration: configuration,
                                        output: output),
                drawModel: DrawModel(network: try Network(sizes: [784, 16, 10], activation: .relu, seed: 3),
                                     name: "default-model.safetensors"))
}

/// The digits app sized 80x24 (or `size`) and showing the Train screen.
func trainApp(_ screen: TrainScreen, size: Size = Size(width: 80, height: 24)) throws -> App {
    App(screens: [DrawScreen(model: try sampleModel(), size: size), screen, PlaceholderScreen(title: "Browse")],
        size: size, capabilities: Capabilities(colors: 256, unicode: true), activeIndex: 1)
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
        .training(run: run, .started(TrainingStart(
            configuration: smallConfiguration, architecture: "784-4-10", trainingExamples: 640,
            testExamples: 100, batchesPerEpoch: batches)))
    }

    static func batch(run: Int = 1, epoch: Int, batch: Int, batches: Int = 10, loss: Float = 0.5,
                      accuracy: Float = 0.8, elapsed: Double = 2) -> Event {
        .training(run: run, .batch(BatchProgress(
            epoch: epoch, epochs: 3, batch: batch, batches: batches, runningLoss: loss,
            runningAccuracy: accuracy, samplesPerSecond: 3200, elapsed: elapsed, learningRate: 0.1)))
    }

    static func epoch(run: Int = 1, _ epoch: Int, loss: Float, test: Float, network: Network) -> Event {
        .training(run: run, .epoch(EpochSummary(
            epoch: epoch, epochs: 3, loss: loss, trainAccuracy: test - 0.01, testAccuracy: test,
            testLoss: loss, seconds: 1.5, elapsed: Double(epoch) * 1.5, samplesPerSecond: 3000,
            learningRate: 0.1, network: network)))
    }

    static func network(seed: UInt64 = 3) throws -> Network {
        try Network(sizes: [784, 4, 10], activation: .relu, seed: seed)
    }
}

extension App {
    /// Presses `s` on the Train screen and answers its data check with "all files there", as
    /// the runtime would; returns the effects of both.
    @discardableResult
    mutating func startTraining() throws -> [Effect] {
        let checking = send([.key(.character("s"))])
        guard checking == [.checkData(try train.data)] else { return checking }
        return checking + send([.dataChecked(try train.data, missing: [])])
    }
}

/// A screen that shows its title and nothing else, to fill the tabs around the screen a test
/// is about.
struct PlaceholderScreen: Screen {
    let title: String
    var statusHints: [KeyHint] { [] }
    var helpSections: [HelpSection] { [] }
    mutating func update(_ event: Event, context: ScreenContext) -> [Effect] { [] }
    func render(into frame: inout Frame, context: ScreenContext) {
        frame.put(title, x: 0, y: context.area.y)
    }
}
