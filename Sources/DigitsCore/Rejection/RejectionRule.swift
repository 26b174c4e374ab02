/// When to say "not sure this is a digit" instead of a confident bar: the one statement of the
/// rule, read by the Draw screen, Browse's explanations, `digits predict`, `digits explain` and
/// the rejection report.
///
/// The rule tests the largest of the ten probabilities: below `threshold`, the input is flagged.
/// A model trained with negatives (`TrainingConfiguration.negatives`: generated scribbles,
/// letters and blots with a uniform target) answers what is no digit with flat probabilities,
/// and its file records the threshold calibrated for it (`__metadata__` key `reject_below`,
/// see `calibrated(for:on:)`). A model without one (older files, models from elsewhere) gets
/// `fallbackThreshold`, which only catches answers that are plainly torn between digits: a
/// network never shown a non-digit is often sure of a scribble.
public struct RejectionRule: Sendable, Equatable {
    /// Where the threshold came from.
    public enum Source: String, Sendable, Equatable {
        /// The model file's `reject_below`, calibrated when it was trained.
        case model
        /// No threshold in the file: `fallbackThreshold`.
        case fallback
    }

    /// What every screen and command says of a flagged input, in these words.
    public static let message = "not sure this is a digit"

    /// Inputs whose most probable digit has less than this probability are not called digits.
    public let threshold: Float
    public let source: Source

    /// The threshold for models whose file records none. Chosen so that the shipped model as
    /// it was before negatives (trained on digits only) flags under 1% of the MNIST test digits.
    public static let fallbackThreshold: Float = 0.5

    /// The share of MNIST training digits a calibrated threshold flags: the test set, never
    /// seen in training, is read a little less surely, so this is kept well under the 2% that
    /// may be flagged there.
    public static let calibrationShare: Double = 0.005

    /// Training digits the calibration reads: the first of the set, enough to place a 0.5%
    /// quantile on 50 images.
    public static let calibrationImages = 10_000

    public init(threshold: Float, source: Source = .model) {
        self.threshold = threshold
        self.source = source
    }

    /// The rule for a model that records no threshold of its own.
    public static let fallback = RejectionRule(threshold: fallbackThreshold, source: .fallback)

    /// The rule for a model whose file has `metadata`: its `reject_below` when that is a
    /// probability in 0...1, else the fallback.
    public init(metadata: [String: String]) {
        if let text = metadata[ModelMetadata.Key.rejectBelow], let value = Float(text), value.isFinite,
           (0...1).contains(value) {
            self.init(threshold: value, source: .model)
        } else {
            self = .fallback
        }
    }

    /// Whether `probabilities` (one per digit) are too unsure to call the input a digit. No
    /// probabilities at all is no digit either; a NaN anywhere is never a confident answer.
    public func rejects(_ probabilities: some Collection<Float>) -> Bool {
        guard let largest = probabilities.max(), !probabilities.contains(where: \.isNaN) else { return true }
        return largest < threshold
    }

    /// Calls `body` with `network`'s probabilities for each of the first `count` images of
    /// `dataset` (whose images must fit the network), in order, a chunk of images at a time.
    static func forEachAnswer(of network: Network, on dataset: Dataset, first count: Int,
                              _ body: (ArraySlice<Float>) -> Void) {
        let chunk = 1000, classes = network.outputSize
        let input = UnsafeMutablePointer<Float>.allocate(capacity: chunk * dataset.pixelsPerImage)
        defer { input.deallocate() }
        for start in stride(from: 0, to: min(count, dataset.count), by: chunk) {
            let rows = min(chunk, min(count, dataset.count) - start)
            dataset.copyBatch(start..<(start + rows), into: input)
            let probabilities = network.probabilities(batch: input, count: rows)
            for row in 0..<rows { body(probabilities[(row * classes)..<((row + 1) * classes)]) }
        }
    }

    /// Why `probabilities` were flagged, in a line: "not sure this is a digit (the most
    /// probable, 7, has 41.3%, under 92.0%)". Nil when they were not.
    public func note(for probabilities: [Float]) -> String? {
        guard rejects(probabilities) else { return nil }
        guard let best = probabilities.indices.max(by: { probabilities[$0] < probabilities[$1] }) else { return Self.message }
        return "\(Self.message) (the most probable, \(best), has \(Self.percent(probabilities[best])), under \(Self.percent(threshold)))"
    }

    private static func percent(_ value: Float) -> String {
        let tenths = Int((Double(value) * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// The threshold to record for a model trained with `configuration`: calibrated when it was
    /// trained with negatives, else nil (the file then gets the fallback when read).
    public static func threshold(for network: Network, trainedWith configuration: TrainingConfiguration,
                                 on training: Dataset) -> Float? {
        configuration.negatives > 0 ? calibrated(for: network, on: training) : nil
    }

    /// The threshold for `network` that flags `calibrationShare` of the first
    /// `calibrationImages` digits of `training` (MNIST training data, never the test set): the
    /// largest probability of each, sorted, read at that quantile.
    public static func calibrated(for network: Network, on training: Dataset) -> Float {
        let count = min(training.count, calibrationImages)
        guard count > 0, training.pixelsPerImage == network.inputSize else { return fallbackThreshold }
        var largest: [Float] = []
        largest.reserveCapacity(count)
        forEachAnswer(of: network, on: training, first: count) { largest.append($0.max() ?? 0) }
        largest.sort()
        let index = min(Int((Double(count) * calibrationShare).rounded(.down)), count - 1)
        return largest[index]
    }
}
