import DigitsCore

extension TrainScreen {
    public func render(into frame: inout Frame, context: ScreenContext) {
        let theme = context.theme
        let layout = TrainLayout(area: context.area)
        renderSettings(into: &frame, box: layout.settingsBox, theme: theme)
        if let run {
            renderProgress(run, into: &frame, box: layout.progressBox, theme: theme)
            renderCharts(run, into: &frame, box: layout.chartBox, theme: theme)
            if let epochsBox = layout.epochsBox { renderEpochs(run, into: &frame, box: epochsBox, theme: theme) }
        } else {
            renderIntro(into: &frame, box: layout.introBox, theme: theme)
            if let epochsBox = layout.epochsBox, epochsBox != layout.weightsBox {
                frame.drawBox(epochsBox, style: theme.border, glyphs: theme.glyphs, title: "Epochs", titleStyle: theme.title)
            }
        }
        if layout.weightsBox != layout.introBox || run != nil {
            renderWeights(into: &frame, layout: layout, theme: theme)
        }
        if let confirmation { renderConfirmation(confirmation, into: &frame, area: context.area, theme: theme) }
    }

    // MARK: Settings

    private func renderSettings(into frame: inout Frame, box: Rect, theme: Theme) {
        let preset = form.matchingPreset
        let title: String
        switch form.start {
        case .newNetwork: title = "Settings" + (preset.map { ": \($0.rawValue) recipe" } ?? ": custom")
        case .drawModel: title = "Settings: from Draw model"
        case .drawModelAndDrawings: title = "Settings: fine-tune"
        }
        frame.drawBox(box, style: theme.border, glyphs: theme.glyphs, title: title, titleStyle: theme.title)
        let inside = box.inset(by: 1)
        let labelWidth = 12
        let valueX = inside.x + 2 + labelWidth + 1
        let valueWidth = inside.maxX - valueX
        let locked = isTraining
        for field in TrainField.allCases {
            let y = inside.y + field.rawValue
            guard y < inside.maxY else { break }
            let selected = field == form.selected && !locked && confirmation == nil
            let hasProblem = form.problem?.field == field
            let marker = hasProblem ? "!" : (selected ? ">" : " ")
            frame.put(marker, x: inside.x, y: y, style: hasProblem ? theme.warning : theme.accent)
            frame.put(field.label, x: inside.x + 2, y: y, style: locked ? theme.dim : theme.text)
            if let edit = form.editing, edit.field == field {
                let shown = Self.tail(edit.text, width: valueWidth - 1, glyphs: theme.glyphs) + "_"
                frame.put(shown, x: valueX, y: y, style: Style(underline: true).bolded())
                continue
            }
            var value = form[field]
            if field.isChoice && selected { value = "‹\(value)›" }
            value = field == .output ? Self.tail(value, width: valueWidth, glyphs: theme.glyphs)
                                     : TextFit.truncate(value, to: valueWidth, glyphs: theme.glyphs)
            let style = hasProblem ? theme.warning : (selected ? theme.text.reversed() : (locked ? theme.dim : theme.text))
            frame.put(value, x: valueX, y: y, style: style)
        }
        let messageTop = inside.y + TrainField.allCases.count
        let rows = inside.maxY - messageTop
        guard rows > 0 else { return }
        let lines: [String]
        let style: Style
        if let problem = form.problem {
            lines = TextFit.wrap(problem.message, width: inside.width)
            style = theme.warning
        } else {
            let base = form.base
            var extra = "\(base.schedule.rawValue) schedule"
            if let start = startDescription { extra = start + " · " + extra }
            if base.weightDecay > 0 { extra += ", decay \(TrainForm.format(base.weightDecay))" }
            lines = TextFit.wrap(extra + (locked ? "" : " · s starts, r recipe"), width: inside.width)
            style = theme.dim
        }
        for (index, line) in lines.prefix(rows).enumerated() {
            frame.put(line, x: inside.x, y: messageTop + index, style: style)
        }
    }

    /// Where the run starts, beside the title's "from Draw model" or "fine-tune": the model
    /// in Draw, or the drawings it learns ("learns my-drawings.json, 23 drawings").
    var startDescription: String? {
        switch form.start {
        case .newNetwork:
            return nil
        case .drawModel:
            return "from \(drawModelName ?? "the model in Draw")"
        case .drawModelAndDrawings:
            guard let drawings else { return "learns my drawings" }
            return "learns \(drawings.fileName), \(drawings.count) drawing\(drawings.count == 1 ? "" : "s")"
        }
    }

    /// The end of `text` when it is too long: paths and typed text matter most at their end.
    static func tail(_ text: String, width: Int, glyphs: Glyphs) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return String(glyphs.ellipsis) + String(text.suffix(width - 1))
    }

    // MARK: Before training

    private func renderIntro(into frame: inout Frame, box: Rect, theme: Theme) {
        frame.drawBox(box, style: theme.border, glyphs: theme.glyphs, title: "Training", titleStyle: theme.title)
        let inside = box.inset(by: 1)
        let width = inside.width - 2
        var lines: [(String, Style)] = []
        if let dataProblem {
            lines.append(("No MNIST data found: nothing to train on.", theme.warning))
            lines.append(("", theme.text))
            for line in TextFit.wrap(dataProblem.replacingOccurrences(of: "No MNIST data found: ", with: ""), width: width) {
                lines.append((line, theme.text))
            }
            lines.append(("", theme.text))
            lines.append(("To get it:  digits download", theme.accent))
            lines.append(("Or use a copy:  digits train --data DIR", theme.accent))
        } else {
            lines.append(("Press s to train with these settings.", theme.accent))
            lines.append(("", theme.text))
            for line in TextFit.wrap("MNIST from \(data.directory).", width: width) { lines.append((line, theme.dim)) }
            let more = "Enter edits a setting, r switches between the fast recipe and the one the shipped model was "
                + "trained with. While it trains you see progress, loss and accuracy per epoch, and what the first "
                + "hidden units learn; space pauses, x stops, w saves, u hands the model to Draw."
            for line in TextFit.wrap(more, width: width) { lines.append((line, theme.dim)) }
        }
        if let note {
            lines.append(("", theme.text))
            for line in TextFit.wrap(note, width: width) { lines.append((line, theme.warning)) }
        }
        for (index, line) in lines.prefix(inside.height).enumerated() {
            frame.put(line.0, x: inside.x + 1, y: inside.y + index, style: line.1, maxWidth: width)
        }
    }

    // MARK: Progress

    private func renderProgress(_ run: TrainingRun, into frame: inout Frame, box: Rect, theme: Theme) {
        let config = run.configuration
        let architecture = ([784] + config.hiddenSizes + [10]).map(String.init).joined(separator: "-")
        frame.drawBox(box, style: theme.border, glyphs: theme.glyphs,
                      title: "Training \(architecture) \(config.activation.rawValue), \(config.optimizer.rawValue)",
                      titleStyle: theme.title)
        let inside = box.inset(by: 1)
        let x = inside.x + 1, width = inside.width - 2
        let labelWidth = 16
        let barWidth = max(4, width - labelWidth - 6)
        let epochsDone = run.epochs.count
        let batch = run.batch
        let currentEpoch = min(run.totalEpochs, batch.map { $0.batch == $0.batches ? $0.epoch : $0.epoch } ?? max(1, epochsDone))
        let epochFraction = Float(run.fractionDone)
        frame.put("Epoch \(currentEpoch) of \(run.totalEpochs)", x: x, y: inside.y, style: theme.text)
        ProbabilityBars.drawBar(into: &frame, x: x + labelWidth, y: inside.y, width: barWidth,
                                value: epochFraction, highlighted: true, theme: theme)
        frame.put(TextFit.padLeft("\(Int((epochFraction * 100).rounded(.down)))%", to: 5),
                  x: x + labelWidth + barWidth, y: inside.y, style: theme.dim)
        let batchFraction = batch.map { Float($0.batch) / Float(max($0.batches, 1)) } ?? 0
        let batchLabel = batch.map { "Batch \($0.batch)/\($0.batches)" }
            ?? "Batch -/\(run.start?.batchesPerEpoch ?? 0)"
        frame.put(batchLabel, x: x, y: inside.y + 1, style: theme.text, maxWidth: labelWidth - 1)
        ProbabilityBars.drawBar(into: &frame, x: x + labelWidth, y: inside.y + 1, width: barWidth,
                                value: batchFraction, highlighted: false, theme: theme)
        frame.put(TextFit.padLeft("\(Int((batchFraction * 100).rounded(.down)))%", to: 5),
                  x: x + labelWidth + barWidth, y: inside.y + 1, style: theme.dim)

        var timing = "elapsed " + TimeText.clock(batch?.elapsed ?? 0)
        timing += " · left " + (run.secondsLeft.map(TimeText.clock) ?? "-")
        if let batch { timing += " · \(TimeText.grouped(Int(batch.samplesPerSecond.rounded()))) samples/s" }
        frame.put(timing, x: x, y: inside.y + 2, style: theme.dim, maxWidth: width)

        var numbers = "loss " + TimeText.loss(batch?.runningLoss ?? run.epochs.last?.loss)
        numbers += "  train " + TimeText.percent(batch?.runningAccuracy ?? run.epochs.last?.trainAccuracy)
        if let last = run.epochs.last(where: { $0.testAccuracy != nil }), let test = last.testAccuracy {
            numbers += "  test " + TimeText.percent(test) + " (ep \(last.epoch))"
        }
        frame.put(numbers, x: x, y: inside.y + 3, style: theme.text, maxWidth: width)

        let (status, statusStyle) = phaseText(run)
        if case .failed = run.phase, note == nil {
            // A run that could not start has no timing, numbers or weights to show: its reason
            // takes those four lines.
            var lines = TextFit.wrap(status, width: width)
            if lines.count > 4 {
                lines = Array(lines.prefix(3))
                    + [TextFit.truncate(lines.dropFirst(3).joined(separator: " "), to: width, glyphs: theme.glyphs)]
            }
            frame.fill(Rect(x: x, y: inside.y + 2, width: width, height: 2))
            for (index, line) in lines.enumerated() {
                frame.put(line, x: x, y: inside.y + 2 + index, style: statusStyle)
            }
            return
        }
        frame.put(TextFit.truncate(status, to: width, glyphs: theme.glyphs), x: x, y: inside.y + 4, style: statusStyle)
        let last: (String, Style)
        if let note {
            last = (note, theme.warning)
        } else if run.network == nil {
            last = ("The first weights to save come at the end of epoch 1.", theme.dim)
        } else if isSaved, let savedPath {
            last = ("Saved as \(savedPath).", theme.dim)
        } else {
            last = ("Not saved: w saves to \(form.output)", theme.warning)
        }
        frame.put(TextFit.truncate(last.0, to: width, glyphs: theme.glyphs), x: x, y: inside.y + 5, style: last.1)
    }

    private func phaseText(_ run: TrainingRun) -> (String, Style) {
        switch run.phase {
        case .loading:
            // Replaying the drawings, varied, takes a while of its own before the first batch.
            if let learnt = run.learnt { return ("Learning \(learnt.count) drawings…", Style(bold: true)) }
            return (run.learnsDrawings ? "Reading MNIST and replaying your drawings…" : "Reading MNIST…", Style(bold: true))
        case .running:
            let rate = run.batch.map { " · learning rate " + String(format: "%.3g", Double($0.learningRate)) } ?? ""
            return ("Training" + rate, Style(bold: true))
        case .paused: return ("Paused: space resumes, x stops.", Style(bold: true, reverse: true))
        case .stopping: return ("Stopping after this batch…", Style(bold: true))
        case .finished(let outcome):
            let accuracy = run.finalTestAccuracy.map { ", test " + TimeText.percent($0) } ?? ""
            switch outcome {
            case .completed(let epochs):
                return ("Done: \(epochs) epoch\(epochs == 1 ? "" : "s")\(accuracy).", Style(bold: true))
            case .cancelled(let epochs):
                return ("Stopped after \(epochs) full epoch\(epochs == 1 ? "" : "s")\(accuracy); weights kept.",
                        Style(bold: true))
            case .diverged: return ("Diverged\(accuracy): \(outcome.message)", Style(bold: true))
            }
        case .failed(let message): return ("Could not train: \(message)", Style(bold: true))
        }
    }

    // MARK: Charts

    private func renderCharts(_ run: TrainingRun, into frame: inout Frame, box: Rect, theme: Theme) {
        frame.drawBox(box, style: theme.border, glyphs: theme.glyphs, title: "Per epoch", titleStyle: theme.title)
        let inside = box.inset(by: 1)
        let half = (inside.width - 3) / 2
        let live = run.isActive ? run.batch.flatMap { batch -> BatchProgress? in
            // The last batch of an epoch is already that epoch's bar.
            batch.epoch > run.epochs.count ? batch : nil
        } : nil
        let loss = EpochChart(title: "loss (train)", values: run.epochs.map(\.loss), live: live?.runningLoss,
                              fromZero: true, format: { TimeText.loss($0) })
        let accuracies = run.epochs.map { $0.testAccuracy ?? $0.trainAccuracy }
        let accuracy = EpochChart(title: "accuracy (test)", values: accuracies, live: live?.runningAccuracy,
                                  fromZero: false, format: { TimeText.percent($0) })
        loss.render(into: &frame, rect: Rect(x: inside.x + 1, y: inside.y, width: half, height: inside.height), theme: theme)
        accuracy.render(into: &frame, rect: Rect(x: inside.x + 2 + half, y: inside.y, width: inside.width - half - 3,
                                                 height: inside.height), theme: theme)
    }

    private func renderEpochs(_ run: TrainingRun, into frame: inout Frame, box: Rect, theme: Theme) {
        frame.drawBox(box, style: theme.border, glyphs: theme.glyphs, title: "Epochs", titleStyle: theme.title)
        let inside = box.inset(by: 1)
        // The header and the rows share one set of column widths; the time column goes when
        // the box is too narrow for it (96 to 119 columns), rather than running over the border.
        let showsTime = inside.width >= 32
        let header = TextFit.padLeft("ep", to: 3) + TextFit.padLeft("loss", to: 8) + TextFit.padLeft("train", to: 7)
            + TextFit.padLeft("test", to: 7) + (showsTime ? TextFit.padLeft("time", to: 7) : "")
        frame.put(header, x: inside.x, y: inside.y, style: theme.dim, maxWidth: inside.width)
        let rows = max(0, inside.height - 1)
        for (index, record) in run.epochs.suffix(rows).enumerated() {
            let line = TextFit.padLeft("\(record.epoch)", to: 3) + TextFit.padLeft(TimeText.loss(record.loss), to: 8)
                + TextFit.padLeft(TimeText.percent(record.trainAccuracy), to: 7)
                + TextFit.padLeft(TimeText.percent(record.testAccuracy), to: 7)
                + (showsTime ? TextFit.padLeft(String(format: "%.1fs", record.seconds), to: 7) : "")
            frame.put(line, x: inside.x, y: inside.y + 1 + index, style: theme.text, maxWidth: inside.width)
        }
    }

    // MARK: Weights

    private func renderWeights(into frame: inout Frame, layout: TrainLayout, theme: Theme) {
        let box = layout.weightsBox
        let epoch = run?.network != nil ? " after epoch \(run?.epochsDone ?? 0)" : ""
        let title = layout.weightSide == 28 ? "First-layer weights of hidden units\(epoch)" : "Unit weights\(epoch)"
        frame.drawBox(box, style: theme.border, glyphs: theme.glyphs, title: title, titleStyle: theme.title)
        let inside = box.inset(by: 1)
        guard let run, run.network != nil else {
            let lines = TextFit.wrap("What the first hidden units look for shows here after each epoch.", width: inside.width - 2)
            for (index, line) in lines.prefix(inside.height).enumerated() {
                frame.put(line, x: inside.x + 1, y: inside.y + index, style: theme.dim)
            }
            return
        }
        let images = (layout.weightSide == 28 ? run.weightImages.full : run.weightImages.small).prefix(layout.weightCount)
        let used = images.count * (layout.weightSide + 1) - 1
        var x = inside.x + max(0, (inside.width - used) / 2)
        for image in images {
            image.render(into: &frame, x: x, y: inside.y, scale: 1, theme: theme, thresholdAllowed: false)
            x += layout.weightSide + 1
        }
    }

    // MARK: Confirmation

    private func renderConfirmation(_ confirmation: Confirmation, into frame: inout Frame, area: Rect, theme: Theme) {
        let lines: [String] = switch confirmation {
        case .quit:
            [isTraining ? "Training is still running and its model is not saved."
                        : "The model trained here is not saved.",
             "y: quit and lose it    w: save it    n: stay"]
        case .discard:
            ["The model trained here is not saved.", "y: start anew and lose it    n: cancel"]
        }
        let width = min(area.width - 4, (lines.map(\.count).max() ?? 0) + 6)
        let box = area.centered(Size(width: width, height: lines.count + 4))
        frame.fill(box)
        frame.drawBox(box, style: theme.warning, glyphs: theme.glyphs,
                      title: confirmation == .quit ? "Quit?" : "Start anew?", titleStyle: theme.warning)
        for (index, line) in lines.enumerated() {
            frame.putCentered(line, in: box.inset(by: 1), y: box.y + 2 + index,
                              style: index == 0 ? theme.warning : theme.text)
        }
    }
}
