import DigitsCore
import DigitsTUI
import Foundation

/// The work behind the Train screen's effects: training and saving, run by the `EffectRunner`
/// on its threads. Results reach the screen as events tagged with the run.
enum TrainingJob {
    /// Fewest seconds between two batch reports. Ten a second is smooth enough for a progress
    /// bar, and keeps the UI thread's share of the CPU small (each report redraws the screen;
    /// at 20 a second the debug build's UI took about 7% of a core away from training).
    static let batchInterval = 0.1

    /// Loads the data, trains (a new network, or continuing from `start`'s, learning its
    /// drawings when it names some), and reports. Batch events are thinned out (the last of
    /// each epoch always goes through); every other event is posted.
    static func train(run: Int, data: DataLocation, configuration: TrainingConfiguration,
                      from start: TrainingStartPoint = .newNetwork,
                      control: TrainingControl, workers: Int, poster: EventPoster) {
        var sets: (train: Dataset, test: Dataset)
        do {
            sets = try data.load()
        } catch {
            poster.post(.trainingFailed(run: run, "\(error)"))
            return
        }
        var trainer = Trainer(configuration: configuration)
        trainer.workerCount = workers
        var network: Network
        do {
            network = try start.network ?? trainer.makeNetwork(inputSize: sets.train.pixelsPerImage)
        } catch {
            poster.post(.trainingFailed(run: run, "could not make the network: \(error)"))
            return
        }
        if let path = start.drawingsPath {
            do {
                let loaded = try FineTuning.load(setPath: path, network: network, modelName: start.modelName ?? "the model")
                let prepared = FineTuning.prepare(mnist: sets.train, loaded: loaded, setPath: path, seed: configuration.seed)
                sets.train = prepared.training
                poster.post(.learningDrawings(run: run, prepared.learnt))
            } catch {
                poster.post(.trainingFailed(run: run, error.description))
                return
            }
        }
        var lastPost = Date.distantPast
        do {
            let outcome = try trainer.train(&network, on: sets.train, testingOn: sets.test,
                                            control: control) { event in
                switch event {
                case .batch(let progress):
                    let now = Date()
                    guard progress.batch == progress.batches
                            || now.timeIntervalSince(lastPost) >= batchInterval else { return }
                    lastPost = now
                    poster.post(.training(run: run, event))
                case .finished:
                    // Reported below with the final weights.
                    break
                case .started, .epoch:
                    poster.post(.training(run: run, event))
                }
            }
            let accuracy = try Trainer.measure(network, on: sets.test).accuracy
            poster.post(.trainingEnded(run: run, outcome, network: network, testAccuracy: accuracy))
        } catch {
            poster.post(.trainingFailed(run: run, "\(error)"))
        }
    }

    /// Writes the request's network atomically to its path; the answer says how it went.
    static func save(_ request: SaveRequest) -> Event {
        do {
            try ModelFile.save(request.network, metadata: request.metadata, to: request.path)
            return .saved(run: request.run, path: request.path, revision: request.revision)
        } catch {
            return .saveFailed(run: request.run, "\(error)")
        }
    }
}
