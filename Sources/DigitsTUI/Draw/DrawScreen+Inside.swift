import DigitsCore

/// The inside view (key `i`): the evidence map, the bars, and a panel on the layers, how the
/// explained digit's logit is made and the units that make it.
extension DrawScreen {
    /// Where the inside view's panels go.
    public var insideLayout: InsideLayout { InsideLayout(layout) }

    func renderInside(into frame: inout Frame, theme: Theme) {
        let inside = insideLayout
        renderEvidence(into: &frame, layout: inside, theme: theme)
        frame.drawBox(inside.barsBox, style: theme.border, glyphs: theme.glyphs,
                      title: barsTitle(width: inside.barsBox.width), titleStyle: theme.title)
        ProbabilityBars.render(into: &frame, rect: inside.barsBox.inset(by: 1),
                               probabilities: probabilities, theme: theme, unsure: isNotADigit)
        renderUnits(into: &frame, box: inside.unitsBox, theme: theme)
    }

    private func renderEvidence(into frame: inout Frame, layout inside: InsideLayout, theme: Theme) {
        let title: String
        if let explanation {
            title = explanation.digit == explanation.prediction
                ? "Evidence for \(explanation.digit)"
                : "Evidence for \(explanation.digit) (reads \(explanation.prediction))"
        } else {
            title = "Evidence"
        }
        let which = " · digit \(shownDigit + 1) of \(digits.count)"
        let titled = digits.count > 1 ? Self.fitting([title + which, title], width: inside.evidenceBox.width) : title
        frame.drawBox(inside.evidenceBox, style: theme.border, glyphs: theme.glyphs, title: titled,
                      titleStyle: theme.title)
        guard let explanation else { return }
        EvidenceImage(evidence: explanation.evidence, input: explanation.trace.input)
            .render(into: &frame, x: inside.evidence.x, y: inside.evidence.y, scale: inside.evidenceScale,
                    theme: theme)
        let legend = EvidenceImage.legend(theme: theme)
        let length = legend.reduce(0) { $0 + $1.0.count } + 2
        if length + 2 <= inside.evidenceBox.width {
            var column = inside.evidenceBox.x + 2
            column = frame.put(" ", x: column, y: inside.evidenceBox.maxY - 1, style: theme.dim)
            for (text, style) in legend { column = frame.put(text, x: column, y: inside.evidenceBox.maxY - 1, style: style) }
            frame.put(" ", x: column, y: inside.evidenceBox.maxY - 1, style: theme.dim)
        }
    }

    private func renderUnits(into frame: inout Frame, box: Rect, theme: Theme) {
        let title = model.map { "Inside · \($0.summary)" } ?? "Inside"
        frame.drawBox(box, style: theme.border, glyphs: theme.glyphs, title: title, titleStyle: theme.title)
        let area = box.inset(by: 1)
        let x = area.x + 1, width = area.width - 2
        guard let explanation, let network = model?.network else {
            let message = model == nil ? (modelProblem ?? "No model loaded.") : "Draw a digit to look inside the network."
            frame.put(TextFit.truncate(message, to: width, glyphs: theme.glyphs), x: x, y: area.y, style: theme.dim)
            // The last action's note too: after saving a labelled drawing the canvas is empty.
            if let note, area.height > 1 {
                frame.put(TextFit.truncate(note, to: width, glyphs: theme.glyphs), x: x, y: area.y + 1, style: theme.warning)
            }
            return
        }
        var y = area.y
        func line(_ text: String, _ style: Style) {
            // Never past the box: a short box shows what fits, most telling first.
            if y < area.maxY {
                frame.put(TextFit.truncate(text, to: width, glyphs: theme.glyphs), x: x, y: y, style: style)
            }
            y += 1
        }
        // The last action's note ("Cleared (u brings it back).") has no model panel to go to.
        if let note { line(note, theme.warning) }
        var plan = InsidePlan(explanation: explanation, height: area.maxY - y, width: width)
        if plan.layerLines {
            for layer in explanation.layers {
                line(layer.summary, theme.text)
                if plan.grids {
                    let grid = UnitGrid(activations: layer.activations, width: width)
                    grid.render(into: &frame, x: x, y: y, theme: theme)
                    y += grid.height
                }
            }
        } else if !explanation.layers.isEmpty {
            line("layers " + explanation.layers.map { "\($0.size) (\(Int(($0.activeFraction * 100).rounded()))% on)" }
                .joined(separator: " · "), theme.text)
        }
        if plan.outputRow { renderLogits(explanation, into: &frame, x: x, y: y, width: width, theme: theme); y += 1 }
        let digit = explanation.digit, parts = explanation.decomposition
        line(ExplanationLines.logitSum(explanation, width: width), theme.text)
        let (supporting, opposing) = parts.strongest(8)
        if y < area.maxY {
            ExplanationLines.units("for \(digit):", supporting, x: x, y: y, width: width, into: &frame, theme: theme)
        }
        if y + 1 < area.maxY {
            ExplanationLines.units("against:", opposing, x: x, y: y + 1, width: width, into: &frame, theme: theme)
        }
        y += 2
        if plan.pictures > 0 {
            let chosen = Array(supporting.prefix((plan.pictures + 1) / 2)) + Array(opposing.prefix(plan.pictures / 2))
            y += 1
            for (index, unit) in chosen.enumerated() {
                let left = x + index * 30
                frame.put("unit #\(unit.unit) \(ExplanationLines.number(unit.value, signed: true))", x: left, y: y,
                          style: ExplanationLines.style(of: unit, theme: theme))
                EvidenceImage(weights: network.weights(ofLayer: 0)[rowOf: unit.unit, width: network.inputSize])
                    .render(into: &frame, x: left, y: y + 1, scale: 1, theme: theme)
            }
            y += 15
        }
        plan.dropped = plan.dropped || !plan.grids
        if plan.dropped {
            let hint = " bigger window: more "
            if hint.count + 4 <= box.width {
                frame.put(hint, x: box.maxX - 2 - hint.count, y: box.maxY - 1, style: theme.dim)
            }
        }
    }

    /// "logits" and ten cells, one per digit, coloured by the logit's sign and size.
    private func renderLogits(_ explanation: Explanation, into frame: inout Frame, x: Int, y: Int, width: Int,
                              theme: Theme) {
        var column = frame.put("logits   ", x: x, y: y, style: theme.dim)
        let logits = explanation.trace.logits
        let scale = EvidenceLevel.scale(of: logits)
        for (digit, logit) in logits.enumerated() where column + 3 <= x + width {
            let level = EvidenceLevel(logit, scale: scale, inked: true) ?? .neutral
            var style = theme.hasColors ? Style(foreground: theme.hasGreys ? .indexed(16) : .black, background: theme.evidence(level)) : theme.text
            if digit == explanation.digit { style.bold = true; style.underline = true }
            let mark = theme.hasColors ? "" : String(level.character)
            column = frame.put(" \(digit)\(mark)", x: column, y: y, style: style) + (theme.hasColors ? 1 : 0)
        }
    }

}

/// Which parts of the units panel fit in its height, most telling first: one line per layer,
/// the logit sum and the strongest units always; then the output row, the activation grids
/// and, for a network with one hidden layer, the weight pictures of the strongest units.
struct InsidePlan {
    var layerLines = false
    var outputRow = false
    var grids = false
    /// How many weight pictures (28x28, 30 cells each) to show.
    var pictures = 0
    /// Whether something was left out for want of room.
    var dropped = false

    init(explanation: Explanation, height: Int, width: Int) {
        let layers = explanation.layers
        var left = height - 3
        if left >= layers.count && layers.count > 0 { layerLines = true; left -= layers.count } else { left -= 1 }
        if left >= 1 { outputRow = true; left -= 1 }
        let gridRows = layers.reduce(0) { $0 + UnitGrid(activations: $1.activations, width: width).height }
        if layerLines && left >= gridRows { grids = true; left -= gridRows }
        if explanation.unitsHaveInputPictures {
            if left >= 16 { pictures = min(4, width / 30) } else { dropped = true }
        }
        dropped = dropped || !layerLines || !outputRow
    }
}
