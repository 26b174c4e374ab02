import DigitsCore
import Foundation
import Testing
@testable import DigitsTUI

/// A network whose output ignores its input: zero weights and the bias set to the logarithms of
/// `probabilities`, so softmax returns exactly them. Makes screens with bars reproducible.
func fixedNetwork(_ probabilities: [Float]) throws -> Network {
    var network = try Network(sizes: [784, 10], activation: .relu)
    let layer = network.layers[0]
    for (index, probability) in probabilities.enumerated() {
        network.parameters[layer.biasOffset + index] = log(probability)
    }
    return network
}

/// Probabilities with a clear winner (3), used by the screen tests.
let sampleProbabilities: [Float] = [0.01, 0.02, 0.05, 0.62, 0.03, 0.1, 0.04, 0.08, 0.02, 0.03]

func sampleModel() throws -> DrawModel {
    DrawModel(network: try fixedNetwork(sampleProbabilities), name: "fixed.safetensors",
              summary: "784-10 relu, test model")
}

/// A random but reproducible 784-32-10 network, whose answers change with the drawing.
///
/// Its answers are near-uniform, so the usual rule would call every drawing "not sure this is
/// a digit"; its threshold is 0 so that the views it pictures show a reading (the unsure states
/// have their own tests).
func randomModel() throws -> DrawModel {
    DrawModel(network: try Network(sizes: [784, 32, 10], activation: .relu, seed: 7), name: "random.safetensors",
              rejection: RejectionRule(threshold: 0))
}

extension App {
    /// The Draw screen, which is always the first.
    var draw: DrawScreen {
        get throws { try #require(screens[0] as? DrawScreen) }
    }

    /// Applies events in order, returning all effects.
    @discardableResult
    mutating func send(_ events: [Event]) -> [Effect] {
        events.flatMap { update($0) }
    }

    mutating func type(_ text: String) {
        send(text.map { .key(.character($0)) })
    }
}

/// Mouse events for a drag with the left (or another) button through the given cells,
/// 0-based: press at the first, drags through the middle, release at the last.
func drag(_ cells: [(Int, Int)], button: MouseEvent.Button = .left,
          modifiers: MouseEvent.Modifiers = []) -> [Event] {
    cells.enumerated().map { index, cell in
        let kind: MouseEvent.Kind = index == 0 ? .press : (index == cells.count - 1 ? .release : .drag)
        return .mouse(MouseEvent(kind, index == 0 ? button : .unknown, x: cell.0, y: cell.1, modifiers: modifiers))
    }
}

/// A vertical line of cells in column `x` from row `top` to `bottom`.
func verticalLine(x: Int, from top: Int, to bottom: Int) -> [(Int, Int)] {
    (top...bottom).map { (x, $0) }
}

/// Compares a frame with an expected screen (trailing spaces ignored) and, when they differ,
/// records both in full so a changed screen can be reviewed line by line.
func expectScreen(_ frame: Frame, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = frame.lines()
    let wanted = expected.split(separator: "\n", omittingEmptySubsequences: false).map {
        var line = String($0)
        while line.last == " " { line.removeLast() }
        return line
    }
    if actual != wanted {
        var report = "screen differs:\n"
        for index in 0..<max(actual.count, wanted.count) {
            let a = index < actual.count ? actual[index] : "<none>"
            let w = index < wanted.count ? wanted[index] : "<none>"
            report += (a == w ? "  " : "! ") + a + "\n"
            if a != w { report += "  expected: " + w + "\n" }
        }
        Issue.record(Comment(rawValue: report), sourceLocation: sourceLocation)
    }
}
