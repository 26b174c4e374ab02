import ArgumentParser
import DigitsCore
import Foundation

/// `digits predict`: what the model reads in image files.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Read the digit, or the number, in a PNG, JPEG or PGM image file and print the probabilities.",
        discussion: """
            The image may be PNG (8 or 16 bits, grey, RGB, with alpha, palette), JPEG (baseline \
            or progressive) or PGM (P5 or P2, 8 or 16 bits), told apart by the file's first \
            bytes. A photo or scan is cleaned first: made grey (transparency on white), dark ink \
            on light paper inverted, uneven lighting evened out, the paper removed, specks and \
            the page's edge dropped, the ink cropped. Then MNIST's recipe: the ink's bounding \
            box scaled so its longer side is 20 pixels and centred by its centre of mass in \
            28x28. --show prints that 28x28 image, what the network saw, as ASCII art. Ink in \
            several groups side by side (a number) is read digit by digit, left to right, each \
            group preprocessed on its own: groups are the ink's connected pieces joined when they \
            overlap horizontally or nearly touch (a gap under a tenth of the ink's height), tiny \
            specks joining the nearer group; touching digits are one group. Several files may be \
            given; with --json each gives one JSON object on its own line: {"file", "reading", \
            "digits", "prediction", "probabilities"}. "reading" is the digits read, left to \
            right, as a string ("42"); "digits" holds one object per digit, left to right, with \
            its "prediction", "probabilities" and "box" {"x", "y", "width", "height"} in image pixels \
            (of the image reduced to 1024 pixels on its longer side, when larger). "prediction" and "probabilities" are the whole image \
            read as one digit: for a single digit they are the same as digits[0]'s. \
            "not_a_digit" is true when no digit is probable enough (the model's calibrated \
            reject_below, or 50% for a model without one); the table then says "not sure this is \
            a digit". A file that \
            cannot be read, is not an image, is damaged, claims more than \
            \(ImageLimits.standard.maximumPixels / 1_000_000) megapixels or holds no ink gets a \
            one-line message on stderr and the exit status is 1.
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
        let rule = loaded.rejection
        var failed = false, printedTable = false
        for file in files {
            let reading: ImageReading
            switch Self.reading(ofImageAt: file, network: loaded.network) {
            case .success(let result):
                reading = result
            case .failure(let failure):
                StandardError.fail(failure.message)
                failed = true
                continue
            }
            let art = show ? Self.art(of: reading.input, file: file).joined(separator: "\n") : nil
            if json {
                // The picture goes to stderr, so stdout stays one JSON object per line.
                if let art { StandardError.write(art + "\n") }
                print(try Self.json(file: file, reading: reading, rule: rule))
            } else {
                if printedTable { print("") }
                if let art { print(art + "\n") }
                print(Self.table(file: file, reading: reading, rule: rule).joined(separator: "\n"))
                printedTable = true
            }
        }
        if failed { throw ExitCode.failure }
    }

    /// Why an image could not be read, as one line.
    struct Failure: Error {
        let message: String
    }

    /// What a network reads in one image: the whole image as one digit, and digit by digit.
    struct ImageReading {
        /// The whole image read as one digit, as `digits predict` read every image before it
        /// read numbers.
        let probabilities: [Float]
        /// The whole image's 28x28 input, which gave `probabilities`.
        let input: [Float]
        /// Where the cleaned ink, which the digits' boxes are relative to, lies in the image.
        let left: Int, top: Int
        /// Each digit, left to right; one for a single digit, with the same probabilities.
        let digits: [DigitReading]

        /// The digits read, left to right: "42".
        var text: String { DigitReading.text(digits) }

        /// Where `digit` lies in the image's pixels (its own box is in the cropped ink's).
        func box(of digit: DigitReading) -> PixelBox {
            let box = digit.digit.pixelBox
            return PixelBox(x: box.x + left, y: box.y + top, width: box.width, height: box.height)
        }
    }

    /// What `network` reads in the image at `path`, whole and digit by digit.
    static func reading(ofImageAt path: String, network: Network) -> Result<ImageReading, Failure> {
        ink(ofImageAt: path).flatMap { ink in
            guard let whole = MNISTFormat.normalize(pixels: ink.pixels, width: ink.width, height: ink.height) else {
                return .failure(noInk(path))
            }
            let digits = MNISTFormat.digitImages(pixels: ink.pixels, width: ink.width, height: ink.height)
            return .success(ImageReading(probabilities: network.probabilities(for: whole), input: whole,
                                         left: ink.left, top: ink.top,
                                         digits: DigitReading.read(digits, with: network)))
        }
    }

    /// The 28x28 input the network reads from the image at `path`, preprocessed as MNIST, the
    /// whole image as one digit.
    static func networkInput(ofImageAt path: String) -> Result<[Float], Failure> {
        ink(ofImageAt: path).flatMap { ink in
            MNISTFormat.normalize(pixels: ink.pixels, width: ink.width, height: ink.height)
                .map { .success($0) } ?? .failure(noInk(path))
        }
    }

    /// The image at `path` decoded and cleaned as ink (`ImageFile`, `InkCleanup`: `width *
    /// height` values, row-major, 0 background, 1 ink): what every reading of an image starts from.
    static func ink(ofImageAt path: String)
        -> Result<(pixels: [Float], width: Int, height: Int, left: Int, top: Int), Failure> {
        do {
            guard let ink = InkCleanup.ink(of: try ImageFile.read(contentsOf: path)) else { return .failure(noInk(path)) }
            return .success((ink.values, ink.width, ink.height, ink.left, ink.top))
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

    static func noInk(_ path: String) -> Failure {
        Failure(message: "\(path): no ink found: the image is blank (all one shade)")
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
        return lines + [""] + probabilityRows(probabilities)
    }

    /// A single digit as `table(file:probabilities:)` always gave it; a number as the reading
    /// on the first line, then each digit: what it reads, where it is, its table.
    static func table(file: String, reading: ImageReading, rule: RejectionRule) -> [String] {
        guard reading.digits.count > 1 else {
            return table(file: file, probabilities: reading.digits.first?.probabilities ?? reading.probabilities, rule: rule)
        }
        let count = reading.digits.count
        var lines = ["\(file): \(reading.text) (\(count) digits: "
            + reading.digits.map { "\($0.prediction) \(percent($0.confidence))" }.joined(separator: ", ") + ")"]
        for (index, digit) in reading.digits.enumerated() {
            let box = reading.box(of: digit)
            lines += ["", "digit \(index + 1) of \(count): \(digit.prediction) (\(percent(digit.confidence))), "
                + "at x \(box.x), y \(box.y), \(box.width)x\(box.height) pixels"]
            if let note = rule.note(for: digit.probabilities) { lines.append(note) }
            lines += probabilityRows(digit.probabilities)
        }
        return lines
    }

    /// "digit  percent" and one row per digit with its bar, the most probable marked.
    static func probabilityRows(_ probabilities: [Float]) -> [String] {
        let best = prediction(probabilities)
        var lines = ["digit  percent"]
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

    /// `{"file", "prediction", "probabilities", "reading", "digits"}` on one line (see the
    /// command's help); probabilities rounded to six decimals so the numbers stay short.
    static func json(file: String, reading: ImageReading, rule: RejectionRule) throws -> String {
        let digits = reading.digits.map { digit in
            JSONDigit(prediction: digit.prediction, probabilities: jsonProbabilities(digit.probabilities),
                      box: reading.box(of: digit), notADigit: rule.rejects(digit.probabilities))
        }
        return try encode(JSONResult(file: file, prediction: prediction(reading.probabilities),
                                     probabilities: jsonProbabilities(reading.probabilities),
                                     reading: reading.text, digits: digits,
                                     notADigit: rule.rejects(reading.probabilities)))
    }

    private static func encode(_ result: JSONResult) throws -> String {
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
        let reading: String
        let digits: [JSONDigit]
        let notADigit: Bool

        enum CodingKeys: String, CodingKey {
            case file, prediction, probabilities, reading, digits
            case notADigit = "not_a_digit"
        }
    }

    private struct JSONDigit: Encodable {
        let prediction: Int
        let probabilities: [Double]
        let box: PixelBox
        let notADigit: Bool

        enum CodingKeys: String, CodingKey {
            case prediction, probabilities, box
            case notADigit = "not_a_digit"
        }
    }
}
