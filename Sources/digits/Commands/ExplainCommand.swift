import ArgumentParser
import DigitsCore
import Foundation

/// `digits explain`: why the model reads an image the way it does.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why the model reads the digit in an image (PNG, JPEG, PGM) the way it does.",
        discussion: """
            The image is read and cleaned as `digits predict` reads it; --show also prints the \
            28x28 image the network saw. The output gives the prediction; the \
            pixel evidence map (gradient x input of the digit's logit: which inked pixels push \
            towards the digit and which against) as ASCII art; each hidden layer's size and \
            share of active units; and the last hidden layer's units that add most for and \
            against the digit, each with its contribution (activation x weight to the digit). \
            The contributions plus the output bias make the digit's logit exactly. --digit D \
            explains another digit: why not D? When no digit is probable enough, it says "not \
            sure this is a digit", as predict does. With --json: one object with file, prediction, \
            digit, probabilities and not_a_digit (as predict gives them), layers [{size, active, activations}], \
            evidence (784 numbers) and decomposition {digit, logit, bias, contributions}.
            """)

    @Argument(help: ArgumentHelp("PNG, JPEG or PGM image file.", valueName: "file"))
    var file: String

    @Flag(help: "Also print the 28x28 image the network read, as ASCII art (to stderr with --json).")
    var show = false

    @OptionGroup var model: ModelOptions

    @Option(help: ArgumentHelp("Explain this digit instead of the predicted one (0-9).", valueName: "D"))
    var digit: Int?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    /// Units listed for and against the digit.
    static let unitsShown = 5

    func validate() throws {
        if let digit, !(0...9).contains(digit) { throw ValidationError("--digit must be 0-9, got \(digit)") }
    }

    func run() throws {
        let loaded = try model.loadOrExit()
        let input: [Float]
        switch PredictCommand.networkInput(ofImageAt: file) {
        case .success(let pixels): input = pixels
        case .failure(let failure):
            StandardError.fail(failure.message)
            throw ExitCode.failure
        }
        if show {
            let art = PredictCommand.art(of: input, file: file).joined(separator: "\n") + "\n"
            if json { StandardError.write(art) } else { print(art) }
        }
        let explanation = Explanation(network: loaded.network, input: input, digit: digit)
        let rule = loaded.rejection
        print(json ? try Self.json(file: file, explanation, rule: rule)
            : Self.text(file: file, explanation, rule: rule).joined(separator: "\n"))
    }

    /// The prediction, the evidence map, the layers and the strongest units, as plain text.
    static func text(file: String, _ explanation: Explanation, rule: RejectionRule) -> [String] {
        let predicted = explanation.prediction, digit = explanation.digit
        let sure = PredictCommand.percent(explanation.probabilities[predicted])
        var lines = ["\(file): \(predicted) (\(sure))" + (digit == predicted
            ? "" : ", explaining \(digit) (\(PredictCommand.percent(explanation.probabilities[digit])))")]
        if let note = rule.note(for: explanation.probabilities) { lines.append(note) }
        lines += ["", "Evidence for \(digit): gradient x input of its logit"]
        lines += evidenceArt(explanation.evidence, input: explanation.trace.input)
        lines += [EvidenceLevel.legend, ""]
        let decomposition = explanation.decomposition
        let feeding = explanation.layers.last.map { "\($0.size) units of hidden \($0.index + 1)" }
            ?? "\(decomposition.contributions.count) input pixels"
        lines.append("logit of \(digit): \(number(decomposition.logit)) = bias \(number(decomposition.bias)) + \(feeding)")
        lines += explanation.layers.map(\.summary)
        let (supporting, opposing) = decomposition.strongest(unitsShown)
        lines.append("units for \(digit):     " + unitList(supporting))
        lines.append("units against \(digit): " + unitList(opposing))
        return lines
    }

    /// 28 rows of the evidence map, two characters per pixel so it keeps its shape.
    static func evidenceArt(_ evidence: [Float], input: [Float]) -> [String] {
        let scale = EvidenceLevel.scale(of: evidence)
        let side = Int(Double(evidence.count).squareRoot())
        let rows = (0..<side).map { row in
            let text = (0..<side).map { column -> String in
                let index = row * side + column
                let mark = EvidenceLevel(evidence[index], scale: scale, inked: input[index] > 0)?.character ?? " "
                return String(repeating: mark, count: 2)
            }.joined()
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        // Blank rows above and below the ink say nothing.
        return Array(rows.drop { $0.isEmpty }.reversed().drop { $0.isEmpty }.reversed())
    }

    /// "#17 +2.31   #5 +1.12", or "none".
    static func unitList(_ units: [UnitContribution]) -> String {
        units.isEmpty ? "none" : units.map { "#\($0.unit) \(number($0.value, signed: true))" }.joined(separator: "   ")
    }

    static func number(_ value: Double, signed: Bool = false) -> String {
        String(format: signed ? "%+.2f" : "%.2f", value)
    }

    /// The explanation as one JSON object on one line.
    static func json(file: String, _ explanation: Explanation, rule: RejectionRule) throws -> String {
        let decomposition = explanation.decomposition
        let result = JSONResult(
            file: file, prediction: explanation.prediction, digit: explanation.digit,
            probabilities: PredictCommand.jsonProbabilities(explanation.probabilities),
            notADigit: rule.rejects(explanation.probabilities),
            layers: explanation.layers.map {
                JSONLayer(size: $0.size, active: $0.activeCount, activations: $0.activations.map(Double.init))
            },
            evidence: explanation.evidence.map(Double.init),
            decomposition: JSONDecomposition(digit: decomposition.digit, logit: decomposition.logit,
                                             bias: decomposition.bias, contributions: decomposition.contributions))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }

    private struct JSONResult: Encodable {
        let file: String
        let prediction: Int
        let digit: Int
        let probabilities: [Double]
        let notADigit: Bool
        let layers: [JSONLayer]
        let evidence: [Double]
        let decomposition: JSONDecomposition

        enum CodingKeys: String, CodingKey {
            case file, prediction, digit, probabilities, layers, evidence, decomposition
            case notADigit = "not_a_digit"
        }
    }

    private struct JSONLayer: Encodable {
        let size: Int
        let active: Int
        let activations: [Double]
    }

    private struct JSONDecomposition: Encodable {
        let digit: Int
        let logit: Double
        let bias: Double
        let contributions: [Double]
    }
}
