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
