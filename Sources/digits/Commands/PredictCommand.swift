import ArgumentParser
import DigitsCore
import Foundation

/// `digits predict`: what the model reads in image files.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Read the digit in a PNG, JPEG or PGM image file and print the ten probabilities.",
        discussion: """
            The image may be PNG (8 or 16 bits, grey, RGB, with alpha, palette), JPEG (baseline \
            or progressive) or PGM (P5 or P2, 8 or 16 bits), told apart by the file's first \
            bytes. A photo or scan is cleaned first: made grey (transparency on white), dark ink \
            on light paper inverted, uneven lighting evened out, the paper removed, specks and \
            the page's edge dropped, the ink cropped. Then MNIST's recipe: the ink's bounding \
            box scaled so its longer side is 20 pixels and centred by its centre of mass in \
            28x28. --show prints that 28x28 image, what the network saw, as ASCII art. Several \
            files may be given; with --json each gives one JSON object on its own line: \
            {"file", "prediction", "probabilities"}. A file that cannot be read, is not an \
            image, is damaged, claims more than \(ImageLimits.standard.maximumPixels / 1_000_000) \
            megapixels or holds no ink gets a one-line message on stderr and the exit status is 1.
            """)

    @Argument(help: ArgumentHelp("PNG, JPEG or PGM image file(s).", valueName: "file"))
    var files: [String]

    @Flag(help: "Also print the 28x28 image the network read, as ASCII art.")
    var show = false

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
        var failed = false, printedTable = false
        for file in files {
            let input: [Float]
            switch Self.networkInput(ofImageAt: file) {
            case .success(let pixels):
                input = pixels
            case .failure(let failure):
                StandardError.fail(failure.message)
                failed = true
                continue
            }
            let probabilities = loaded.network.probabilities(for: input)
            let art = show ? Self.art(of: input, file: file).joined(separator: "\n") : nil
            if json {
                // The picture goes to stderr, so stdout stays one JSON object per line.
                if let art { StandardError.write(art + "\n") }
                print(try Self.json(file: file, probabilities: probabilities))
            } else {
                if printedTable { print("") }
                if let art { print(art + "\n") }
                print(Self.table(file: file, probabilities: probabilities).joined(separator: "\n"))
                printedTable = true
            }
        }
        if failed { throw ExitCode.failure }
    }

    /// Why an image could not be read, as one line.
    struct Failure: Error {
        let message: String
    }

    /// The class probabilities `network` gives the image at `path`.
    static func probabilities(ofImageAt path: String, network: Network) -> Result<[Float], Failure> {
        networkInput(ofImageAt: path).map { network.probabilities(for: $0) }
    }

    /// The 28x28 input the network reads from the image at `path` (`ImageFile.networkInput`).
    static func networkInput(ofImageAt path: String) -> Result<[Float], Failure> {
        do {
            return .success(try ImageFile.networkInput(contentsOf: path))
        } catch {
            return .failure(Failure(message: error.description))
        }
    }

    /// What the network saw: the 28x28 input as digit art in a frame (so blank rows and
    /// columns keep their place), under a title line.
    static func art(of input: [Float], file: String) -> [String] {
        let lines = DigitArt().lines(ofInput: input)
        let edge = "+" + String(repeating: "-", count: lines.first?.count ?? 0) + "+"
        return ["\(file): what the network saw (28x28)", edge] + lines.map { "|\($0)|" } + [edge]
    }

    /// The most probable class.
    static func prediction(_ probabilities: [Float]) -> Int {
        probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
    }

    /// The prediction on the first line, then a table of every digit with its percentage and a
    /// bar, the predicted digit marked. Plain text: bars are Unicode blocks, no colour codes.
    static func table(file: String, probabilities: [Float]) -> [String] {
        let best = prediction(probabilities)
        var lines = ["\(file): \(best) (\(percent(probabilities[best])))", "", "digit  percent"]
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

    /// `{"file":…,"prediction":…,"probabilities":[…]}` on one line; probabilities rounded to
    /// six decimals so the numbers stay short.
    static func json(file: String, probabilities: [Float]) throws -> String {
        let result = JSONResult(file: file, prediction: prediction(probabilities),
                                probabilities: jsonProbabilities(probabilities))
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
    }
}
