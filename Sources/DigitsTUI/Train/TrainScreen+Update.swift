import DigitsCore

extension TrainScreen {
    public mutating func update(_ event: Event, context: ScreenContext) -> [Effect] {
        switch event {
        case .key(let key):
            return handle(key)
        case .message(let value):
            if let model = value as? DrawModel {
                drawModelName = model.name
            } else if let message = value as? TrainMessage, message.run == run?.id {
                return receive(message.kind)
            }
        case .tick:
            if startsOnFirstTick {
                startsOnFirstTick = false
                return start()
            }
        case .mouse, .resize, .terminate:
            break
        }
        return []
    }

    // MARK: Keys

    private mutating func handle(_ key: Key) -> [Effect] {
        if let confirmation { return answer(confirmation, with: key) }
        if form.isEditing {
            edit(with: key)
            return []
        }
        note = nil
        switch key {
        case .character("q"):
            // The App hands `q` here only while there is work to lose (`quitNeedsConfirmation`).
            guard hasUnsavedWork else { return [.quit] }
            confirmation = .quit
            return []
        case .up, .character("k"):
            form.moveSelection(by: -1)
        case .down, .character("j"):
            form.moveSelection(by: 1)
        case .character(" "):
            if isTraining { togglePause() } else { changeSelected(by: 1) }
        case .enter:
            if !isTraining { form.beginEditing() } else { note = "The settings are fixed while training runs." }
        case .left, .character("h"):
            changeSelected(by: -1)
        case .right, .character("l"):
            changeSelected(by: 1)
        case .character("r"):
            guard !isTraining else { note = "The settings are fixed while training runs."; break }
            let next: TrainingPreset = form.matchingPreset == .fast ? .shipped : .fast
            form.apply(next)
            note = next == .fast ? "Fast recipe: 98% in seconds." : "The shipped model's recipe: slow, about 99.3%."
        case .character("s"):
            return start()
        case .character("x"):
            stop()
        case .character("w"):
            return save()
        case .character("u"):
            return useInDraw()
        case .character("d"):
            if hasUnsavedWork && !isTraining {
                unsavedAccepted = true
                note = "Kept in memory only; w still saves it."
            }
        default:
            break
        }
        return []
    }

    private mutating func changeSelected(by step: Int) {
        guard !isTraining else { return }
        if form.selected.isChoice {
            form.cycle(form.selected, by: step)
        } else if step > 0 {
            form.beginEditing()
        }
    }

    private mutating func edit(with key: Key) {
        switch key {
        case .character(let character):
            form.type(character)
        case .backspace, .delete:
            form.deleteBackward()
        case .enter:
            form.commitEditing()
        case .tab, .down:
            if form.commitEditing() { form.moveSelection(by: 1) }
        case .backTab, .up:
            if form.commitEditing() { form.moveSelection(by: -1) }
        case .escape:
            form.cancelEditing()
        default:
            break
        }
    }

    private mutating func answer(_ question: Confirmation, with key: Key) -> [Effect] {
        switch key {
        case .character("y"), .character("Y"):
            confirmation = nil
            switch question {
            case .quit:
                guard isTraining, let control else { return [.quit] }
                // Quit once the trainer has stopped: exiting while it is inside OpenBLAS can
                // hang the process (see BackgroundTraining). A stop lands within one batch.
                control.stop()
                quitsWhenStopped = true
                note = "Stopping training, then quitting…"
                return []
            case .discard:
                unsavedAccepted = true
                return start()
            }
        case .character("w") where question == .quit:
            confirmation = nil
            return save()
        case .character("n"), .character("N"), .escape, .character("q"):
            confirmation = nil
            note = nil
        default:
            break
        }
        return []
    }

    // MARK: Actions

    /// Starts a run with the form's settings, unless something is wrong with them or the data.
    mutating func start() -> [Effect] {
        guard !isTraining else {
            note = "Training is already running."
            return []
        }
        guard let configuration = form.configuration() else {
            note = "Fix the field marked ! first."
            return []
        }
        // The data may have been downloaded since the screen opened.
        dataProblem = Self.dataProblem(at: data)
        if dataProblem != nil {
            note = "No data to train on: see where it looked, on the right."
            return []
        }
        if hasUnsavedWork && confirmation == nil {
            confirmation = .discard
            return []
        }
        let id = nextRunID
        nextRunID += 1
        run = TrainingRun(id: id, configuration: configuration)
        let control = TrainingControl()
        self.control = control
        savedRevision = nil
        savedPath = nil
        unsavedAccepted = false
        note = nil
        return [.background(TrainingJob.train(run: id, data: data, configuration: configuration,
                                              control: control))]
    }

    mutating func togglePause() {
        guard let control, var run, run.isActive else { return }
        switch run.phase {
        case .running, .loading:
            control.pause()
            run.phase = .paused
        case .paused:
            control.resume()
            run.phase = .running
        default:
            return
        }
        self.run = run
    }

    mutating func stop() {
        guard let control, var run, run.isActive else {
            note = "No training to stop."
            return
        }
        control.stop()
        run.phase = .stopping
        self.run = run
        note = "Stopping after this batch; the weights so far are kept."
    }

    /// Writes the latest weights to the form's file, on a background thread.
    mutating func save() -> [Effect] {
        guard let run, let network = run.network else {
            note = isTraining ? "Nothing to save until the first epoch ends." : "Train a model first (s)."
            return []
        }
        if let problem = TrainField.output.problem(with: form[.output]) {
            note = problem
            return []
        }
        let path = form.output
        note = "Saving to \(path)…"
        return [.background(TrainingJob.save(network, metadata: metadata(for: run), to: path,
                                             run: run.id, revision: run.revision))]
    }

    /// What the model file records about how the model was made.
    func metadata(for run: TrainingRun) -> ModelMetadata {
        ModelMetadata(training: run.configuration, epochs: run.epochsDone,
                      testAccuracy: run.currentTestAccuracy.map(Double.init),
                      madeBy: "digits train (Train screen)")
    }

    /// The latest weights as a model for the Draw screen, named by the file when saved.
    func drawModel() -> DrawModel? {
        guard let run, let network = run.network else { return nil }
        let name: String
        if isSaved, let savedPath {
            name = savedPath.split(separator: "/").last.map(String.init) ?? savedPath
        } else {
            name = "unsaved \(network.architecture), epoch \(run.epochsDone)"
        }
        return DrawModel(network: network, name: name,
                         testAccuracy: run.currentTestAccuracy.map(Double.init))
    }

    mutating func useInDraw() -> [Effect] {
        guard let model = drawModel() else {
            note = isTraining ? "No weights yet: the first epoch's come at its end." : "Train a model first (s)."
            return []
        }
        note = "Draw now reads with \(model.name)."
        return [.background(TrainingJob.use(model))]
    }

    // MARK: Reports from the background

    private mutating func receive(_ kind: TrainMessage.Kind) -> [Effect] {
        guard var run else { return [] }
        switch kind {
        case .event(let event):
            let wasPaused = if case .paused = run.phase { true } else { false }
            let wasStopping = if case .stopping = run.phase { true } else { false }
            run.apply(event)
            // A report from before the key was pressed must not undo the pause or stop.
            if wasPaused, run.isActive { run.phase = .paused }
            if wasStopping, run.isActive { run.phase = .stopping }
            self.run = run
        case .ended(let outcome, let network, let accuracy):
            run.end(outcome, network: network, testAccuracy: accuracy)
            self.run = run
            control = nil
            if quitsWhenStopped { return [.quit] }
            // Handing the model to Draw and saving it stay the user's choice: a short trial run
            // should not replace the model Draw reads with, nor overwrite a file.
            note = "Not saved: w saves it to \(form.output); u reads digits on Draw with it."
        case .failed(let message):
            run.phase = .failed(message)
            self.run = run
            control = nil
            if quitsWhenStopped { return [.quit] }
        case .saved(let path, let revision):
            savedRevision = revision
            savedPath = path
            note = "Saved \(path)."
            if let model = drawModel(), revision == run.revision {
                return [.background(TrainingJob.use(model))]
            }
        case .saveFailed(let message):
            note = "Not saved: \(message)"
        }
        return []
    }
}
