import DigitsCore
import Foundation
import Testing
@testable import DigitsTUI

@Suite("Train screen render")
struct TrainRenderTests {
    /// A run fed by hand up to the middle of epoch 3, with two epochs behind it.
    func midTraining(size: Size = Size(width: 80, height: 24)) throws -> App {
        var app = try trainApp(try trainScreen(), size: size)
        try app.startTraining()
        app.send([FedEvents.started()])
        let network = try FedEvents.network()
        app.send([FedEvents.batch(epoch: 1, batch: 10, loss: 0.6, accuracy: 0.8, elapsed: 1.5),
                  FedEvents.epoch(1, loss: 0.6, test: 0.85, network: network),
                  FedEvents.epoch(2, loss: 0.3, test: 0.92, network: network),
                  FedEvents.batch(epoch: 3, batch: 5, loss: 0.2, accuracy: 0.95, elapsed: 5)])
        return app
    }

    @Test func midTrainingAt80x24() throws {
        let app = try midTraining()
        expectScreen(app.render(), """
         digits   1 Draw   2 Train   3 Browse      Draw uses: default-model.safetensors
        ┌ Settings: custom ────────────┐┌ Training 784-4-10 relu, sgd ─────────────────┐
        │  Hidden sizes 4              ││ Epoch 3 of 3    ██████████████████▍     83%  │
        │  Activation   relu           ││ Batch 5/10      ███████████             50%  │
        │  Optimizer    sgd            ││ elapsed 0:05 · left 0:01 · 3,200 samples/s   │
        │  Learn rate   0.1            ││ loss 0.2000  train 95.0%  test 92.0% (ep 2)  │
        │  Batch size   64             ││ Training · learning rate 0.1                 │
        │  Epochs       3              ││ Not saved: w saves to digits-model.safetens… │
        │  Seed         1              │└──────────────────────────────────────────────┘
        │  Augment      off            │┌ Per epoch ───────────────────────────────────┐
        │  Save to      …el.safetensors││ loss (train)   0.2000 accuracy (test)  95.0% │
        │constant schedule             ││ 0.6000│███             95.0%│          ████  │
        │                              ││       │███                  │          ████  │
        └──────────────────────────────┘│       │███                  │     ▅▅▅▅ ████  │
        ┌ Unit weights after epoch 2 ──┐│       │███                  │     ████ ████  │
        │▀▀▀▀▀▀▀▀▀█▀█▀▀ ██▀▀▀▀▀▀▀▀▀█▀█ ││       │███                  │     ████ ████  │
        │▀▀▀▀█▀▀▀▀▀▀▀▀▀ ▀▀▀█▀█▀▀▀▀▀▀▀█ ││       │███ ███              │     ████ ████  │
        │▀▀▀▀▀▀▀▀▀█▀▀▀▀ ▀▀▀▀▀█▀▀▀▀▀▀▀▀ ││       │███ ███ ▃▃▃          │     ████ ████  │
        │▀▀▀▀█▀▀▀▀▀▀▀▀▀ ▀▀▀▀▀▀▀▀▀▀▀▀█▀ ││       │███ ███ ███          │     ████ ████  │
        │▀█▀▀▀▀▀▀▀▀▀▀▀▀ ▀▀▀▀▀▀▀▀▀▀▀▀▀▀ ││       │███ ███ ███          │████ ████ ████  │
        │▀▀▀▀█▀▀▀▀▀▀▀▀▀ ▀█▀█▀▀▀▀▀█▀▀▀▀ ││ 0.0000│███ ███ ███     82.5%│████ ████ ████  │
        │▀▀▀▀▀▀█▀█▀▀▀▀▀ ▀▀▀▀▀▀▀▀▀█▀▀▀▀ ││        ep 1   3 (now)        ep 1    3 (now) │
        └──────────────────────────────┘└──────────────────────────────────────────────┘
         space pause  x stop  w save  u use in Draw  tab screens  ? help  q quit
        """)
    }

    @Test func aLongFailureTakesTwoLinesAt80x24() throws {
        var app = try trainApp(try trainScreen())
        let why = "/data/train-images-idx3-ubyte.gz: truncated gzip stream after 1024 bytes (download it again)"
        try app.startTraining()
        app.send([.trainingFailed(run: 1, why)])
        let lines = app.render().lines()
        #expect(lines[4].contains("│ Could not train:                             │"), "\(lines[4])")
        #expect(lines[5].contains("│ /data/train-images-idx3-ubyte.gz: truncated  │"), "\(lines[5])")
        #expect(lines[6].contains("│ gzip stream after 1024 bytes (download it    │"), "\(lines[6])")
        #expect(lines[7].contains("│ again)                                       │"), "\(lines[7])")
        #expect(!app.render().text.contains("The first weights to save"))
    }

    @Test func largeTerminalShowsAnEpochTableAndFullSizeWeights() throws {
        let app = try midTraining(size: Size(width: 160, height: 50))
        let text = app.render().text
        #expect(text.contains("┌ Epochs"))
        #expect(text.contains("  1  0.6000  84.0%  85.0%   1.5s"))
        #expect(text.contains("  2  0.3000  91.0%  92.0%   1.5s"))
        #expect(text.contains("First-layer weights of hidden units after epoch 2"))
        // Four units of a 784-4-10 network, 28 cells wide each.
        let weightsRow = try #require(app.render().lines().first { $0.contains("▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀ ▀") })
        #expect(weightsRow.filter { $0 == "▀" || $0 == "█" || $0 == "▄" }.count >= 4 * 28 - 8)
    }

    @Test func everySizeFromTheMinimumRendersWithoutOverlap() throws {
        for size in [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 120, height: 40),
                     Size(width: 200, height: 60)] {
            let app = try midTraining(size: size)
            let lines = app.render().lines()
            #expect(lines.count == size.height)
            #expect(lines.contains { $0.contains("Epoch 3 of 3") }, "no epoch line at \(size)")
            #expect(lines.contains { $0.contains("loss (train)") }, "no chart at \(size)")
        }
    }

    @Test func chartRescalesAsEpochsAreAdded() {
        let theme = Theme(Capabilities(colors: 256, unicode: true))
        func bars(_ values: [Float]) -> [String] {
            var frame = Frame(size: Size(width: 30, height: 6))
            EpochChart(title: "loss", values: values, live: nil, fromZero: true, format: { TimeText.loss($0) })
                .render(into: &frame, rect: frame.bounds, theme: theme)
            return frame.lines()
        }
        let two = bars([1, 0.5])
        // Tallest bar reaches the top row; the half-height one half way.
        #expect(two[1].contains("│████"))
        #expect(two[1].hasPrefix("1.0000"))
        let three = bars([2, 1, 0.5])
        #expect(three[1].hasPrefix("2.0000"), "the scale follows the largest value")
        // Bars narrow as epochs are added: 6 cells each at first, 4 once there are many.
        let many = bars((1...5).map { Float($0) })
        #expect(two[4].filter { $0 == "█" }.count > many[4].filter { $0 == "█" }.count / 2)
        // More epochs than columns: the latest are shown.
        let lots = bars((1...40).map { Float($0) })
        #expect(lots[5].contains("ep 18"))
    }

    @Test func asciiTerminalsGetPlainCharacters() throws {
        var app = try midTraining()
        app = App(screens: app.screens, size: app.size, capabilities: Capabilities(colors: 0, unicode: false),
                  activeIndex: 1)
        let text = app.render().text
        #expect(text.contains("#"))
        #expect(!text.contains("█"))
        #expect(!text.contains("▀"))
    }

    @Test func timeAndNumberFormats() {
        #expect(TimeText.clock(5) == "0:05")
        #expect(TimeText.clock(3725) == "1:02:05")
        #expect(TimeText.percent(0.9731) == "97.3%")
        #expect(TimeText.loss(0.12345) == "0.1235")
        #expect(TimeText.grouped(1234567) == "1,234,567")
        #expect(TextFit.wrap("aa bb cc", width: 5) == ["aa bb", "cc"])
    }
}
