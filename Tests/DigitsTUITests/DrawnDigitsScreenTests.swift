import DigitsCore
import Foundation
import Testing
@testable import DigitsTUI

/// Replays drawings of the drawn-digit set (Tests/Fixtures/drawn-digits) through the real Draw
/// screen, as the mouse events a terminal sends (press, drags, release, in screen cells), and
/// checks that the screen paints, preprocesses and reads them exactly as the DigitsCore harness
/// (`DrawnDigitReplay`) does. This is what lets the harness's accuracy stand for the screen's:
/// if the screen's geometry or brush changes, this fails and the harness must follow.
@Suite("Drawn digits through the Draw screen")
struct DrawnDigitsScreenTests {
    static let setPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/drawn-digits/drawn-digits.json").path

    /// The shipped model when there is one (so the predictions compared are the real ones),
    /// else a small random network, whose answers still depend on every pixel.
    static func model() throws -> DrawModel {
        if let path = try? ModelLocator.defaultModelPath() {
            return DrawModel(loaded: try ModelFile.load(path: path))
        }
        return try randomModel()
    }

    /// One drawing per writer and digit, cycling through each writer's four drawings of a
    /// digit: 80 of the set's drawings, every writer, canvas size and brush among them.
    static func sample(of set: DrawnDigitSet) -> [DrawnDigit] {
        var seen: [String: Int] = [:]
        return set.drawings.filter { drawing in
            guard let label = drawing.label else { return false }
            let key = "\(drawing.writer)/\(label)"
            defer { seen[key, default: 0] += 1 }
            return seen[key, default: 0] == label % 4
        }
    }

    /// The keys that set the brush to `percent` of the suggested radius from the default, nil
    /// when the screen offers no such size.
    static func brushKeys(percent: Int) -> [Event]? {
        guard let level = BrushSize.factors.firstIndex(of: Float(percent) / 100) else { return nil }
        let steps = level - BrushSize.defaultLevel
        return Array(repeating: .key(.character(steps > 0 ? "]" : "[")), count: abs(steps))
    }

    /// The mouse events a terminal reports for `drawing` on a canvas whose top-left cell is
    /// (`x`, `y`) on screen: per stroke a press, a drag per further cell, and a release where
    /// the button came up (the stroke's last cell).
    static func mouseEvents(for drawing: DrawnDigit, canvasX x: Int, canvasY y: Int) -> [Event] {
        drawing.strokes.flatMap { stroke -> [Event] in
            guard let first = stroke.first, let last = stroke.last else { return [] }
            let press = Event.mouse(MouseEvent(.press, .left, x: x + first.column, y: y + first.row))
            let drags = stroke.dropFirst().map {
                Event.mouse(MouseEvent(.drag, .left, x: x + $0.column, y: y + $0.row))
            }
            let release = Event.mouse(MouseEvent(.release, .unknown, x: x + last.column, y: y + last.row))
            return [press] + drags + [release]
        }
    }

    @Test func theScreenSeesAndReadsWhatTheHarnessDoes() throws {
        let set = try DrawnDigitSet.load(path: Self.setPath)
        let model = try Self.model()
        let sample = Self.sample(of: set)
        #expect(sample.count == set.writers.count * 10)

        for drawing in sample {
            let terminal = try #require(drawing.terminal, "\(drawing.id) has no terminal size to replay at")
            var app = App.digits(model: model, size: Size(width: terminal.columns, height: terminal.rows),
                                 capabilities: .full)
            let layout = try app.draw.layout
            guard layout.canvas.width == drawing.canvas.columns, layout.canvas.height == drawing.canvas.rows else {
                Issue.record("""
                    \(drawing.id): the Draw screen's canvas at \(terminal) is now \
                    \(layout.canvas.width)x\(layout.canvas.height) cells, the set was drawn on \(drawing.canvas); \
                    update TERMINALS in Tests/Fixtures/drawn-digits/generate.py and regenerate
                    """)
                continue
            }
            let brush = try #require(Self.brushKeys(percent: drawing.brushPercent),
                                     "\(drawing.id): brush \(drawing.brushPercent)% is not a size the screen offers")
            app.send(brush)
            app.send(Self.mouseEvents(for: drawing, canvasX: layout.canvas.x, canvasY: layout.canvas.y))

            let screen = try app.draw
            // Compared as Bools with a count: a failure should not print whole canvases.
            let expectedCanvas = DrawnDigitReplay.canvas(for: drawing)
            let sameCanvas = screen.canvas == expectedCanvas
            #expect(sameCanvas, """
                \(drawing.id): the screen painted another canvas \
                (\(screen.canvas.width)x\(screen.canvas.height), harness \(expectedCanvas.width)x\(expectedCanvas.height), \
                \(differences(screen.canvas.pixels, expectedCanvas.pixels)) pixels differ)
                """)
            let image = try #require(DrawnDigitReplay.image(for: drawing))
            let sameImage = screen.networkInput == image
            #expect(sameImage, """
                \(drawing.id): the screen shows the network another image \
                (\(differences(screen.networkInput ?? [], image)) of 784 pixels differ)
                """)
            let probabilities = model.network.probabilities(for: image)
            let predicted = probabilities.indices.max { probabilities[$0] < probabilities[$1] }
            #expect(screen.prediction == predicted, "\(drawing.id)")

            // And the prediction box says so.
            if let predicted {
                let sure = ProbabilityBars.percentage(probabilities[predicted], tenths: true)
                let text = app.render().lines().joined(separator: "\n")
                #expect(text.contains(sure), "\(drawing.id): \(sure) not on screen")
            }
        }
    }

    /// How many positions hold different values (all of them when the sizes differ).
    func differences(_ a: [Float], _ b: [Float]) -> Int {
        guard a.count == b.count else { return max(a.count, b.count) }
        return zip(a, b).filter { $0 != $1 }.count
    }

    @Test func everyBrushInTheSetIsOneTheScreenOffers() throws {
        let set = try DrawnDigitSet.load(path: Self.setPath)
        for percent in Set(set.drawings.map(\.brushPercent)) {
            #expect(Self.brushKeys(percent: percent) != nil, "brush \(percent)%")
        }
    }
}
