import DigitsCore
import Foundation

/// The work the Train screen hands to a background thread: training and saving. Everything
/// reaches the screen as `TrainMessage`s through the poster.
enum TrainingJob {
    /// Fewest seconds between two batch reports. Ten a second is smooth enough for a progress
    /// bar, and keeps the UI thread's share of the CPU small (each report redraws the screen;
    /// at 20 a second the debug build's UI took about 7% of a core away from training).
    static let batchInterval = 0.1

    /// Loads the data, trains, and reports. Batch events are thinned out (the last of each epoch
    /// always goes through); every other event is posted.
    static func train(run: Int, data: DataLocation, configuration: TrainingConfiguration,
                      control: TrainingControl) -> @Sendable (EventPoster) -> Void {
        { poster in
            BackgroundTraining.began(control)
            defer { BackgroundTraining.ended(control) }
            func post(_ kind: TrainMessage.Kind) { poster.post(message: TrainMessage(run: run, kind)) }
            let sets: (train: Dataset, test: Dataset)
            do {
                sets = try data.load()
            } catch {
                post(.failed("\(error)"))
                return
            }
            let trainer = Trainer(configuration: configuration)
            var network: Network
            do {
                network = try trainer.makeNetwork(inputSize: sets.train.pixelsPerImage)
            } catch {
                post(.failed("could not make the network: \(error)"))
                return
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
                        post(.event(event))
                    case .finished:
                        // Reported below with the final weights.
                        break
                    case .started, .epoch:
                        post(.event(event))
                    }
                }
                let accuracy = Trainer.measure(network, on: sets.test).accuracy
                post(.ended(outcome, network: network, testAccuracy: accuracy))
            } catch {
                post(.failed("\(error)"))
            }
        }
    }

    /// Writes `network` to `path` atomically and reports the outcome.
    static func save(_ network: Network, metadata: ModelMetadata, to path: String, run: Int,
                     revision: Int) -> @Sendable (EventPoster) -> Void {
        { poster in
            do {
                try ModelFile.save(network, metadata: metadata, to: path)
                poster.post(message: TrainMessage(run: run, .saved(path: path, revision: revision)))
            } catch {
                poster.post(message: TrainMessage(run: run, .saveFailed("\(error)")))
            }
        }
    }

    /// Hands `model` to the Draw screen (and tells every screen which model Draw uses).
    static func use(_ model: DrawModel) -> @Sendable (EventPoster) -> Void {
        { poster in poster.post(message: model) }
    }
}
