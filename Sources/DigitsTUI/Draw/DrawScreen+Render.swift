import DigitsCore

extension DrawScreen {
    public func render(into frame: inout Frame, context: ScreenContext) {
        let theme = context.theme
        renderCanvas(into: &frame, theme: theme)
        if showsInside {
            renderInside(into: &frame, theme: theme)
            return
        }
        renderNetworkView(into: &frame, theme: theme)
        renderInfo(into: &frame, theme: theme)
        frame.drawBox(layout.barsBox, style: theme.border, glyphs: theme.glyphs,
                      title: barsTitle(width: layout.barsBox.width), titleStyle: theme.title)
        ProbabilityBars.render(into: &frame, rect: layout.barsBox.inset(by: 1),
                               probabilities: probabilities, theme: theme, unsure: isNotADigit)
        renderPrediction(into: &frame, theme: theme)
    }

    /// The canvas reduced to one value per screen pixel (the mean of its internal pixels), the
    /// resolution the terminal shows.
    public var screenPixels: PixelImage {
        let width = layout.geometry.screenPixelWidth, height = layout.geometry.screenPixelHeight
        return PixelImage(width: width, height: height, pixels: canvas.preview(columns: width, rows: height))
    }

    private func renderCanvas(into frame: inout Frame, theme: Theme) {
        let area = layout.canvas
        frame.drawBox(layout.canvasBox, style: theme.border, glyphs: theme.glyphs,
                      title: "Canvas", titleStyle: theme.title)
        screenPixels.render(into: &frame, x: area.x, y: area.y, scale: 1, theme: theme,
                            thresholdAllowed: true)
        let blocks = PixelImage.usesBlocks(theme: theme, thresholdAllowed: true)
        if canvas.isEmpty && activeStroke == nil && !showsCursor {
            let hintStyle = blocks && theme.hasGreys
                ? Style(foreground: .indexed(244), background: theme.grey(0)) : theme.dim
            let lines = ["Draw a digit here", "with the mouse,", "or hjkl and p"]
            let first = area.y + (area.height - lines.count) / 2
            for (index, line) in lines.enumerated() {
                frame.putCentered(line, in: area, y: first + index, style: hintStyle)
            }
        }
        if showsCursor { renderCursor(into: &frame, blocks: blocks, theme: theme) }
        let brush = "brush \(brushLevel + 1)/\(BrushSize.factors.count)"
        let penText = switch pen {
        case .up: brush
        case .drawing: "pen down · " + brush
        case .erasing: "eraser down · " + brush
        }
        let label = " \(penText) "
        if label.count + 4 <= layout.canvasBox.width {
            frame.put(label, x: layout.canvasBox.maxX - 2 - label.count, y: layout.canvasBox.maxY - 1,
                      style: pen == .up ? theme.dim : theme.warning)
        }
    }

    /// Marks the cursor's pixel (half a cell) in the cursor colour.
    private func renderCursor(into frame: inout Frame, blocks: Bool, theme: Theme) {
        let column = layout.canvas.x + cursor.x
        let row = layout.canvas.y + cursor.y / 2
        let upper = cursor.y % 2 == 0
        var cell = frame[column, row]
        if blocks {
            let colour = pen == .erasing ? theme.grey(0.5) : theme.cursor
            if cell.character == "▀" {
                if upper { cell.style.foreground = colour } else { cell.style.background = colour }
            } else {
                cell = Cell(upper ? "▀" : "▄", style: Style(foreground: colour, background: cell.style.background))
            }
        } else {
            cell = Cell("+", style: Style(bold: true, reverse: true))
        }
        frame[column, row] = cell
    }

    private func renderNetworkView(into frame: inout Frame, theme: Theme) {
        let title = digits.count > 1
            ? Self.fitting(["Network sees digit \(shownDigit + 1) of \(digits.count)",
                            "Digit \(shownDigit + 1) of \(digits.count)"], width: layout.networkBox.width)
            : "What the network sees"
        frame.drawBox(layout.networkBox, style: theme.border, glyphs: theme.glyphs,
                      title: title, titleStyle: theme.title)
        let image = PixelImage(width: 28, height: 28,
                               pixels: networkInput ?? [Float](repeating: 0, count: 28 * 28))
        image.render(into: &frame, x: layout.network.x, y: layout.network.y,
                     scale: layout.networkScale, theme: theme, thresholdAllowed: false)
    }

    private func renderInfo(into frame: inout Frame, theme: Theme) {
        let box = layout.infoBox
        frame.drawBox(box, style: theme.border, glyphs: theme.glyphs, title: "Model", titleStyle: theme.title)
        let inside = box.inset(by: 1)
        var lines: [(String, Style)] = []
        // Most telling first, so a short box (4 rows at 80x24) keeps the note of the last
        // action and the drawings count, and gives up the recorded accuracy.
        if let model {
            lines.append((model.name, theme.text))
            lines.append((model.summary, theme.dim))
        } else {
            lines.append(("No model loaded.", theme.warning))
            lines.append((modelProblem ?? "Use --model FILE.", theme.dim))
        }
        if let note {
            lines.append((note, theme.warning))
        } else if probabilities == nil && model != nil {
            lines.append(("Bars follow as you draw.", theme.dim))
        }
        if let (summary, isProblem) = drawingsSummary {
            lines.append((summary, isProblem ? theme.warning : theme.dim))
        }
        if let accuracy = model?.accuracyText { lines.append((accuracy, theme.dim)) }
        // Tall terminals have room for a reminder of the main keys.
        let reminders = [("Keys", theme.title), ("drag: draw    right-drag: erase", theme.dim),
                         ("hjkl: move    space: paint    p: pen", theme.dim),
                         ("u: undo    r: redo    c: clear", theme.dim),
                         ("[ ]: brush size    ?: all keys", theme.dim)]
        if inside.height >= lines.count + reminders.count + 2 {
            lines += [("", theme.text)] + reminders
        }
        for (index, line) in lines.prefix(inside.height).enumerated() {
            frame.put(TextFit.truncate(line.0, to: inside.width - 1, glyphs: theme.glyphs),
                      x: inside.x + 1, y: inside.y + index, style: line.1)
        }
    }

    /// The bars' title: which digit they are for when the drawing reads as several.
    func barsTitle(width: Int) -> String {
        guard digits.count > 1 else { return "Probabilities" }
        let which = "digit \(shownDigit + 1) of \(digits.count)"
        return Self.fitting(["Probabilities · " + which, "Digit \(shownDigit + 1) of \(digits.count)",
                             "\(shownDigit + 1)/\(digits.count)"], width: width)
    }

    /// The first title that fits a box `width` cells wide (with its border and spaces).
    static func fitting(_ titles: [String], width: Int) -> String {
        titles.first { $0.count + 4 <= width } ?? titles.last ?? ""
    }

    private func renderPrediction(into frame: inout Frame, theme: Theme) {
        let box = layout.predictionBox
        // A number says what it reads in the title too, as text a screen reader or a test can find.
        let title = reading.map { readings.count > 1 ? Self.fitting(["Reads \($0)", $0], width: box.width) : "Prediction" }
            ?? "Prediction"
        frame.drawBox(box, style: theme.border, glyphs: theme.glyphs, title: title, titleStyle: theme.title)
        let inside = box.inset(by: 1)
        if readings.count > 1 {
            // A number: every digit and how sure, the one the bars show in the accent colour.
            let view = NumberReadingView(
                digits: readings.map { NumberReadingView.Digit(value: $0.prediction, confidence: $0.confidence) },
                shown: shownDigit)
            view.render(into: &frame, area: inside, maxScale: layout.fontScale, theme: theme)
            return
        }
        guard let prediction, let probabilities else {
            let message = model == nil ? "no model" : "draw a digit"
            frame.putCentered(message, in: inside, y: inside.y + inside.height / 2, style: theme.dim)
            return
        }
        let glyph = BigDigit.size(scale: layout.fontScale)
        let sure = ProbabilityBars.percentage(probabilities[prediction], tenths: true)
        var caption = [inside.width >= 16 ? "\(sure) sure" : sure]
        var showsDigit = true
        if isNotADigit {
            // The note, then the best guess; the guess's big digit (dimmed) only where it all fits.
            let guess = "best guess \(prediction), \(sure)"
            caption = TextFit.wrap(RejectionRule.message, width: inside.width)
                + [guess.count <= inside.width ? guess : "\(prediction)? \(sure)"]
            showsDigit = glyph.height + caption.count <= inside.height
        }
        let height = (showsDigit ? glyph.height : 0) + caption.count
        let top = inside.y + max(0, (inside.height - height) / 2)
        if showsDigit {
            BigDigit.render(prediction, into: &frame, x: inside.x + (inside.width - glyph.width) / 2, y: top,
                            scale: layout.fontScale, style: isNotADigit ? theme.dim : theme.accent, glyphs: theme.glyphs)
        }
        for (index, line) in caption.enumerated() {
            var y = top + (showsDigit ? glyph.height : 0) + index
            // A sure reading's one caption line always shows, on the last row if need be.
            if !isNotADigit { y = min(y, inside.maxY - 1) } else if y >= inside.maxY { break }
            let style = !isNotADigit ? theme.text : (index < caption.count - 1 ? theme.warning : theme.dim)
            frame.putCentered(line, in: inside, y: y, style: style)
        }
    }
}
