import ArgumentParser
import DigitsCore
import DigitsTUI
import Foundation

/// `digits train`: trains a network on MNIST and saves it as safetensors.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a network on MNIST and save it.",
        discussion: """
            Without options, trains the fast recipe (784-128-10, momentum SGD, batch 64, cosine \
            schedule, 8 epochs: 98% in seconds). --preset shipped reproduces the shipped model. In a terminal, \
            training runs on the Train screen with these settings (save there with w); with --no-tui, --json or \
            a pipe, progress goes to stderr; with --json, one JSON object per epoch goes to stdout. In plain mode Ctrl-C \
            stops after the current batch and saves the weights so far.

            --init-from MODEL continues training a saved model (its architecture comes from the file). With \
            --drawn FILE too, it learns that set of labelled drawings (the Draw screen saves them with s and a \
            digit): MNIST mixed with every drawing replayed many times, varied, by a gentler recipe (3 epochs, \
            learning rate 0.01) that the options can change. The model file records the set's path, drawing count \
            and SHA-256.
            """)

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Start from a named recipe: \(TrainingPreset.allCases.map(\.rawValue).joined(separator: ", ")) (default: fast; with --drawn, the fine-tuning recipe).", valueName: "name"))
    var preset: TrainingPreset?

    @Option(name: .customLong("init-from"), help: ArgumentHelp(
        "Continue training this model (safetensors) instead of a new network; its architecture comes from the file.",
        valueName: "model"))
    var initFrom: String?

    @Option(help: ArgumentHelp(
        "Fine-tune on these labelled drawings (a drawn-digit set, e.g. the Draw screen's my-drawings.json) mixed with MNIST; needs --init-from.",
        valueName: "file"))
    var drawn: String?

    @Option(help: ArgumentHelp("Hidden layer sizes, comma-separated, e.g. 1024,128; each \(TrainingLimits.hiddenSize.allowed).", valueName: "sizes"))
    var hidden: HiddenSizes?

    @Option(help: "Hidden activation: relu or sigmoid.")
    var activation: Activation?

    @Option(help: "Optimizer: gd (full batch), sgd, momentum or adam.")
    var optimizer: OptimizerKind?

    @Option(name: .customLong("lr"), help: "Learning rate, \(TrainingLimits.learningRate.allowed).")
    var learningRate: Float?

    @Option(help: "Examples per step, \(TrainingLimits.batchSize.allowed) (ignored by gd).")
    var batchSize: Int?

    @Option(help: "Passes over the training set, \(TrainingLimits.epochs.allowed).")
    var epochs: Int?

    @Option(help: "Random seed: the same seed gives the same model.")
    var seed: UInt64?

    @Option(help: "L2 weight decay, \(TrainingLimits.weightDecay.allowed).")
    var weightDecay: Float?

    @Option(help: "Learning-rate schedule: constant, exponential or cosine.")
    var schedule: LearningRateSchedule?

    @Option(help: "Per-epoch learning-rate factor for the exponential schedule, \(TrainingLimits.learningRateDecay.allowed).")
    var lrDecay: Float?

    @Flag(inversion: .prefixedNo, help: "Distort training images (rotation, scale, slant, stroke width).")
    var augment: Bool?

    @Option(help: ArgumentHelp("Share of each batch replaced by generated non-digits (scribbles, letters, shapes, blots) with a uniform target, \(TrainingLimits.negatives.allowed); the model then says when a drawing is not a digit.", valueName: "share"))
    var negatives: Float?

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to save the model.", valueName: "file"))
    var output: String = TrainingOutput.defaultPath

    @Flag(help: "Print one JSON object per epoch on stdout.")
    var json = false

    @Flag(help: "Print plain-text progress even when stdout is a terminal (a pipe always does).")
    var noTUI = false

    var trainingConfiguration: TrainingConfiguration { configuration(startingFrom: nil) }

    /// The options' recipe: the preset (the fine-tuning one for drawings), with the
    /// architecture of `start` when training continues from a model, and every option given.
    func configuration(startingFrom start: Network?) -> TrainingConfiguration {
        var config = preset?.configuration ?? TrainingPreset.fast.configuration
        if let start {
            if drawn != nil && preset == nil { config = FineTuning.configuration(for: start) }
            config.hiddenSizes = start.hiddenSizes
            config.activation = start.activation
        }
        if let hidden { config.hiddenSizes = hidden.sizes }
        if let activation { config.activation = activation }
        if let optimizer { config.optimizer = optimizer }
        if let learningRate { config.learningRate = learningRate }
        if let batchSize { config.batchSize = batchSize }
        if let epochs { config.epochs = epochs }
        if let seed { config.seed = seed }
        if let weightDecay { config.weightDecay = weightDecay }
        if let schedule { config.schedule = schedule }
        if let lrDecay { config.learningRateDecay = lrDecay }
        if let augment { config.augmentation = augment ? .standard : nil }
        if let negatives { config.negatives = negatives }
        return config
    }

    func validate() throws {
        if drawn != nil && initFrom == nil {
            throw ValidationError("--drawn needs --init-from MODEL: drawings teach a model that already reads MNIST")
        }
        if initFrom != nil && (hidden != nil || activation != nil) {
            throw ValidationError("--hidden and --activation cannot go with --init-from: the architecture comes from the model file")
        }
        do {
            try trainingConfiguration.validate()
        } catch {
            throw ValidationError(error.description)
        }
        try OutputPath.check(output)
    }

    func run() throws {
        if !noTUI && !json && initFrom == nil && isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 {
            return try runOnTrainScreen()
        }
        let start = try initFrom.map(Self.loadStart)
        let config = configuration(startingFrom: start?.network)
        do {
            try config.validate()
        } catch {
            StandardError.fail(error.description)
            throw ExitCode.failure
        }
        // Read and checked before MNIST is, so a wrong set fails at once.
        var drawings: (set: DrawnDigitSet, sha256: String)?
        if let start, let drawn {
            do {
                drawings = try FineTuning.load(setPath: drawn, network: start.network, modelName: start.path)
            } catch {
                StandardError.fail(error.description)
                throw ExitCode.failure
            }
        }
        let location = data.location
        var sets: (train: Dataset, test: Dataset)
        do {
            sets = try location.load()
        } catch {
            StandardError.fail(error.description)
            throw ExitCode.failure
        }
        let trainer = Trainer(configuration: config)
        var network = try start?.network ?? trainer.makeNetwork(inputSize: sets.train.pixelsPerImage)
        var learnt: LearntDrawings?
        if let drawings, let drawn {
            let prepared = FineTuning.prepare(mnist: sets.train, loaded: drawings, setPath: drawn, seed: config.seed)
            sets.train = prepared.training
            learnt = prepared.learnt
            StandardError.write(prepared.learnt.summary + "\n")
        }
        let before = learnt.map { Self.readRight(of: $0.set, by: network) }
        let control = TrainingControl()
        let interrupt = InterruptHandler { control.stop() }
        defer { interrupt.cancel() }

        let reporter = TrainingReporter(json: json, terminal: StandardError.isTerminal)
        let outcome = try trainer.train(&network, on: sets.train, testingOn: sets.test,
                                        control: control, listener: reporter.report)
        let (accuracy, _) = try Trainer.measure(network, on: sets.test)
        let epochsDone: Int
        switch outcome {
        case .completed(let epochs), .cancelled(let epochs): epochsDone = epochs
        case .diverged: epochsDone = reporter.epochsDone
        }
        var metadata = ModelMetadata(training: config, epochs: epochsDone, testAccuracy: Double(accuracy),
                                     rejectBelow: RejectionRule.threshold(for: network, trainedWith: config,
                                                                          on: sets.train),
                                     dataset: learnt == nil ? "mnist" : "mnist+drawn", madeBy: "digits train")
        if let start { metadata.extras["started_from"] = start.path }
        if let learnt { metadata.extras.merge(learnt.metadataExtras) { $1 } }
        do {
            try ModelFile.save(network, metadata: metadata, to: output)
        } catch {
            // The output was checked before training, but a disk can fill up or a directory
            // vanish meanwhile: keep the trained weights somewhere rather than lose them.
            let fallback = FileManager.default.temporaryDirectory
                .appendingPathComponent("digits-model-\(getpid()).safetensors").path
            if (try? ModelFile.save(network, metadata: metadata, to: fallback)) != nil {
                StandardError.fail("\(error.description); the model was saved to \(fallback) instead")
            } else {
                StandardError.fail(error.description)
            }
            throw ExitCode.failure
        }
        StandardError.write(String(format: "%@: %@, test accuracy %.2f%%, %.1f s; saved %@\n",
                                   network.architecture, outcome.message, accuracy * 100,
                                   reporter.elapsed, output))
        if let before, let learnt {
            let after = Self.readRight(of: learnt.set, by: network)
            StandardError.write("its drawings read right: \(before) before, \(after) after (drawings it learnt from; "
                                + "new ones tell more: digits eval --drawn)\n")
        }
        switch outcome {
        case .completed: return
        case .cancelled: throw ExitCode(130)
        case .diverged: throw ExitCode(3)
        }
    }
}

extension TrainCommand {
    /// The model `--init-from` names, or a one-line failure and exit 1.
    static func loadStart(path: String) throws -> LoadedModel {
        do {
            return try ModelFile.load(path: path)
        } catch {
            StandardError.fail(error.description)
            throw ExitCode.failure
        }
    }

    /// "183/200": how many of `set`'s drawings `network` reads right, replayed as Draw paints them.
    static func readRight(of set: DrawnDigitSet, by network: Network) -> String {
        guard let report = try? DrawnDigitsEvaluation.evaluate(set, with: network) else { return "-" }
        return "\(report.tally().correct)/\(report.tally().total)"
    }

    /// Opens the interactive screens on Train with these options in the form, and starts.
    func runOnTrainScreen() throws {
        let loaded = try? ModelOptions.parse([]).load().get()
        let setup = TrainScreenSetup(data: data.location, configuration: trainingConfiguration,
                                     output: output, startsAtOnce: true)
        try ScreenSession.run { size, capabilities in
            App.digits(model: loaded.map(DrawModel.init(loaded:)), size: size,
                       capabilities: capabilities, training: setup, testData: data.location,
                       first: .train)
        }
    }
}

/// `--hidden 1024,128`. Only the syntax is checked here; the sizes are checked against
/// `TrainingLimits` with the rest of the configuration, whose message says what is allowed.
struct HiddenSizes: ExpressibleByArgument {
    let sizes: [Int]

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        let sizes = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, sizes.count == parts.count else { return nil }
        self.sizes = sizes
    }
}

extension Activation: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}
extension LearningRateSchedule: ExpressibleByArgument {}
extension TrainingPreset: ExpressibleByArgument {}
