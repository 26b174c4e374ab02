import ArgumentParser
import DigitsCore
import Foundation

/// `digits predict`: what the model reads in image files.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Read the digit in a PGM image file and print the ten probabilities.",
        discussion: """
            The image (binary P5 or plain P2 PGM, any size, 8 or 16 bits) goes through the same \
            preprocessing as a drawing: dark ink on light paper is inverted, the paper removed, \
            the ink's bounding box scaled so its longer side is 20 pixels and centred by its \
            centre of mass in 28x28, as MNIST was made. When no digit is probable enough (the \
            model's calibrated reject_below, or 50% for a model without one) the output says \
            "not sure this is a digit". Several files may be given; with --json each gives one \
            JSON object on its own line: {"file", "prediction", "probabilities", "not_a_digit"}. \
            A file that cannot be read or holds no ink gets a one-line message on stderr and the \
            exit status is 1.
            """)

    @Argument(help: ArgumentHelp("PGM image file(s).", valueName: "file"))
    var files: [String]

    @OptionGroup var model: ModelOptions

    @Flag(help: "Print one JSON object per file instead of a table.")
    var json = false

    /// Width of the longest probability bar, in characters.
    static let barWidth = 40

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one image file") }
    }

    func run() throws {
        let loaded = try model.loadOrExit()
        let rule = loaded.rejection
        var failed = false, printedTable = false
        for file in files {
            let probabilities: [Float]
            switch Self.probabilities(ofImageAt: file, network: loaded.network) {
            case .success(let result):
                probabilities = result
            case .failure(let failure):
                StandardError.fail(failure.message)
                failed = true
                continue
            }
            if json {
                print(try Self.json(file: file, probabilities: probabilities, rule: rule))
            } else {
                if printedTable { print("") }
                print(Self.table(file: file, probabilities: probabilities, rule: rule).joined(separator: "\n"))
                printedTable = true
            }
        }
        if failed { throw ExitCode.failure }
    }

    /// Why an image could not be read, as one line.
    struct Failure: Error {
        let message: String
    }

    /// The class probabilities `network` gives the PGM image at `path`.
    static func probabilities(ofImageAt path: String, network: Network) -> Result<[Float], Failure> {
        networkInput(ofImageAt: path).map { network.probabilities(for: $0) }
    }

    /// The 28x28 input the network reads from the PGM image at `path`, preprocessed as MNIST.
    static func networkInput(ofImageAt path: String) -> Result<[Float], Failure> {
        let image: PGMImage
        do {
            image = try PGMImage(contentsOf: path)
        } catch {
            return .failure(Failure(message: error.description))
        }
        guard let pixels = image.mnistImage() else {
            return .failure(Failure(message: "\(path): no ink found: the image is blank (all one shade)"))
        }
        return .success(pixels)
    }

    /// The most probable class.
    static func prediction(_ probabilities: [Float]) -> Int {
        probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
    }

    /// The prediction on the first line, then a table of every digit with its percentage and a
    /// bar, the predicted digit marked; under the first line, `rule`'s note when it flags them.
    /// Plain text: bars are Unicode blocks, no colour codes.
    static func table(file: String, probabilities: [Float], rule: RejectionRule) -> [String] {
        let best = prediction(probabilities)
        var lines = ["\(file): \(best) (\(percent(probabilities[best])))"]
        if let note = rule.note(for: probabilities) { lines.append(note) }
        lines += ["", "digit  percent"]
        for (digit, probability) in probabilities.enumerated() {
            let row = "  \(digit)   \(pad(percent(probability), to: 7))  \(bar(probability))"
                + (digit == best ? "  <" : "")
            lines.append(String(row.reversed().drop { $0 == " " }.reversed()))
        }
        return lines
    }

    /// "98.2%", "0.0%", "100.0%".
    static func percent(_ probability: Float) -> String {
        String(format: "%.1f%%", Double(probability) * 100)
    }

    static func pad(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// A bar `barWidth` characters long at probability 1, in eighths of a character.
    static func bar(_ probability: Float) -> String {
        let eighths = Int((min(max(probability, 0), 1) * Float(barWidth * 8)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }

    /// `{"file":…,"not_a_digit":…,"prediction":…,"probabilities":[…]}` on one line; probabilities rounded to
    /// six decimals so the numbers stay short.
    static func json(file: String, probabilities: [Float], rule: RejectionRule) throws -> String {
        let result = JSONResult(file: file, prediction: prediction(probabilities),
                                probabilities: jsonProbabilities(probabilities),
                                notADigit: rule.rejects(probabilities))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }

    /// Probabilities as JSON numbers: six decimals, enough to compare and short to read.
    static func jsonProbabilities(_ probabilities: [Float]) -> [Double] {
        probabilities.map { (Double($0) * 1e6).rounded() / 1e6 }
    }

    private struct JSONResult: Encodable {
        let file: String
        let prediction: Int
        let probabilities: [Double]
        let notADigit: Bool

        enum CodingKeys: String, CodingKey {
            case file, prediction, probabilities
            case notADigit = "not_a_digit"
        }
    }
}
