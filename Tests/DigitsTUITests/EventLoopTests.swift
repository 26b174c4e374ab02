import Foundation
import Testing
@testable import DigitsTUI

/// A screen that starts background work on "b" and counts the messages it gets back.
struct WorkerScreen: Screen {
    let title = "Worker"
    var received: [String] = []
    var statusHints: [KeyHint] { [] }
    var helpSections: [HelpSection] { [] }

    mutating func update(_ event: Event, context: ScreenContext) -> [Effect] {
        switch event {
        case .key(.character("b")):
            return [.background { poster in
                Thread.sleep(forTimeInterval: 0.05)
                poster.post(message: "done")
            }]
        case .message(let value as String):
            received.append(value)
        default:
            break
        }
        return []
    }

    func render(into frame: inout Frame, context: ScreenContext) {
        frame.put("received \(received.count)", x: 0, y: context.area.y)
    }
}

@Suite("Event loop with the memory backend")
struct EventLoopTests {
    @Test func drawsAfterEventsAndQuitsOnQ() throws {
        let size = Size(width: 80, height: 24)
        let backend = MemoryBackend(size: size, script: [
            drag([(10, 4), (10, 12), (10, 18)]),
            [.key(.character("?"))],
            [.key(.character("q"))],
            [.key(.character("c"))],
        ])
        var app = App.digits(model: try sampleModel(), size: size, capabilities: .full)
        EventLoop(backend: backend).run(&app)
        // First frame, after the drag, after help; nothing after q.
        #expect(backend.frames.count == 3)
        #expect(backend.frames[1].text.contains("62.0% sure"))
        #expect(backend.lastFrame?.text.contains("Keys") == true)
        #expect(try app.draw.history.operations.count == 1)
        // Idle waits have no timeout: the loop sleeps until input instead of polling.
        #expect(backend.requestedTimeouts.allSatisfy { $0 == nil })
    }

    @Test func resizesToTheBackendAndEndsWhenInputEnds() throws {
        let backend = MemoryBackend(size: Size(width: 100, height: 30))
        var app = App.digits(model: nil, size: Size(width: 80, height: 24), capabilities: .full)
        EventLoop(backend: backend).run(&app)
        #expect(app.size == Size(width: 100, height: 30))
        #expect(backend.frames.first?.size == Size(width: 100, height: 30))
    }

    @Test func backgroundWorkPostsEventsThatWakeTheLoop() {
        let size = Size(width: 80, height: 24)
        let backend = MemoryBackend(size: size, script: [[.key(.character("b"))]])
        backend.idleWait = .seconds(5)
        var app = App(screens: [WorkerScreen()], size: size, capabilities: .full)
        EventLoop(backend: backend).run(&app)
        #expect((app.screens[0] as? WorkerScreen)?.received == ["done"])
        #expect(backend.lastFrame?.text.contains("received 1") == true)
    }

    @Test func posterQueuesAcrossThreadsAndSignalsItsPipe() async {
        let poster = EventPoster()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask { poster.post(message: index) }
            }
        }
        var descriptor = pollfd(fd: poster.wakeDescriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&descriptor, 1, 1000) == 1)
        let events = poster.drain()
        #expect(events.count == 20)
        #expect(poll(&descriptor, 1, 0) == 0)
    }
}
