/// Teaching a trained model someone's handwriting: training continues from the model's weights
/// on MNIST mixed with that person's labelled drawings, each replayed many times with small
/// variations (`DrawnDigitVariation`), so a handful of each digit is enough and the model does
/// not forget MNIST.
///
/// The mix is fixed by the seed: the same model, drawings and seed give the same model file.
public enum FineTuning {
    /// The share of each epoch's images that are varied drawings. A fifth is enough for the
    /// person's digits to count, while four MNIST images in five keep what the model knew.
    public static let drawnShare: Double = 0.2
    /// MNIST images an epoch: half the training set. Fine-tuning starts from a model that has
    /// seen it all; this many keeps its accuracy and keeps the run under a minute.
    public static let mnistImages = 30_000
    /// Varied replays of each drawing an epoch, at least and at most: a big set needs fewer
    /// of each to make up its share, a tiny one is not repeated without end.
    public static let variantsPerDrawing = 4...400

    /// The recipe: the model's own architecture, momentum SGD from a rate a tenth of the one
    /// that trained the shipped model, so the weights move towards the drawings without
    /// unlearning MNIST, the shipped model's augmentation on top. Options may change any of
    /// it but the architecture.
    public static func configuration(for network: Network) -> TrainingConfiguration {
        var config = TrainingPreset.shipped.configuration
        config.hiddenSizes = network.hiddenSizes
        config.activation = network.activation
        config.learningRate = 0.01
        config.epochs = 3
        return config
    }

    /// Refuses what cannot be fine-tuned: a model that does not read 28x28 images into ten
    /// digits, a set without drawings (labels outside 0...9 never get this far: the set's
    /// loader refuses them, naming the drawing).
    public static func check(_ network: Network, modelPath: String, drawings: DrawnDigitSet,
                             setPath: String) throws(FineTuningError) {
        guard network.inputSize == MNISTFormat.side * MNISTFormat.side,
              network.outputSize == DrawnDigitSet.labels.count else {
            throw .unsuitableModel(model: modelPath, architecture: network.architecture)
        }
        // Drawings without a label (the non-digits of `NonDigitGenerator`) teach nothing here.
        guard drawings.drawings.contains(where: { $0.label != nil }) else { throw .noDrawings(set: setPath) }
    }

    /// How many varied replays of each of `drawings` drawings make up `drawnShare` next to
    /// `mnist` MNIST images.
    public static func variants(forDrawings drawings: Int, mnist: Int) -> Int {
        guard drawings > 0 else { return 0 }
        let wanted = Double(mnist) * drawnShare / (1 - drawnShare) / Double(drawings)
        return min(max(Int(wanted.rounded(.up)), variantsPerDrawing.lowerBound), variantsPerDrawing.upperBound)
    }

    /// The training set: `mnistImages` of `mnist` chosen by `seed`, then every drawing replayed
    /// `variants(forDrawings:mnist:)` times, varied. The trainer shuffles them together.
    public static func trainingSet(mnist: Dataset, drawings: DrawnDigitSet, seed: UInt64) -> Dataset {
        var generator = SeededGenerator(seed: seed &+ 0xF17E)
        var order = Array(0..<mnist.count)
        order.shuffle(using: &generator)
        let kept = Array(order.prefix(min(mnistImages, mnist.count)))
        var images = mnist.subset(kept).images
        var labels = kept.map { mnist.labels[$0] }
        let digits = drawings.drawings.filter { $0.label != nil }
        let repeats = variants(forDrawings: digits.count, mnist: kept.count)
        let side = MNISTFormat.side
        images.reserveCapacity(images.count + digits.count * repeats * side * side)
        for drawing in digits {
            guard let label = drawing.label else { continue }
            for _ in 0..<repeats {
                let varied = DrawnDigitVariation.random(using: &generator).apply(to: drawing)
                guard let image = DrawnDigitReplay.image(for: varied) else { continue }
                images.append(contentsOf: image.map { UInt8((min(max($0, 0), 1) * 255).rounded()) })
                labels.append(UInt8(label))
            }
        }
        return Dataset(images: images, labels: labels, rows: side, columns: side)
    }

    /// Reads the set at `setPath` with its SHA-256 and checks that `network` can learn it:
    /// what `digits train --drawn` and the Train screen do first, with one message for
    /// whatever is wrong.
    public static func load(setPath: String, network: Network,
                            modelName: String) throws(FineTuningError) -> (set: DrawnDigitSet, sha256: String) {
        let loaded: (set: DrawnDigitSet, sha256: String)
        do {
            loaded = try DrawnDigitSet.loadWithDigest(path: setPath)
        } catch {
            throw .unreadableSet(error)
        }
        try check(network, modelPath: modelName, drawings: loaded.set, setPath: setPath)
        return loaded
    }

    /// The training set made from `loaded` (read from `setPath` by `load`) and `mnist`, and
    /// what the model file will record about the drawings.
    public static func prepare(mnist: Dataset, loaded: (set: DrawnDigitSet, sha256: String), setPath: String,
                               seed: UInt64) -> (training: Dataset, learnt: LearntDrawings) {
        let mnistCount = min(mnistImages, mnist.count)
        let digits = loaded.set.drawings.filter { $0.label != nil }.count
        let learnt = LearntDrawings(path: setPath, count: digits, sha256: loaded.sha256,
                                    variantsPerDrawing: variants(forDrawings: digits, mnist: mnistCount),
                                    mnistImages: mnistCount, set: loaded.set)
        return (trainingSet(mnist: mnist, drawings: loaded.set, seed: seed), learnt)
    }
}

/// The drawings a model was fine-tuned on, as its file records them.
public struct LearntDrawings: Sendable, Equatable {
    /// The set's file, as given.
    public let path: String
    /// How many drawings it held.
    public let count: Int
    /// The SHA-256 of the file when it was read: names exactly what was learnt.
    public let sha256: String
    /// Varied replays of each drawing in the training set, and the MNIST images beside them.
    public let variantsPerDrawing: Int
    public let mnistImages: Int
    /// The drawings themselves, to say how many the model reads right.
    public let set: DrawnDigitSet

    public init(path: String, count: Int, sha256: String, variantsPerDrawing: Int, mnistImages: Int, set: DrawnDigitSet) {
        self.path = path
        self.count = count
        self.sha256 = sha256
        self.variantsPerDrawing = variantsPerDrawing
        self.mnistImages = mnistImages
        self.set = set
    }

    /// What the model file's `__metadata__` records about them.
    public var metadataExtras: [String: String] {
        ["drawn_set": path, "drawn_set_count": String(count), "drawn_set_sha256": sha256]
    }

    /// "learning 23 drawings of my-drawings.json, each replayed 300 times, with 30000 MNIST images".
    public var summary: String {
        "learning \(count) drawing\(count == 1 ? "" : "s") of \(path), each replayed \(variantsPerDrawing) times, "
            + "with \(mnistImages) MNIST images"
    }
}
