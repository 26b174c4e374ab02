import DigitsCore
import Testing
@testable import DigitsTUI

/// The app in the states the snapshot and layout tests picture, built the way a user gets
/// there: the three real screens, then key, mouse and resize events through `App.update`.
///
/// Everything a screen shows is fixed: Draw reads with `sampleModel()` (62% for 3 whatever is
/// drawn), Browse shows `BrowseFixture`'s six images, and Train is fed hand-made reports.
enum ScreenStates {
    static let standard = Size(width: 80, height: 24)
    /// Big enough for every "large terminal" layout: the doubled network view, the epoch table
    /// and full-size weights, half-scale thumbnails and full-scale art.
    static let large = Size(width: 200, height: 60)

    /// A vertical stroke down canvas column 13, in three mouse reports (as at 80x24).
    static let stroke = drag([(14, 4), (14, 10), (14, 19)])

    /// "42" at 80x24: a 4 in two strokes on the left, a 2 on the right, a gap between (screen
    /// cells, canvas from column 1 and row 2).
    static let four = [drag([(5, 8), (2, 15), (9, 15)]), drag([(7, 11), (7, 19)])]
    static let two = [drag([(17, 10), (20, 8), (24, 9), (25, 11), (17, 19), (27, 19)])]
    static let fortyTwo = (four + two).flatMap { $0 }

    /// Draw, Train and Browse at `size`, Draw active.
    static func app(size: Size, capabilities: Capabilities = .full, train: TrainScreen? = nil,
                    browse: BrowseData? = nil, drawModel: DrawModel? = nil) throws -> App {
        let model = try drawModel ?? sampleModel()
        let train = train ?? TrainScreen(setup: TrainScreenSetup(data: missingData, configuration: smallConfiguration),
                                         drawModel: model)
        return App(screens: [
            DrawScreen(model: model, size: size),
            train,
            BrowseScreen(data: try browse ?? BrowseFixture.data(), size: size),
        ], size: size, capabilities: capabilities)
    }

    // MARK: Draw

    enum DrawStage: String, Sendable, CaseIterable {
        case empty, drawn, help
        /// Drawn, with the inside view on (`i`).
        case inside
        /// The inside view asked about the digit above the one read (`.`).
        case insideOther
        /// "42" drawn, read by `numberModel()`: the bars show the 2, drawn last.
        case number
        /// Drawn, read by a model whose rejection threshold (90%) is above the 62% it gives:
        /// "not sure this is a digit".
        case unsure
    }

    /// Draw in `stage`. Drawn at 80x24 and then resized, so a large size also shows the
    /// drawing rescaled, as a user who enlarges the window sees it.
    static func draw(_ stage: DrawStage, size: Size = standard, capabilities: Capabilities = .full) throws -> App {
        // The inside view needs hidden units to show: a random 784-32-10 network has them.
        let inside = stage == .inside || stage == .insideOther
        var unsureModel = try sampleModel()
        unsureModel.rejection = RejectionRule(threshold: 0.9)
        let model = try stage == .number ? numberModel() : inside ? randomModel() : (stage == .unsure ? unsureModel : nil)
        var app = try app(size: standard, capabilities: capabilities, drawModel: model)
        if stage == .number {
            app.send(fortyTwo)
        } else if stage != .empty {
            app.send(stroke)
        }
        if stage == .help { app.type("?") }
        if inside { app.type("i") }
        if stage == .insideOther { app.type(".") }
        if size != standard { app.send([.resize(size)]) }
        return app
    }

    /// A model that reads the 4 and the 2 of `fortyTwo` as 4 and 2 whatever the shipped model
    /// does: a 784-10 network whose rows for 4 and 2 are those digits' own 28x28 images, so it
    /// matches each digit against both (the other digits get a fixed low logit).
    static func numberModel() throws -> DrawModel {
        func image(_ events: [Event]) throws -> [Float] {
            var screen = DrawScreen(model: nil, size: standard)
            for event in events { _ = screen.update(event, context: ScreenContext(size: standard, theme: Theme(.full))) }
            return try #require(screen.networkInput)
        }
        let templates = [4: try image(four.flatMap { $0 }), 2: try image(two.flatMap { $0 })]
        var network = try Network(sizes: [784, 10], activation: .relu)
        let layer = network.layers[0]
        for digit in 0..<10 {
            guard let template = templates[digit] else {
                network.parameters[layer.biasOffset + digit] = -2
                continue
            }
            // Scaled so a perfect match gives a logit of 6.
            let norm = template.reduce(0) { $0 + $1 * $1 }
            for (pixel, value) in template.enumerated() {
                network.parameters[layer.weightOffset + digit * 784 + pixel] = 6 * value / norm
            }
        }
        return DrawModel(network: network, name: "numbers.safetensors", summary: "784-10, reads 4 and 2")
    }

    // MARK: Train

    enum TrainStage: String, Sendable, CaseIterable {
        /// Nothing run yet, data found: what to press.
        case intro
        /// Nothing run yet and no data: where it looked and how to get it.
        case noData
        /// Mid-way through epoch 3 of 3.
        case running
        case paused
        /// Stopped by the user after two epochs: nothing running, the weights kept, not saved.
        case idle
        /// All three epochs done, not saved.
        case finished
        /// The run could not read its data.
        case failed
        /// `q` while training.
        case quitConfirm
    }

    /// Where the Train screen looks for data when it should find none.
    static let missingData = DataLocation(directory: "/nonexistent/mnist", source: .option)

    /// The Train screen in `stage`, active.
    ///
    /// The one place that knows how a run is fed: a start key answered by a data check, then
    /// `FedEvents` reports and the runtime's answers as events (no effect is ever run). When
    /// effects and events change shape, only this function has to follow.
    static func train(_ stage: TrainStage, size: Size = standard, capabilities: Capabilities = .full) throws -> App {
        let data: DataLocation
        switch stage {
        case .noData: data = missingData
        // The intro names the data directory; a fake one's random temporary path would make
        // the picture change every run, so it shows a fixed path, marked as found below.
        case .intro: data = DataLocation(directory: "/data/mnist", source: .option)
        default: data = try fakeDataDirectory()
        }
        // Before a run the form shows the recipe a user starts with; runs use the small
        // configuration `FedEvents` reports on.
        let configuration = stage == .intro || stage == .noData ? TrainingPreset.fast.configuration : smallConfiguration
        let screen = TrainScreen(setup: TrainScreenSetup(data: data, configuration: configuration),
                                 drawModel: try sampleModel())
        var app = try app(size: size, capabilities: capabilities, train: screen)
        app.type("2")
        switch stage {
        case .intro:
            return app
        case .noData:
            app.send([.dataChecked(data, missing: MNIST.fileNames)])
            return app
        case .failed:
            try app.startTraining()
            let why = "/data/train-images-idx3-ubyte.gz: truncated gzip stream after 1024 bytes (download it again)"
            app.send([.trainingFailed(run: 1, why)])
            return app
        default:
            break
        }
        try app.startTraining()
        let network = try FedEvents.network()
        app.send([FedEvents.started(),
                  FedEvents.batch(epoch: 1, batch: 10, loss: 0.6, accuracy: 0.8, elapsed: 1.5),
                  FedEvents.epoch(1, loss: 0.6, test: 0.85, network: network),
                  FedEvents.epoch(2, loss: 0.3, test: 0.92, network: network),
                  FedEvents.batch(epoch: 3, batch: 5, loss: 0.2, accuracy: 0.95, elapsed: 5)])
        switch stage {
        case .paused:
            app.type(" ")
        case .idle:
            app.type("x")
            app.send([.trainingEnded(run: 1, .cancelled(epochs: 2), network: network, testAccuracy: 0.92)])
        case .finished:
            app.send([FedEvents.batch(epoch: 3, batch: 10, loss: 0.15, accuracy: 0.96, elapsed: 6),
                      FedEvents.epoch(3, loss: 0.15, test: 0.95, network: network),
                      .trainingEnded(run: 1, .completed(epochs: 3), network: network, testAccuracy: 0.95)])
        case .quitConfirm:
            app.type("q")
        default:
            break
        }
        return app
    }

    // MARK: Browse

    enum BrowseStage: String, Sendable, CaseIterable {
        case list, grid, matrix, image
        /// The image explained (`i`) by a random 784-32-10 network, asked about another digit.
        case explained
        /// A model that gets every image right.
        case nothingWrong
        /// The first image (read as 9 at 70%) explained (`i`), with a rejection threshold of
        /// 75%: "not sure this is a digit".
        case explainedUnsure
    }

    /// Six images all classified correctly, with their confidences.
    static func allCorrect() throws -> BrowseData {
        let images = Dataset(images: (0..<6).flatMap(BrowseFixture.image), labels: BrowseFixture.labels,
                             rows: 28, columns: 28)
        let rows = BrowseFixture.labels.map { BrowseFixture.probabilities([Int($0): 0.9]) }
        let report = try EvaluationReport(trueLabels: BrowseFixture.labels, probabilities: rows.flatMap { $0 },
                                          classCount: 10)
        return BrowseData(images: images, report: report, modelName: "perfect.safetensors")
    }

    /// Browse in `stage`, active, reached with the keys a user presses.
    static func browse(_ stage: BrowseStage, size: Size = standard, capabilities: Capabilities = .full) throws -> App {
        var browse: BrowseData?
        switch stage {
        case .nothingWrong: browse = try allCorrect()
        case .explained, .explainedUnsure:
            browse = try BrowseFixture.data()
            browse?.network = try randomModel().network
            if stage == .explainedUnsure { browse?.rejection = RejectionRule(threshold: 0.75) }
        default: browse = nil
        }
        var app = try app(size: size, capabilities: capabilities, browse: browse)
        app.type("3")
        switch stage {
        case .list, .nothingWrong: break
        case .grid: app.type("v")
        case .matrix: app.type("m")
        case .image: app.send([.key(.enter)])
        case .explained: app.type("i.")
        case .explainedUnsure: app.type("i")
        }
        return app
    }
}
