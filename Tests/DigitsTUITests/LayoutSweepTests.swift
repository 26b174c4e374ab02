import Testing
@testable import DigitsTUI

/// Every screen at every size from 80x24 up (`sweptSizes`) lays out cleanly: boxes inside the
/// area and apart, borders unbroken, titles and key labels whole (`LayoutCheck`). Each state
/// is built once at 80x24 and resized, as a user who drags the window's corner sees it.
@Suite("Layouts at every size")
struct LayoutSweepTests {
    /// Checks `check` for `state` resized to every swept size; stops after a few bad sizes so a
    /// broken layout gives a readable report rather than hundreds of screens.
    /// `knownIssue` names a known, not yet fixed fault at a size: its problems are then
    /// recorded as a known issue, which fails once the fault is gone, to be taken out.
    func sweep(_ state: App, _ what: String, knownIssue: (App) -> Comment? = { _ in nil },
               sourceLocation: SourceLocation = #_sourceLocation, _ check: (App, inout LayoutCheck) -> Void) {
        var failures = 0
        for size in sweptSizes() where failures < 3 {
            var app = state
            app.send([.resize(size)])
            var layoutCheck = LayoutCheck(app.render(), glyphs: app.theme.glyphs)
            check(app, &layoutCheck)
            if let known = knownIssue(app) {
                withKnownIssue(known) { layoutCheck.expectClean("\(what) at \(size)", sourceLocation: sourceLocation) }
                continue
            }
            if !layoutCheck.problems.isEmpty { failures += 1 }
            layoutCheck.expectClean("\(what) at \(size)", sourceLocation: sourceLocation)
        }
    }

    @Test func drawWithADrawing() throws {
        sweep(try ScreenStates.draw(.drawn), "Draw") { app, check in
            let layout = DrawLayout(size: app.size)
            let prediction = PlacedBox(name: "prediction", rect: layout.predictionBox, title: "Prediction")
            let info = PlacedBox(name: "model", rect: layout.infoBox, title: "Model")
            check.boxes([
                PlacedBox(name: "canvas", rect: layout.canvasBox, title: "Canvas"),
                PlacedBox(name: "network", rect: layout.networkBox, title: "What the network sees"),
                info,
                PlacedBox(name: "bars", rect: layout.barsBox, title: "Probabilities"),
                prediction,
            ], inside: app.context.area)
            check.labels(["62.0% sure"], in: prediction)
            check.labels(["fixed.safetensors", "784-10 relu, test model"], in: info)
            check.labels(["1 Draw", "2 Train", "3 Browse", "model: fixed.safetensors"], row: 0)
            check.labels(["? help", "q quit"], row: app.size.height - 1)
        }
    }

    @Test func drawWithANumber() throws {
        sweep(try ScreenStates.draw(.number), "Draw, 42") { app, check in
            let layout = DrawLayout(size: app.size)
            guard let screen = try? app.draw else { return }
            let prediction = PlacedBox(name: "prediction", rect: layout.predictionBox, title: "Reads 42")
            check.boxes([
                PlacedBox(name: "canvas", rect: layout.canvasBox, title: "Canvas"),
                PlacedBox(name: "network", rect: layout.networkBox,
                          title: DrawScreen.fitting(["Network sees digit 2 of 2", "Digit 2 of 2"], width: layout.networkBox.width)),
                PlacedBox(name: "model", rect: layout.infoBox, title: "Model"),
                PlacedBox(name: "bars", rect: layout.barsBox, title: screen.barsTitle(width: layout.barsBox.width)),
                prediction,
            ], inside: app.context.area)
            check.labels(["? help", "q quit"], row: app.size.height - 1)
        }
    }

    @Test func trainMidRun() throws {
        sweep(try ScreenStates.train(.running), "Train") { app, check in
            let layout = TrainLayout(area: app.context.area)
            let settings = PlacedBox(name: "settings", rect: layout.settingsBox, title: "Settings: custom")
            let progress = PlacedBox(name: "progress", rect: layout.progressBox, title: "Training 784-4-10 relu, sgd")
            let chart = PlacedBox(name: "chart", rect: layout.chartBox, title: "Per epoch")
            let weightsTitle = layout.weightSide == 28 ? "First-layer weights of hidden units after epoch 2"
                                                       : "Unit weights after epoch 2"
            var boxes = [settings, progress, chart,
                         PlacedBox(name: "weights", rect: layout.weightsBox, title: weightsTitle)]
            if let epochsBox = layout.epochsBox {
                let epochs = PlacedBox(name: "epochs", rect: epochsBox, title: "Epochs")
                boxes.append(epochs)
                // Narrower than 32 inside, the time column gives way so the rest stays whole.
                if epochsBox.width - 2 >= 32 {
                    check.labels(["ep    loss  train   test   time", "1  0.6000  84.0%  85.0%   1.5s"], in: epochs)
                } else {
                    check.labels(["ep    loss  train   test", "1  0.6000  84.0%  85.0%"], in: epochs)
                }
            }
            check.boxes(boxes, inside: app.context.area)
            check.labels(TrainField.allCases.map(\.label), in: settings)
            check.labels(["Epoch 3 of 3", "Batch 5/10", "elapsed 0:05", "loss 0.2000", "test 92.0% (ep 2)"], in: progress)
            check.labels(["loss (train)", "accuracy (test)", "ep 1"], in: chart)
            check.labels(["1 Draw", "2 Train", "3 Browse", "Draw uses: fixed.safetensors"], row: 0)
            check.labels(["space pause", "q quit"], row: app.size.height - 1)
        }
    }

    @Test func browseList() throws {
        sweep(try ScreenStates.browse(.list), "Browse list") { app, check in
            let layout = BrowseLayout(size: app.size)
            let list = PlacedBox(name: "list", rect: layout.listBox, title: "Mistakes 4")
            check.boxes([list, PlacedBox(name: "art", rect: layout.listArtBox, title: "#0")], inside: app.context.area)
            check.labels(["image  true  pred  top probabilities", "0     4     9  9 "], in: list)
            check.labels(["3 Browse", "hand.safetensors: 4 wrong"], row: 0)
            check.labels(["? help", "q quit"], row: app.size.height - 1)
        }
    }

    @Test func browseImage() throws {
        sweep(try ScreenStates.browse(.image), "Browse image") { app, check in
            let layout = BrowseLayout(size: app.size)
            let info = PlacedBox(name: "info", rect: layout.imageInfoBox, title: "Mistakes 4")
            let bars = PlacedBox(name: "bars", rect: layout.barsBox, title: "Probabilities")
            check.boxes([PlacedBox(name: "art", rect: layout.imageArtBox, title: "Test image #0"), info, bars],
                        inside: app.context.area)
            check.labels(["true digit     4", "predicted      9  (70.0%)", "image          1 of 4"], in: info)
            check.labels(["70.0%", "25.0%"], in: bars)
            check.labels(["? help", "q quit"], row: app.size.height - 1)
        }
    }
}
