import DigitsCore
import DigitsTUI
import Foundation
import Testing
@testable import DigitsTerminal

@Suite("Event loop with the memory backend")
struct EventLoopTests {
    /// A 784-10 network whose answer is always 3 with 62%, whatever is drawn.
    func fixedModel() throws -> DrawModel {
        var network = try Network(sizes: [784, 10], activation: .relu)
        let probabilities: [Float] = [0.01, 0.02, 0.05, 0.62, 0.03, 0.1, 0.04, 0.08, 0.02, 0.03]
        for (index, probability) in probabilities.enumerated() {
            network.parameters[network.layers[0].biasOffset + index] = log(probability)
        }
        return DrawModel(network: network, name: "fixed.safetensors")
    }

    func drag(x: Int, rows: ClosedRange<Int>) -> [Event] {
        rows.map { row in
            let kind: MouseEvent.Kind = row == rows.lowerBound ? .press : (row == rows.upperBound ? .release : .drag)
            return .mouse(MouseEvent(kind, row == rows.lowerBound ? .left : .unknown, x: x, y: row))
        }
    }

    @Test func drawsAfterEventsAndQuitsOnQ() throws {
        let size = Size(width: 80, height: 24)
        let backend = MemoryBackend(size: size, script: [
            drag(x: 10, rows: 4...18),
            [.key(.character("?"))],
            [.key(.character("q"))],
            [.key(.character("c"))],
        ])
        var app = App.digits(model: try fixedModel(), size: size, capabilities: .full)
        EventLoop(backend: backend).run(&app)
        // First frame, after the drag, after help; nothing after q.
        #expect(backend.frames.count == 3)
        #expect(backend.frames[1].text.contains("62.0% sure"))
        #expect(backend.lastFrame?.text.contains("Keys") == true)
        #expect(backend.waits == 3, "one wait per batch of input: the loop never spins")
    }

    @Test func resizesToTheBackendAndEndsWhenInputEnds() throws {
        let backend = MemoryBackend(size: Size(width: 100, height: 30))
        var app = App.digits(model: nil, size: Size(width: 80, height: 24), capabilities: .full)
        EventLoop(backend: backend).run(&app)
        #expect(app.size == Size(width: 100, height: 30))
        #expect(backend.frames.first?.size == Size(width: 100, height: 30))
    }

    @Test func effectsAreAnsweredThroughThePosterAndWakeTheLoop() throws {
        let location = DataLocation(directory: "/nonexistent/digits-loop-test", source: .option)
        let size = Size(width: 80, height: 24)
        let backend = MemoryBackend(size: size, script: [[.key(.character("e"))]])
        backend.idleWait = .seconds(5)
        var app = App(screens: [RecordingScreen(asking: .checkData(location))], size: size, capabilities: .full)
        EventLoop(backend: backend).run(&app)
        let screen = try #require(app.screens[0] as? RecordingScreen)
        #expect(screen.answers.count == 1)
        guard case .dataChecked(let checked, let missing) = screen.answers.first else {
            Issue.record("expected a data check answer, got \(screen.answers)")
            return
        }
        #expect(checked == location)
        #expect(missing == MNIST.fileNames)
        #expect(backend.lastFrame?.text.contains("answers 1") == true)
    }

    @Test func quittingStopsTrainingAndWaitsForIt() throws {
        let data = try RuntimeFixtures.mnistDirectory(train: 64, test: 16)
        defer { RuntimeFixtures.remove(data.directory) }
        // Many epochs: only the stop at quitting can end this run in time.
        let configuration = TrainingConfiguration(hiddenSizes: [4], batchSize: 8, epochs: 100_000)
        let size = Size(width: 80, height: 24)
        let backend = MemoryBackend(size: size, script: [[.key(.character("e"))]])
        let loop = EventLoop(backend: backend)
        var app = App(screens: [RecordingScreen(asking: .startTraining(run: 1, configuration: configuration, data: data))],
                      size: size, capabilities: .full)
        let clock = ContinuousClock()
        let start = clock.now
        loop.run(&app)
        #expect(clock.now - start < .seconds(10))
        // Everything the runner started has finished: nothing is left to stop.
        #expect(loop.runner.shutDown(waitingUpTo: 0))
    }

    @Test func posterQueuesAcrossThreadsAndSignalsItsPipe() async {
        let poster = EventPoster()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask { poster.post(.terminate) }
            }
        }
        var descriptor = pollfd(fd: poster.wakeDescriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&descriptor, 1, 1000) == 1)
        let events = poster.drain()
        #expect(events.count == 20)
        #expect(poll(&descriptor, 1, 0) == 0)
    }
}
