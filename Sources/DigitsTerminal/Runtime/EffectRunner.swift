import DigitsCore
import DigitsTUI
import Foundation

/// Runs the effects that `update` asks for, on threads it owns, and answers with events through
/// the poster, which wakes the event loop.
///
/// It keeps the control of every training run it started, so pausing and stopping are effects
/// like any other, and it counts its threads so that `shutDown` can stop them all and wait:
/// exiting while a thread is inside OpenBLAS can deadlock OpenBLAS's exit-time shutdown (seen
/// on Debian 12: `blas_thread_shutdown_` waits forever for a worker), so the process would
/// never end.
public final class EffectRunner: @unchecked Sendable {
    private let poster: EventPoster
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var controls: [Int: TrainingControl] = [:]
    /// Threads started and not yet finished; guarded by `condition`.
    private var working = 0

    /// Threads each training run splits its first layer across.
    private let trainingWorkers: Int

    /// A runner answering through `poster`. `trainingWorkers` is the machine's choice unless a
    /// test asks for a team of a given size.
    public init(poster: EventPoster, trainingWorkers: Int = Trainer.preferredWorkerCount) {
        self.poster = poster
        self.trainingWorkers = trainingWorkers
    }

    /// Starts `effect`. `.quit` is the loop's to act on and does nothing here; `.useInDraw` is
    /// the App's, and never arrives.
    public func run(_ effect: Effect) {
        switch effect {
        case .quit, .useInDraw:
            break
        case .checkData(let location):
            // A few file look-ups: not worth a thread, and answered before the next frame.
            poster.post(.dataChecked(location, missing: location.missingFiles))
        case .startTraining(let run, let configuration, let data, let start):
            let control = TrainingControl()
            condition.lock()
            controls[run] = control
            condition.unlock()
            spawn { [poster, trainingWorkers] in
                TrainingJob.train(run: run, data: data, configuration: configuration, from: start,
                                  control: control, workers: trainingWorkers, poster: poster)
                self.condition.lock()
                self.controls[run] = nil
                self.condition.unlock()
            }
        case .pauseTraining(let run):
            control(of: run)?.pause()
        case .resumeTraining(let run):
            control(of: run)?.resume()
        case .stopTraining(let run):
            control(of: run)?.stop()
        case .saveModel(let request):
            spawn { [poster] in poster.post(TrainingJob.save(request)) }
        case .rescueModel(let network, let metadata, let preferredPath, let run):
            spawn { [poster] in
                do {
                    let path = try ModelRescue.save(network, metadata: metadata, preferring: preferredPath)
                    poster.post(.rescued(run: run, path: path))
                } catch {
                    poster.post(.saveFailed(run: run, "\(error)"))
                }
            }
        case .loadDrawings(let path):
            spawn { [poster] in
                do throws(DrawingCollectionError) {
                    poster.post(.drawingsLoaded(path: path, .success(try DrawingCollection.load(path: path))))
                } catch {
                    poster.post(.drawingsLoaded(path: path, .failure(error)))
                }
            }
        case .saveDrawings(let path, let drawings):
            spawn { [poster] in
                do throws(DrawingCollectionError) {
                    let set = try DrawingCollection.append(drawings, to: path)
                    poster.post(.drawingsSaved(path: path, set, count: drawings.count))
                } catch {
                    poster.post(.drawingsSaveFailed(path: path, error))
                }
            }
        case .evaluateTestSet(let model, let data, let generation):
            spawn { [poster] in
                poster.post(.evaluated(generation: generation, BrowseData.load(model: model, from: data)))
            }
        }
    }

    /// Asks every training run to stop after its current batch and waits up to `seconds` for
    /// all work (training, saving, evaluating) to end. Returns whether it all did.
    @discardableResult
    public func shutDown(waitingUpTo seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        for control in controls.values { control.stop() }
        while working > 0 {
            if !condition.wait(until: deadline) { break }
        }
        return working == 0
    }

    private func control(of run: Int) -> TrainingControl? {
        condition.lock()
        defer { condition.unlock() }
        return controls[run]
    }

    private func spawn(_ work: @escaping @Sendable () -> Void) {
        condition.lock()
        working += 1
        condition.unlock()
        Thread.detachNewThread {
            work()
            self.condition.lock()
            self.working -= 1
            self.condition.broadcast()
            self.condition.unlock()
        }
    }
}
