import ArgumentParser
import DigitsCore
import Foundation

/// `digits tune`: k-fold cross-validation over hidden sizes.
struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Choose a hidden size by k-fold cross-validation on the training set.",
        discussion: """
            Each candidate is trained --folds times, each time on all folds but one, and \
            validated on the fold left out; the table gives the mean and spread of the \
            validation accuracy. The test set is not used. Candidates are hidden-layer lists \
            separated by spaces or semicolons: --hidden 10,32,64,128 tries four one-layer sizes; \
            --hidden "256,128;512" tries two architectures.
            """)

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Candidate hidden sizes: 10,32,64,128 for single layers; use ';' between multi-layer candidates.", valueName: "sizes"))
    var hidden: String = "10,32,64,128"

    @Option(help: "Number of folds, \(TrainingLimits.folds.allowed).")
    var folds: Int = TrainingLimits.folds.defaultValue

    @Option(help: "Epochs per fold, \(TrainingLimits.epochs.allowed).")
    var epochs: Int = 3

    @Option(help: "Use only the first N training images (faster, noisier).")
    var limit: Int?

    @Option(help: "Optimizer: gd, sgd, momentum or adam.")
    var optimizer: OptimizerKind = .momentum

    @Option(name: .customLong("lr"), help: "Learning rate, \(TrainingLimits.learningRate.allowed).")
    var learningRate: Float = 0.05

    @Option(help: "Examples per step, \(TrainingLimits.batchSize.allowed).")
    var batchSize: Int = 128

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Flag(help: "Print one JSON object per candidate on stdout.")
    var json = false

    var candidates: [[Int]]? {
        let text = hidden.trimmingCharacters(in: .whitespaces)
        let groups: [Substring] = text.contains(";") ? text.split(separator: ";") : text.split(separator: ",")
        var result: [[Int]] = []
        for group in groups {
            // Only the syntax here: `validate` checks each candidate against TrainingLimits.
            let sizes = group.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !sizes.isEmpty, sizes.count == group.split(separator: ",").count else { return nil }
            result.append(sizes)
        }
        return result.isEmpty ? nil : result
    }

    var base: TrainingConfiguration {
        TrainingConfiguration(hiddenSizes: [1], optimizer: optimizer, learningRate: learningRate,
                              batchSize: batchSize, epochs: epochs, seed: seed, schedule: .cosine)
    }

    func validate() throws {
        guard candidates != nil else { throw ValidationError("--hidden: expected sizes like 10,32,64,128, got '\(hidden)'") }
        if let limit, limit < folds { throw ValidationError("--limit must be at least --folds") }
        do throws(TrainingError) {
            _ = try CrossValidation(base: base, folds: folds)
            // Each candidate now, not after the data has loaded and earlier candidates trained.
            for hidden in candidates ?? [] {
                var config = base
                config.hiddenSizes = hidden
                try config.validate()
            }
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let training: Dataset
        do {
            let full = try data.location.loadTrain()
            training = limit.map { full.subset(0..<min($0, full.count)) } ?? full
        } catch {
            StandardError.fail(error.description)
            throw ExitCode.failure
        }
        let control = TrainingControl()
        let interrupt = InterruptHandler { control.stop() }
        defer { interrupt.cancel() }
        let validation = try CrossValidation(base: base, folds: folds)
        StandardError.write("\(folds)-fold cross-validation on \(training.count) training images, \(epochs) epochs per fold\n")
        let results = try validation.run(candidates: candidates ?? [], on: training, control: control) { p in
            StandardError.write(String(format: "  hidden %@ fold %d/%d: %.2f%%\n",
                                       p.hiddenSizes.map(String.init).joined(separator: ","),
                                       p.fold, p.folds, p.accuracy * 100))
        }
        let best = results.max { $0.mean < $1.mean }
        if json {
            for result in results {
                JSONLine.print(["hidden": result.hiddenSizes, "mean": Double(result.mean),
                                "std": Double(result.standardDeviation),
                                "folds": result.accuracies.map { Double($0) }])
            }
        } else {
            print("hidden        mean acc   spread (sd)   folds")
            // String(format:) does not pad %@, so the name column is padded by hand.
            for result in results {
                let name = result.hiddenSizes.map(String.init).joined(separator: ",")
                let marker = result.hiddenSizes == best?.hiddenSizes ? "  <- best" : ""
                let column = name.count >= 12 ? name : name + String(repeating: " ", count: 12 - name.count)
                print(column + String(format: "  %7.2f%%   %6.2f%%       %d", result.mean * 100,
                                      result.standardDeviation * 100, result.accuracies.count) + marker)
            }
        }
        if control.isStopped { throw ExitCode(130) }
    }
}
