import DigitsCore
import Foundation

/// Shows training progress: a bar redrawn in place on a terminal, a plain line per epoch
/// otherwise, and with --json one object per epoch on stdout.
final class TrainingReporter {
    let json: Bool
    let terminal: Bool
    private(set) var epochsDone = 0
    private(set) var elapsed = 0.0
    private var lastDraw = Date.distantPast
    private let bar = ProgressBar()

    init(json: Bool, terminal: Bool) {
        self.json = json
        self.terminal = terminal
    }

    func report(_ event: TrainingEvent) {
        switch event {
        case .started(let start):
            StandardError.write("training \(start.architecture) on \(start.trainingExamples) images, "
                + "testing on \(start.testExamples); \(describe(start.configuration))\n")
        case .batch(let progress):
            elapsed = progress.elapsed
            // Redraw at most 20 times a second: a bar that flickers faster helps nobody.
            guard terminal, Date().timeIntervalSince(lastDraw) > 0.05 || progress.batch == progress.batches else { return }
            lastDraw = Date()
            let overall = (Double(progress.epoch - 1) + Double(progress.batch) / Double(progress.batches))
                / Double(progress.epochs)
            let left = overall > 0 ? progress.elapsed / overall - progress.elapsed : 0
            StandardError.write(String(format: "\r\u{1B}[Kepoch %d/%d %@ loss %.4f acc %.2f%% %.0fk/s %@ left",
                                       progress.epoch, progress.epochs, bar.bar(overall),
                                       progress.runningLoss, progress.runningAccuracy * 100,
                                       progress.samplesPerSecond / 1000, Self.duration(left)))
        case .epoch(let summary):
            epochsDone = summary.epoch
            elapsed = summary.elapsed
            if terminal { StandardError.write("\r\u{1B}[K") }
            let test = summary.testAccuracy.map { String(format: " test %.2f%%", $0 * 100) } ?? ""
            StandardError.write(String(format: "epoch %d/%d loss %.4f train %.2f%%%@ %.2f s\n",
                                       summary.epoch, summary.epochs, summary.loss,
                                       summary.trainAccuracy * 100, test, summary.seconds))
            if json {
                var object: [String: Any] = [
                    "epoch": summary.epoch, "epochs": summary.epochs,
                    "loss": Double(summary.loss), "train_accuracy": Double(summary.trainAccuracy),
                    "seconds": summary.seconds, "elapsed": summary.elapsed,
                    "samples_per_second": summary.samplesPerSecond,
                    "learning_rate": Double(summary.learningRate),
                ]
                object["test_accuracy"] = summary.testAccuracy.map { Double($0) }
                object["test_loss"] = summary.testLoss.map { Double($0) }
                JSONLine.print(object)
            }
        case .finished(let outcome):
            if terminal { StandardError.write("\r\u{1B}[K") }
            if case .diverged(let why) = outcome { StandardError.fail(why) }
        }
    }

    private func describe(_ c: TrainingConfiguration) -> String {
        var parts = ["\(c.activation.rawValue)", "\(c.optimizer.rawValue) lr \(c.learningRate)"]
        if c.optimizer != .gd { parts.append("batch \(c.batchSize)") }
        parts.append("\(c.epochs) epochs")
        if c.schedule != .constant { parts.append("\(c.schedule.rawValue) schedule") }
        if c.weightDecay > 0 { parts.append("weight decay \(c.weightDecay)") }
        if c.augmentation != nil { parts.append("augmented") }
        if c.negatives > 0 { parts.append("\(Int((c.negatives * 100).rounded()))% negatives") }
        parts.append("seed \(c.seed)")
        return parts.joined(separator: ", ")
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "--" }
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}
