import DigitsCore
import DigitsTUI
import DigitsTerminal
import Foundation

/// Small, real inputs for the runtime's effects: MNIST-format files of a few random images,
/// and a screen that asks for one effect per key and keeps every answer.
enum RuntimeFixtures {
    /// A fresh directory under the temporary directory; remove it with `remove`.
    static func makeDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("digits-runtime-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The four MNIST files, uncompressed, with `train` and `test` random 28x28 images: noise
    /// everywhere, or with `inked`, a few bright strokes on black like MNIST's digits, which
    /// the trainer sends through the sparse first layer and its worker threads.
    static func mnistDirectory(train: Int = 96, test: Int = 32, inked: Bool = false) throws -> DataLocation {
        let directory = try makeDirectory()
        var generator = SeededGenerator(seed: 9)
        for (split, count) in [(MNIST.Split.train, train), (.test, test)] {
            let pixels = inked
                ? (0..<count).flatMap { inkedImage(label: $0 % 10, using: &generator) }
                : (0..<(count * 784)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let labels = (0..<count).map { UInt8($0 % 10) }
            try write(header(0x0803, [count, 28, 28]) + pixels, to: directory + "/" + split.imagesFileName)
            try write(header(0x0801, [count]) + labels, to: directory + "/" + split.labelsFileName)
        }
        return DataLocation(directory: directory, source: .option)
    }

    /// A 28x28 image of `label + 1` short vertical strokes at a random height: 3% or so inked.
    private static func inkedImage(label: Int, using generator: inout SeededGenerator) -> [UInt8] {
        var image = [UInt8](repeating: 0, count: 784)
        let top = Int.random(in: 4...14, using: &generator)
        for stroke in 0...label {
            for row in top..<(top + 10) { image[row * 28 + 4 + 2 * stroke] = 255 }
        }
        return image
    }

    /// Collects posted events until `done` holds for one of them or `seconds` pass.
    static func answers(of poster: EventPoster, within seconds: Double = 30,
                        until done: (Event) -> Bool) -> [Event] {
        var events: [Event] = []
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var descriptor = pollfd(fd: poster.wakeDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 50)
            events += poster.drain()
            if events.contains(where: done) { break }
        }
        return events
    }

    /// Whether `event` ends a training run.
    static func isEnd(_ event: Event) -> Bool {
        switch event {
        case .trainingEnded, .trainingFailed: true
        default: false
        }
    }

    private static func header(_ magic: UInt32, _ sizes: [Int]) -> [UInt8] {
        ([magic] + sizes.map(UInt32.init)).flatMap { value in
            (0..<4).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        }
    }

    private static func write(_ bytes: [UInt8], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown)
        }
    }
}

/// A screen that asks for `effect` when "e" is pressed and records every event that is not
/// input, as the runtime delivers it.
struct RecordingScreen: Screen {
    let title = "Recording"
    var effect: Effect
    var answers: [Event] = []
    var statusHints: [KeyHint] { [] }
    var helpSections: [HelpSection] { [] }

    init(asking effect: Effect) {
        self.effect = effect
    }

    mutating func update(_ event: Event, context: ScreenContext) -> [Effect] {
        switch event {
        case .key(.character("e")):
            return [effect]
        case .key, .mouse, .resize, .terminate:
            return []
        default:
            answers.append(event)
            return []
        }
    }

    func render(into frame: inout Frame, context: ScreenContext) {
        frame.put("answers \(answers.count)", x: 0, y: context.area.y)
    }
}
