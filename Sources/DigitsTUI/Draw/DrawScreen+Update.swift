import DigitsCore

extension DrawScreen {
    public mutating func update(_ event: Event, context: ScreenContext) -> [Effect] {
        switch event {
        case .resize(let size):
            relayout(for: size)
        case .key(let key):
            return handle(key)
        case .mouse(let mouse):
            handle(mouse)
        case .drawModelChanged(let model):
            // The Train screen handed over a model.
            use(model)
        case .drawingsLoaded(let path, let result):
            guard path == drawingsPath else { break }
            loaded(result)
        case .drawingsSaved(let path, let set, let count):
            guard path == drawingsPath else { return savedToAbandoned(path: path, count: count) }
            return saved(set, count: count)
        case .drawingsSaveFailed(let path, let error):
            guard path == drawingsPath else { return savedToAbandoned(path: path, count: 0) }
            return saveFailed(error)
        case .terminate:
            // A signal: one last try at writing what is labelled and not yet on disk.
            return writeUnsaved()
        case .dataChecked, .training, .learningDrawings, .trainingEnded, .trainingFailed, .saved,
             .saveFailed, .rescued, .evaluated:
            break
        }
        return []
    }

    /// Reads the drawing with `model` from now on.
    public mutating func use(_ model: DrawModel) {
        self.model = model
        modelProblem = nil
        // Read by the old model: nothing of them may be reused.
        readings = []
        note = "Now reading with \(model.name)."
        recognize()
        countWrong()
    }

    // MARK: Keyboard

    private mutating func handle(_ key: Key) -> [Effect] {
        if labelling { return label(with: key) }
        note = nil
        switch key {
        case .left, .character("h"): moveCursor(dx: -1, dy: 0)
        case .right, .character("l"): moveCursor(dx: 1, dy: 0)
        case .up, .character("k"): moveCursor(dx: 0, dy: -1)
        case .down, .character("j"): moveCursor(dx: 0, dy: 1)
        case .shiftLeft, .character("H"): moveCursor(dx: -4, dy: 0)
        case .shiftRight, .character("L"): moveCursor(dx: 4, dy: 0)
        case .shiftUp, .character("K"): moveCursor(dx: 0, dy: -4)
        case .shiftDown, .character("J"): moveCursor(dx: 0, dy: 4)
        case .character(" "): paintDot(erasing: false)
        case .character("x"): paintDot(erasing: true)
        case .character("p"): togglePen(.drawing)
        case .character("e"): togglePen(.erasing)
        case .escape: liftPen()
        case .character("c"), .delete, .backspace: clear()
        case .character("u"), .control("z"): undo()
        case .character("r"), .control("r"), .control("y"): redo()
        case .character("["), .character("-"): changeBrush(by: -1)
        case .character("]"), .character("+"), .character("="): changeBrush(by: 1)
        case .character("i"): toggleInside()
        case .character(","): askAboutDigit(step: -1)
        case .character("."): askAboutDigit(step: 1)
        case .character("s"): startLabelling()
        case .enter: return saveAsRead()
        default: break
        }
        return []
    }

    private mutating func toggleInside() {
        showsInside.toggle()
        askedDigit = nil
        readings = []
        recognize()
    }

    /// Moves the inside view's explanation to the next digit down or up, wrapping round.
    private mutating func askAboutDigit(step: Int) {
        guard showsInside else {
            note = "Press i for the inside view, then , and . to ask about other digits."
            return
        }
        let current = explanation?.digit ?? askedDigit ?? prediction ?? 0
        askedDigit = (current + step + 10) % 10
        recognize()
    }

    private mutating func moveCursor(dx: Int, dy: Int) {
        showsCursor = true
        let moved = CursorPosition(x: min(max(cursor.x + dx, 0), layout.geometry.screenPixelWidth - 1),
                                   y: min(max(cursor.y + dy, 0), layout.geometry.screenPixelHeight - 1))
        guard moved != cursor else { return }
        if pen != .up {
            if activeStroke == nil { begin(at: cursor.centre, erasing: pen == .erasing) }
            cursor = moved
            extend(to: moved.centre)
        } else {
            cursor = moved
            followPointer()
        }
    }

    private mutating func paintDot(erasing: Bool) {
        showsCursor = true
        finishStroke()
        begin(at: cursor.centre, erasing: erasing)
        finishStroke()
    }

    private mutating func togglePen(_ mode: Pen) {
        finishStroke()
        if pen == mode {
            pen = .up
        } else {
            pen = mode
            showsCursor = true
            begin(at: cursor.centre, erasing: mode == .erasing)
        }
    }

    mutating func liftPen() {
        finishStroke()
        pen = .up
    }

    private mutating func clear() {
        finishStroke()
        guard !history.visibleStrokes.isEmpty else {
            note = "The canvas is already clear."
            return
        }
        history.record(.clear)
        askedDigit = nil
        redraw()
        note = "Cleared (u brings it back)."
    }

    private mutating func undo() {
        finishStroke()
        guard history.undo() else {
            note = "Nothing to undo."
            return
        }
        redraw()
    }

    private mutating func redo() {
        finishStroke()
        guard history.redo() else {
            note = "Nothing to redo."
            return
        }
        redraw()
    }

    private mutating func changeBrush(by step: Int) {
        let level = min(max(brushLevel + step, 0), BrushSize.factors.count - 1)
        guard level != brushLevel else {
            note = step < 0 ? "Smallest brush." : "Largest brush."
            return
        }
        // A stroke keeps one radius: the pen's line restarts with the new size.
        let penStroke = pen != .up && activeStroke != nil
        finishStroke()
        brushLevel = level
        if penStroke { begin(at: cursor.centre, erasing: pen == .erasing) }
    }

    // MARK: Mouse

    private mutating func handle(_ mouse: MouseEvent) {
        let point = layout.canvasPoint(column: mouse.x, row: mouse.y)
        let inside = layout.canvas.contains(column: mouse.x, row: mouse.y)
        switch (mouse.kind, mouse.button) {
        case (.press, .wheelUp):
            if inside { changeBrush(by: 1) }
        case (.press, .wheelDown):
            if inside { changeBrush(by: -1) }
        case (.press, .middle):
            break
        case (.press, _), (.drag, _):
            if activeStroke == nil || pen != .up {
                guard inside else { return }
                note = nil
                liftPen()
                showsCursor = false
                let erasing = mouse.button == .right || !mouse.modifiers.isDisjoint(with: [.control, .alt])
                begin(at: point, erasing: erasing)
            } else {
                extend(to: point)
            }
            moveCursor(to: point)
        case (.release, _):
            guard activeStroke != nil, pen == .up else { return }
            extend(to: point)
            finishStroke()
            moveCursor(to: point)
        }
    }

    /// Puts the keyboard cursor where the mouse is, so the keyboard can carry on from there.
    private mutating func moveCursor(to point: ScreenPixelPoint) {
        cursor = CursorPosition(x: min(max(Int(point.x), 0), layout.geometry.screenPixelWidth - 1),
                                y: min(max(Int(point.y), 0), layout.geometry.screenPixelHeight - 1))
        followPointer()
    }

    // MARK: Strokes

    private func canvasPoint(_ point: ScreenPixelPoint) -> CanvasPoint {
        layout.geometry.canvasPoint(point)
    }

    private func canvasRadius(_ radius: Float) -> Float {
        layout.geometry.canvasRadius(radius)
    }

    private mutating func begin(at point: ScreenPixelPoint, erasing: Bool) {
        let stroke = Stroke(points: [point], radius: brushRadius, erasing: erasing)
        canvas.dot(at: canvasPoint(point), radius: canvasRadius(stroke.radius), erasing: erasing)
        activeStroke = stroke
        recognize()
    }

    private mutating func extend(to point: ScreenPixelPoint) {
        guard var stroke = activeStroke, let last = stroke.points.last, last != point else { return }
        canvas.stroke(from: canvasPoint(last), to: canvasPoint(point), radius: canvasRadius(stroke.radius),
                      erasing: stroke.erasing)
        stroke.points.append(point)
        activeStroke = stroke
        recognize()
    }

    /// Records the active stroke in the history, making it one undo step.
    mutating func finishStroke() {
        guard let stroke = activeStroke else { return }
        history.record(.stroke(stroke))
        activeStroke = nil
    }

    /// Every visible stroke, the one being drawn last, in internal canvas pixels.
    private var canvasStrokes: [CanvasStroke] {
        (history.visibleStrokes + (activeStroke.map { [$0] } ?? [])).map { stroke in
            CanvasStroke(points: stroke.points.map(canvasPoint), radius: canvasRadius(stroke.radius),
                         erasing: stroke.erasing)
        }
    }

    /// Rebuilds the canvas from the history (after undo, redo, clear or resize).
    mutating func redraw() {
        var fresh = layout.geometry.blankCanvas()
        for stroke in canvasStrokes { fresh.paint(stroke) }
        canvas = fresh
        recognize()
    }

    /// Runs preprocessing and the network on the canvas as it is now: every digit read, the
    /// shown one (under the pointer) explained when the inside view is on.
    mutating func recognize() {
        let known = readings
        digits = canvas.digitImages(strokes: canvasStrokes, reusing: digits)
        shownDigit = digitUnderPointer()
        networkInput = digits.indices.contains(shownDigit) ? digits[shownDigit].image : nil
        explanation = nil
        guard let network = model?.network, network.inputSize == MNISTFormat.side * MNISTFormat.side else {
            readings = []
            probabilities = nil
            return
        }
        if showsInside, let input = networkInput {
            // One forward pass serves both: the explanation's probabilities are the bars'.
            explanation = Explanation(network: network, input: input, digit: askedDigit)
        }
        // While one digit is drawn the others keep their images, and so their readings
        // (`use` and the inside view's switch forget them, so every reading is made one way).
        readings = digits.enumerated().map { index, digit in
            if index == shownDigit, let explanation {
                return DigitReading(digit: digit, probabilities: explanation.probabilities)
            }
            if let same = known.first(where: { $0.digit.image == digit.image }) {
                return DigitReading(digit: digit, probabilities: same.probabilities)
            }
            return DigitReading(digit: digit, probabilities: network.probabilities(for: digit.image))
        }
        probabilities = readings.indices.contains(shownDigit) ? readings[shownDigit].probabilities : nil
    }

    /// The digit whose columns hold the pointer (the keyboard cursor, which follows the mouse):
    /// the one being drawn, or the one moved to.
    private func digitUnderPointer() -> Int {
        let x = layout.geometry.canvasPoint(ScreenPixelPoint(x: Float(cursor.x) + 0.5, y: 0)).x
        let column = Int(x.rounded(.down))
        return digits.firstIndex { $0.columns.contains(column) } ?? (column < 0 ? 0 : max(digits.count - 1, 0))
    }

    /// After the pointer moved without drawing (the keyboard cursor): show the digit now under it.
    mutating func followPointer() {
        guard digits.count > 1 else { return }
        let under = digitUnderPointer()
        if under != shownDigit { recognize() }
    }

    // MARK: Resize

    /// Lays the screen out for `size`. The drawing is kept: scaled uniformly to fit the new
    /// canvas and centred, so what was drawn still reads the same.
    private mutating func relayout(for size: Size) {
        // Below the minimum the screen is not shown; keeping the layout means passing through a
        // tiny window does not shrink the drawing for good.
        guard size.contains(App.minimumSize) else { return }
        let old = layout
        layout = DrawLayout(size: size)
        guard old.geometry.screenPixelWidth != layout.geometry.screenPixelWidth
                || old.geometry.screenPixelHeight != layout.geometry.screenPixelHeight
                || old.geometry.pixelScale != layout.geometry.pixelScale else { return }
        let factor = min(Float(layout.geometry.screenPixelWidth) / Float(max(old.geometry.screenPixelWidth, 1)),
                         Float(layout.geometry.screenPixelHeight) / Float(max(old.geometry.screenPixelHeight, 1)))
        let dx = (Float(layout.geometry.screenPixelWidth) - Float(old.geometry.screenPixelWidth) * factor) / 2
        let dy = (Float(layout.geometry.screenPixelHeight) - Float(old.geometry.screenPixelHeight) * factor) / 2
        history.transform(scale: factor, dx: dx, dy: dy)
        activeStroke = activeStroke?.transformed(scale: factor, dx: dx, dy: dy)
        moveCursor(to: ScreenPixelPoint(x: (Float(cursor.x) + 0.5) * factor + dx,
                                        y: (Float(cursor.y) + 0.5) * factor + dy))
        let hadDrawing = !history.visibleStrokes.isEmpty || activeStroke != nil
        redraw()
        if hadDrawing && factor != 1 { note = "Rescaled to the new size." }
    }
}
