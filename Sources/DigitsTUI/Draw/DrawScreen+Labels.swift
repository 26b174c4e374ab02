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
        guard networkInput != nil, history.visibleStrokes.contains(where: { !$0.erasing }) else {
            note = "Draw a digit first, then s and its digit."
            return false
        }
        return true
    }

    private mutating func save(label: Int) -> [Effect] {
        let drawing = drawnDigit(label: label)
        unsaved.append(drawing)
        let read = prediction.map { $0 == label ? "read right" : "read as \($0)" } ?? "not read"
        finishStroke()
        history.record(.clear)
        askedDigit = nil
        redraw()
        countWrong()
        note = "Saved as \(label), \(read)."
        return writeUnsaved()
    }

    /// Sends what is unsaved to be written, unless a write is under way (its answer sends the
    /// rest) or the file cannot be used.
    mutating func writeUnsaved() -> [Effect] {
        guard let drawingsPath, saving == 0, !unsaved.isEmpty, collectionProblem == nil else { return [] }
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
                stroke.points.map { CellPoint(column: Int($0.x), row: Int($0.y / 2)) }
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
        unsaved.removeFirst(min(count, unsaved.count))
        saving = 0
        countWrong()
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
