import DigitsCore
import Testing
@testable import DigitsTUI

/// The Train screen's `m`: a run may continue the Draw screen's model, and teach it the user's
/// labelled drawings (issue #11).
@Suite("Train screen: start from the Draw model, learn my drawings")
struct TrainFineTuneTests {
    /// A drawing set's path as the Draw screen reports it; the screen never opens it.
    static let drawingsPath = "data/digits/my-drawings.json"

    static func drawings(_ count: Int) -> DrawnDigitSet {
        let writer = DrawnWriter(name: "me", split: .development)
        return DrawnDigitSet(writers: [writer], drawings: (0..<count).map { index in
            DrawnDigit(id: "mine/\(index)", label: index % 10, writer: "me", canvas: CellSize(columns: 28, rows: 20),
                       strokes: [[CellPoint(column: 10, row: 3), CellPoint(column: 10, row: 15)]])
        })
    }

    @Test("m starts from the Draw model: its architecture, which the form then keeps")
    func startFromDrawModel() throws {
        var app = try trainApp(try trainScreen())
        let model = try #require(try app.train.drawModel)
        app.send([.key(.character("m"))])
        let train = try app.train
        #expect(train.form.start == .drawModel)
        #expect(train.form[.hiddenSizes] == "16")
        #expect(train.note?.contains("default-model.safetensors") == true)
        #expect(app.render().text.contains("Settings: from Draw model"))
        // The hidden sizes are the model's: typing into them is refused with the reason.
        app.send([.key(.enter)])
        #expect(try !app.train.form.isEditing)
        #expect(try app.train.note?.contains("architecture is the Draw model's") == true)

        app.send([.key(.character("s"))])
        let data = try fakeDataDirectory()
        var expected = smallConfiguration
        expected.hiddenSizes = model.network.hiddenSizes
        #expect(app.send([.dataChecked(data, missing: [])]) == [.startTraining(
            run: 1, configuration: expected, data: data,
            from: TrainingStartPoint(network: model.network, modelName: model.name))])
    }

    @Test("without labelled drawings, m goes back to a new network and says how to get some")
    func noDrawings() throws {
        var app = try trainApp(try trainScreen())
        app.send([.drawingsLoaded(path: Self.drawingsPath, .success(nil))])
        app.send([.key(.character("m")), .key(.character("m"))])
        #expect(try app.train.form.start == .newNetwork)
        #expect(try app.train.note?.contains("s then a digit") == true)
    }

    @Test("with drawings, m m fine-tunes: the gentle recipe, the set in the effect, its facts in the file")
    func fineTune() throws {
        var app = try trainApp(try trainScreen())
        let model = try #require(try app.train.drawModel)
        app.send([.drawingsSaved(path: Self.drawingsPath, Self.drawings(23), count: 1)])
        app.send([.key(.character("m")), .key(.character("m"))])
        let form = try app.train.form
        #expect(form.start == .drawModelAndDrawings)
        let recipe = FineTuning.configuration(for: model.network)
        #expect(form[.learningRate] == TrainForm.format(recipe.learningRate))
        #expect(form[.epochs] == String(recipe.epochs))
        #expect(try app.train.note?.contains("my-drawings.json, 23 drawings") == true)
        let screen = app.render().text
        #expect(screen.contains("Settings: fine-tune"))
        #expect(screen.contains("learns my-drawings.json, 23"))

        app.send([.key(.character("s"))])
        let data = try fakeDataDirectory()
        let effects = app.send([.dataChecked(data, missing: [])])
        guard case .startTraining(let run, let configuration, _, let start)? = effects.first else {
            Issue.record("no run started: \(effects)"); return
        }
        #expect(configuration == recipe)
        #expect(start == TrainingStartPoint(network: model.network, modelName: model.name, drawingsPath: Self.drawingsPath))

        #expect(app.render().text.contains("Reading MNIST and replaying your drawings…"))
        let learnt = LearntDrawings(path: Self.drawingsPath, count: 23, sha256: String(repeating: "ab", count: 32),
                                    variantsPerDrawing: 300, mnistImages: 30_000, set: Self.drawings(23))
        app.send([.learningDrawings(run: run, learnt)])
        #expect(app.render().text.contains("Learning 23 drawings…"))
        let train = try app.train
        let metadata = train.metadata(for: try #require(train.run))
        #expect(metadata.dataset == "mnist+drawn")
        #expect(metadata.extras["drawn_set_count"] == "23")
        #expect(metadata.extras["drawn_set_sha256"] == learnt.sha256)
        #expect(metadata.extras["started_from"] == model.name)
    }

    @Test("a recipe (r) is for a new network")
    func recipeStartsANewNetwork() throws {
        var app = try trainApp(try trainScreen())
        app.send([.key(.character("m")), .key(.character("r"))])
        #expect(try app.train.form.start == .newNetwork)
    }
}
