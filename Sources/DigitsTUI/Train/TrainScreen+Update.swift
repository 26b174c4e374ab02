import DigitsCore

extension TrainScreen {
    public mutating func update(_ event: Event, context: ScreenContext) -> [Effect] {
        switch event {
        case .key(let key):
            return handle(key)
        case .terminate:
            return rescue()
        case .rescued(let id, let path) where id == run?.id:
            isRescuing = false
            let what = run.flatMap { run in
                run.network.map { "\($0.architecture), \(run.epochsDone) complete epoch\(run.epochsDone == 1 ? "" : "s")" }
            }
            exitNotes.append("the model trained so far (\(what ?? "unknown")) is saved in \(path)")
            return [.quit]
        case .drawModelChanged(let model):
            drawModel = model
            if form.startsFromDrawModel && !isTraining { startFromDrawModel() }
        case .drawingsLoaded(let path, .success(let set)):
            drawings = DrawingsOnFile(path: path, count: set?.drawings.count ?? 0)
        case .drawingsSaved(let path, let set, _):
            drawings = DrawingsOnFile(path: path, count: set.drawings.count)
        case .learningDrawings(let id, let learnt) where id == run?.id:
            run?.learnt = learnt
            note = "Learning \(learnt.count) drawing\(learnt.count == 1 ? "" : "s"), each replayed \(learnt.variantsPerDrawing) times."
        case .dataChecked(let location, let missing) where location == data:
            return dataChecked(missing: missing)
        case .training(let id, let event) where id == run?.id:
            receive(event)
        case .trainingEnded(let id, let outcome, let network, let accuracy) where id == run?.id:
            return ended(outcome, network: network, testAccuracy: accuracy)
        case .trainingFailed(let id, let message) where id == run?.id:
            return failed(message)
        case .saved(let id, let path, let revision) where id == run?.id:
            return saved(path: path, revision: revision)
        case .saveFailed(let id, let message) where id == run?.id:
            note = "Not saved: \(message)"
            if isRescuing {
                isRescuing = false
                exitNotes.append("the model trained so far could not be saved: \(message)")
                return [.quit]
            }
        default:
            // Mouse, resizes, the end, other screens' answers, and reports from a run the user
            // already left behind.
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
            if isTraining { return togglePause() }
            changeSelected(by: 1)
        case .enter:
            if isTraining {
                note = "The settings are fixed while training runs."
            } else if form.selected.isChoice {
                changeSelected(by: 1)
            } else if !architectureIsFixed(form.selected) {
                form.beginEditing()
            }
        case .left, .character("h"):
            changeSelected(by: -1)
        case .right, .character("l"):
            changeSelected(by: 1)
        case .character("r"):
            guard !isTraining else { note = "The settings are fixed while training runs."; break }
            let next: TrainingPreset = form.matchingPreset == .fast ? .shipped : .fast
            // A recipe is for a new network: it replaces the model's architecture too.
            form.apply(next)
            note = next == .fast ? "Fast recipe: 98% in seconds." : "The shipped model's recipe: slow, about 99.3%."
        case .character("s"):
            return startTraining()
        case .character("m"):
            cycleStart()
        case .character("x"):
            return stop()
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
        guard !isTraining, !architectureIsFixed(form.selected) else { return }
        if form.selected.isChoice {
            form.cycle(form.selected, by: step)
        } else if step > 0 {
            form.beginEditing()
        }
    }

    /// Whether `field` is part of the architecture a run from the Draw model keeps (and says so).
    private mutating func architectureIsFixed(_ field: TrainField) -> Bool {
        guard form.startsFromDrawModel, field == .hiddenSizes || field == .activation else { return false }
        note = "The architecture is the Draw model's; start from new to change it."
        return true
    }

    /// Steps where the run starts: a new network, the Draw model, the Draw model taught the
    /// user's drawings, and back. Starting from the model takes its architecture; learning
    /// drawings needs drawings and a model, and brings the gentle fine-tuning recipe
    /// (`FineTuning.configuration`).
    mutating func cycleStart() {
        guard !isTraining else {
            note = "The settings are fixed while training runs."
            return
        }
        switch form.start {
        case .newNetwork:
            form.start = .drawModel
            startFromDrawModel()
        case .drawModel:
            guard let drawings, drawings.count > 0 else {
                form.start = .newNetwork
                note = "A new network. (To teach the model your handwriting, label drawings on the Draw screen: s then a digit.)"
                return
            }
            guard let drawModel else {
                form.start = .newNetwork
                return
            }
            form.apply(FineTuning.configuration(for: drawModel.network), keepingStart: true)
            form.start = .drawModelAndDrawings
            note = "Teaches \(drawModel.name) \(drawings.fileName), \(drawings.count) drawing\(drawings.count == 1 ? "" : "s"): "
                + "\(form[.epochs]) gentle epochs with MNIST."
        case .drawModelAndDrawings:
            form.start = .newNetwork
            note = "A new network of the form's shape."
        }
    }

    /// Points the form at the Draw model: its architecture replaces the form's.
    mutating func startFromDrawModel() {
        guard let drawModel else {
            form.start = .newNetwork
            note = "Draw has no model to start from."
            return
        }
        form.setArchitecture(of: drawModel.network)
        note = "Continues training \(drawModel.name) (\(drawModel.network.architecture))."
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
                guard isTraining, let run else { return [.quit] }
                // Quit once the trainer has stopped, so the run ends with its weights reported
                // rather than cut off inside a batch. A stop lands within one batch.
                quitsWhenStopped = true
                note = "Stopping training, then quitting…"
                return [.stopTraining(run: run.id)]
            case .discard:
                unsavedAccepted = true
                return startTraining()
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

    /// Starts a run with the form's settings, unless something is wrong with them or the data:
    /// the data is looked for again first (it may have been downloaded since the screen
    /// opened), and the run begins with the answer.
    mutating func startTraining() -> [Effect] {
        guard !isTraining else {
            note = "Training is already running."
            return []
        }
        guard form.configuration() != nil else {
            note = "Fix the field marked ! first."
            return []
        }
        if hasUnsavedWork && confirmation == nil {
            confirmation = .discard
            return []
        }
        startsWhenDataFound = true
        return [.checkData(data)]
    }

    /// The answer to a data check: say where the data was looked for, and begin the run that
    /// waited for it.
    private mutating func dataChecked(missing: [String]) -> [Effect] {
        dataProblem = missing.isEmpty ? nil : "No MNIST data found: \(data.lookedIn)."
        guard startsWhenDataFound else { return [] }
        startsWhenDataFound = false
        guard dataProblem == nil else {
            note = "No data to train on: see where it looked, on the right."
            return []
        }
        guard !isTraining, let configuration = form.configuration() else { return [] }
        var start = TrainingStartPoint.newNetwork
        if form.startsFromDrawModel {
            guard let drawModel else {
                note = "Draw has no model to start from."
                return []
            }
            start = TrainingStartPoint(network: drawModel.network, modelName: drawModel.name,
                                       drawingsPath: form.learnsDrawings ? drawings?.path : nil)
        }
        let id = nextRunID
        nextRunID += 1
        run = TrainingRun(id: id, configuration: configuration, startedFrom: start.modelName,
                          learnsDrawings: start.drawingsPath != nil)
        savedRevision = nil
        savedPath = nil
        unsavedAccepted = false
        note = nil
        return [.startTraining(run: id, configuration: configuration, data: data, from: start)]
    }

    mutating func togglePause() -> [Effect] {
        guard var run, run.isActive else { return [] }
        let effect: Effect
        switch run.phase {
        case .running, .loading:
            run.phase = .paused
            effect = .pauseTraining(run: run.id)
        case .paused:
            run.phase = .running
            effect = .resumeTraining(run: run.id)
        default:
            return []
        }
        self.run = run
        return [effect]
    }

    mutating func stop() -> [Effect] {
        guard var run, run.isActive else {
            note = "No training to stop."
            return []
        }
        run.phase = .stopping
        self.run = run
        note = "Stopping after this batch; the weights so far are kept."
        return [.stopTraining(run: run.id)]
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
        return [.saveModel(SaveRequest(network: network, metadata: metadata(for: run), path: path,
                                       run: run.id, revision: run.revision))]
    }

    /// What the model file records about how the model was made.
    func metadata(for run: TrainingRun) -> ModelMetadata {
        var metadata = ModelMetadata(training: run.configuration, epochs: run.epochsDone,
                                     testAccuracy: run.currentTestAccuracy.map(Double.init), rejectBelow: run.rejectBelow,
                                     dataset: run.learnt == nil ? "mnist" : "mnist+drawn",
                                     madeBy: "digits train (Train screen)")
        if let startedFrom = run.startedFrom { metadata.extras["started_from"] = startedFrom }
        if let learnt = run.learnt { metadata.extras.merge(learnt.metadataExtras) { $1 } }
        return metadata
    }

    /// The latest weights as a model for the Draw screen, named by the file when saved.
    func trainedModel() -> DrawModel? {
        guard let run, let network = run.network else { return nil }
        let name: String
        if isSaved, let savedPath {
            name = savedPath.split(separator: "/").last.map(String.init) ?? savedPath
        } else {
            name = "unsaved \(network.architecture), epoch \(run.epochsDone)"
        }
        return DrawModel(network: network, name: name,
                         testAccuracy: run.currentTestAccuracy.map(Double.init),
                         rejection: run.rejectBelow.map { RejectionRule(threshold: $0) } ?? .fallback)
    }

    mutating func useInDraw() -> [Effect] {
        guard let model = trainedModel() else {
            note = isTraining ? "No weights yet: the first epoch's come at its end." : "Train a model first (s)."
            return []
        }
        note = "Draw now reads with \(model.name)."
        return [.useInDraw(model)]
    }

    // MARK: Answers from the runtime

    private mutating func receive(_ event: TrainingEvent) {
        guard var run else { return }
        let wasPaused = if case .paused = run.phase { true } else { false }
        let wasStopping = if case .stopping = run.phase { true } else { false }
        run.apply(event)
        // A report from before the key was pressed must not undo the pause or stop.
        if wasPaused, run.isActive { run.phase = .paused }
        if wasStopping, run.isActive { run.phase = .stopping }
        self.run = run
    }

    private mutating func ended(_ outcome: TrainingOutcome, network: Network, testAccuracy: Float?) -> [Effect] {
        run?.end(outcome, network: network, testAccuracy: testAccuracy)
        if isRescuing { return rescue() }
        if quitsWhenStopped { return [.quit] }
        // Handing the model to Draw and saving it stay the user's choice: a short trial run
        // should not replace the model Draw reads with, nor overwrite a file.
        note = "Not saved: w saves it to \(form.output); u reads digits on Draw with it."
        return []
    }

    private mutating func failed(_ message: String) -> [Effect] {
        run?.phase = .failed(message)
        // The weights of the last complete epoch, if any, are still worth keeping.
        if isRescuing { return rescue() }
        return quitsWhenStopped ? [.quit] : []
    }

    /// The app is ending without being asked to (a signal, the terminal closed): keep the
    /// weights that quitting would lose. A run still going is stopped first and its final
    /// weights saved when it reports its end; a model already saved, or one the user chose not
    /// to keep (`d`), is left alone.
    private mutating func rescue() -> [Effect] {
        isRescuing = false
        guard let run else { return [] }
        if run.isActive {
            isRescuing = true
            note = "Ending: stopping training to save the weights so far…"
            return [.stopTraining(run: run.id)]
        }
        guard hasUnsavedWork, let network = run.network else { return [] }
        isRescuing = true
        note = "Ending: saving the weights so far…"
        return [.rescueModel(network: network, metadata: metadata(for: run), preferredPath: form.output,
                             run: run.id)]
    }

    private mutating func saved(path: String, revision: Int) -> [Effect] {
        savedRevision = revision
        savedPath = path
        note = "Saved \(path)."
        if let model = trainedModel(), revision == run?.revision {
            return [.useInDraw(model)]
        }
        return []
    }
}
