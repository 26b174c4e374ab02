import DigitsCore

/// Labelling drawings (`s` then a digit, or Enter for "it read right"): each labelled drawing
/// goes to the user's drawn-digit set, one atomic write at a time, and stays in `unsaved`
/// until the runtime says it is on disk, so a failed write loses nothing.
extension DrawScreen {
    mutating func startLabelling() {
        guard canLabel() else { return }
        labelling = true
        note = "Label: press the digit you drew (esc cancels)."
    }

    /// The key after `s`: a digit saves with that label, anything else cancels.
    mutating func label(with key: Key) -> [Effect] {
        labelling = false
        guard case .character(let character) = key, let digit = character.wholeNumberValue,
              (0...9).contains(digit) else {
            note = "Not labelled."
            return []
        }
        return save(label: digit)
    }

    /// Enter: the drawing is the digit the network read.
    mutating func saveAsRead() -> [Effect] {
        guard canLabel() else { return [] }
        guard let prediction else {
            note = "No reading to confirm: s then a digit labels it."
            return []
        }
        return save(label: prediction)
    }

    private mutating func canLabel() -> Bool {
        guard drawingsPath != nil else {
            note = "Labelled drawings are off: start with --drawn FILE."
            return false
        }
        // A stroke the keyboard pen is still drawing belongs to the drawing.
        if pen == .up { finishStroke() }
        let strokes = history.visibleStrokes + (activeStroke.map { [$0] } ?? [])
        guard networkInput != nil, !strokes.isEmpty else {
            note = "Draw a digit first, then s and its digit."
            return false
        }
        // A labelled drawing is one digit (the set format has one label per drawing).
        guard digits.count <= 1 else {
            note = "Several digits: label one at a time (c clears)."
            return false
        }
        // The set format replays strokes of one brush, painting only: anything else would
        // save a picture other than the one the network read.
        guard !strokes.contains(where: \.erasing) else {
            note = "Erased drawings cannot be saved: c, then draw it again."
            return false
        }
        guard Set(strokes.map(\.radius)).count == 1 else {
            note = "One brush size per saved drawing: c, then draw it again."
            return false
        }
        return true
    }

    private mutating func save(label: Int) -> [Effect] {
        liftPen()
        finishStroke()
        let drawing = drawnDigit(label: label)
        unsaved.append(drawing)
        let read = prediction.map { $0 == label ? "read right" : "read as \($0)" } ?? "not read"
        history.record(.clear)
        askedDigit = nil
        redraw()
        countWrong()
        let effects = writeUnsaved()
        note = collectionProblem == nil ? "Saved as \(label), \(read)." : "Kept as \(label) in memory: not saved."
        return effects
    }

    /// Sends what is unsaved to be written, unless a write is under way (its answer sends the
    /// rest) or the file cannot be used.
    mutating func writeUnsaved() -> [Effect] {
        // A write that failed before is tried again: the problem may have been brief (a full disk).
        guard let drawingsPath, saving == 0, !unsaved.isEmpty else { return [] }
        saving = unsaved.count
        return [.saveDrawings(path: drawingsPath, drawings: unsaved)]
    }

    /// The canvas's strokes in the drawn-digit format: the cells under the pointer, the brush
    /// as a share of the default. Erasing strokes have no place in the format and are left out.
    func drawnDigit(label: Int) -> DrawnDigit {
        let geometry = layout.geometry
        let strokes = history.visibleStrokes.filter { !$0.erasing }
        let radius = strokes.first?.radius ?? brushRadius
        let percent = Int((radius / geometry.brushRadius(factor: 1) * 100).rounded())
        return DrawnDigit(
            id: "", label: label, writer: DrawingCollection.writer.name, canvas: geometry.cells,
            terminal: CellSize(columns: layout.predictionBox.maxX, rows: layout.canvasBox.maxY + 1),
            brushPercent: min(max(percent, DrawnDigitSet.brushPercents.lowerBound), DrawnDigitSet.brushPercents.upperBound),
            strokes: strokes.map { stroke in
                // A drag may run past the canvas; the set format keeps points inside it.
                stroke.points.map { point in
                    CellPoint(column: min(max(Int(point.x.rounded(.down)), 0), geometry.cells.columns - 1),
                              row: min(max(Int((point.y / 2).rounded(.down)), 0), geometry.cells.rows - 1))
                }
            })
    }

    mutating func loaded(_ result: Result<DrawnDigitSet?, DrawingCollectionError>) {
        switch result {
        case .success(let set):
            collection = set
            collectionProblem = nil
        case .failure(let error):
            _ = switchToFallback(because: error)
        }
        countWrong()
    }

    /// Gives up `drawingsPath` for the fallback file, if there is one not yet tried. Returns
    /// whether it did; if not, saving stops and drawings stay in memory.
    private mutating func switchToFallback(because error: DrawingCollectionError) -> Bool {
        guard let current = drawingsPath, let fallback = fallbackDrawingsPath, fallback != current else {
            collectionProblem = error.description
            return false
        }
        abandonedDrawings = (current, error.description)
        drawingsPath = fallback
        collection = nil
        note = "Saving drawings to \(fallback.split(separator: "/").last.map(String.init) ?? fallback): \(error.description)"
        return true
    }

    mutating func saved(_ set: DrawnDigitSet, count: Int) -> [Effect] {
        collection = set
        collectionProblem = nil
        unsaved.removeFirst(min(count, unsaved.count))
        saving = 0
        countWrong()
        return writeUnsaved()
    }

    /// The answer to a write sent before saving moved to the fallback file: what it wrote is
    /// on disk there, the rest goes to the file in use now.
    mutating func savedToAbandoned(path: String, count: Int) -> [Effect] {
        guard path == abandonedDrawings?.path else { return [] }
        unsaved.removeFirst(min(count, unsaved.count))
        saving = 0
        return writeUnsaved()
    }

    mutating func saveFailed(_ error: DrawingCollectionError) -> [Effect] {
        saving = 0
        if switchToFallback(because: error) { return writeUnsaved() }
        note = "Not saved: \(error.description). \(unsaved.count) drawing\(unsaved.count == 1 ? "" : "s") kept in memory."
        return []
    }

    /// Replays every labelled drawing through the model: run when the drawings or the model
    /// change, never per mouse move.
    mutating func countWrong() {
        guard let network = model?.network else { wrongCount = 0; return }
        let drawings = (collection?.drawings ?? []) + unsaved
        wrongCount = drawings.count { drawing in
            guard let image = DrawnDigitReplay.image(for: drawing) else { return true }
            let probabilities = network.probabilities(for: image)
            return probabilities.indices.max { probabilities[$0] < probabilities[$1] } != drawing.label
        }
    }

    /// "my drawings: 23, 4 wrong" (read wrong by the model now in use), or why they cannot be saved.
    var drawingsSummary: (String, Bool)? {
        guard drawingsPath != nil else { return nil }
        let count = (collection?.drawings.count ?? 0) + unsaved.count
        if let collectionProblem, !unsaved.isEmpty {
            return ("\(unsaved.count) unsaved: \(collectionProblem)", true)
        }
        guard count > 0 else { return ("s, digit: save it labelled", false) }
        return ("my drawings: \(count), \(wrongCount) wrong", false)
    }
}
