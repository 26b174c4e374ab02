import DigitsCore
import Foundation

extension BrowseScreen {
    public func render(into frame: inout Frame, context: ScreenContext) {
        let theme = context.theme
        let layout = BrowseLayout(size: context.size)
        switch phase {
        case .pending, .loading:
            renderMessage(into: &frame, area: layout.area, title: "Browse",
                          lines: [("Evaluating the model on the MNIST test images…", theme.text)], theme: theme)
        case .failed(let problem):
            let wrapWidth = min(72, layout.area.width - 6)
            var lines: [(String, Style)] = [(problem.title, theme.warning), ("", theme.text)]
            for detail in problem.details {
                lines += TextFit.wrap(detail, width: wrapWidth).map { ($0, theme.text) }
            }
            if !problem.advice.isEmpty { lines.append(("", theme.text)) }
            lines += problem.advice.flatMap { TextFit.wrap($0, width: wrapWidth) }.map { ($0, theme.accent) }
            renderMessage(into: &frame, area: layout.area, title: "Browse", lines: lines, theme: theme)
        case .ready:
            guard let data else { return }
            switch view {
            case .list: renderList(into: &frame, layout: layout, data: data, theme: theme)
            case .grid: renderGrid(into: &frame, layout: layout, data: data, theme: theme)
            case .image: renderImage(into: &frame, layout: layout, data: data, theme: theme)
            case .matrix: renderMatrix(into: &frame, layout: layout, report: data.report, theme: theme)
            }
        }
    }

    /// A box in the middle of `area` holding `lines`, each centred.
    func renderMessage(into frame: inout Frame, area: Rect, title: String, lines: [(String, Style)], theme: Theme) {
        let width = min(area.width, max(40, (lines.map(\.0.count).max() ?? 0) + 6))
        let box = area.centered(Size(width: width, height: min(area.height, lines.count + 4)))
        frame.drawBox(box, style: theme.border, glyphs: theme.glyphs, title: title, titleStyle: theme.title)
        // The block of text is centred as a whole and its lines start at one column, so
        // wrapped paragraphs read as paragraphs.
        let textWidth = lines.map(\.0.count).max() ?? 0
        let x = box.x + max(1, (box.width - textWidth) / 2)
        for (index, line) in lines.enumerated() where box.y + 2 + index < box.maxY - 1 {
            frame.put(line.0, x: x, y: box.y + 2 + index, style: line.1, maxWidth: box.maxX - 1 - x)
        }
    }

    /// What is listed, for box titles: "Mistakes 188", "All 10000 · true 4 · predicted 9 ·
    /// most confident first".
    var listTitle: String {
        var parts = ["\(includesCorrect ? "All images" : "Mistakes") \(items.count)"]
        if let digit = filter.trueLabel { parts.append("true \(digit)") }
        if let digit = filter.predicted { parts.append("predicted \(digit)") }
        if order == .confidence { parts.append("most confident first") }
        return parts.joined(separator: " · ")
    }

    /// The prompt being typed, or the last note, for the bottom edge of the main box.
    var footer: String? {
        switch prompt {
        case .jump(let typed): return "go to image #\(typed)_"
        case .trueDigit: return "true digit? 0-9, x for any"
        case .predictedDigit: return "predicted digit? 0-9, x for any"
        case nil: return note
        }
    }

    func renderFooter(into frame: inout Frame, box: Rect, theme: Theme) {
        guard let footer else { return }
        let text = TextFit.truncate(" \(footer) ", to: box.width - 4, glyphs: theme.glyphs)
        frame.put(text, x: box.x + 2, y: box.maxY - 1, style: prompt != nil ? theme.accent : theme.warning)
    }

    /// The first item shown when `perPage` fit: pages turn whole, so the view is a function of
    /// the selection alone.
    func firstShown(perPage: Int) -> Int {
        perPage <= 0 ? 0 : (selection / perPage) * perPage
    }

    /// "12 of 188".
    var positionText: String {
        items.isEmpty ? "none" : "\(selection + 1) of \(items.count)"
    }

    // MARK: - List

    func renderList(into frame: inout Frame, layout: BrowseLayout, data: BrowseData, theme: Theme) {
        let box = layout.listBox
        frame.drawBox(box, style: theme.border, glyphs: theme.glyphs,
                      title: TextFit.truncate(listTitle, to: box.width - 6, glyphs: theme.glyphs),
                      titleStyle: theme.title)
        let inside = box.inset(by: 1)
        let fixed = " image  true  pred  "
        frame.put(TextFit.truncate(fixed + "top probabilities", to: inside.width, glyphs: theme.glyphs),
                  x: inside.x, y: inside.y, style: theme.dim)
        if items.isEmpty { renderEmpty(into: &frame, area: Rect(x: inside.x, y: inside.y + 2, width: inside.width,
                                                                height: inside.height - 2), theme: theme) }
        let available = inside.width - fixed.count
        let entries = min(3, max(1, (available + 2) / 13))
        let barWidth = min(10, max(1, (available + 2) / entries - 2 - 7))
        let first = firstShown(perPage: layout.listRows)
        for (offset, item) in items.dropFirst(first).prefix(layout.listRows).enumerated() {
            let y = inside.y + 1 + offset
            let isSelected = first + offset == selection
            let rowStyle = isSelected ? Style(bold: true, reverse: true) : theme.text
            if isSelected { frame.fill(Rect(x: inside.x, y: y, width: inside.width, height: 1), with: Cell(" ", style: rowStyle)) }
            var x = frame.put(" " + TextFit.padLeft(String(item.index), to: 5) + "  "
                              + TextFit.padLeft(String(item.trueLabel), to: 4) + "  ",
                              x: inside.x, y: y, style: rowStyle)
            let predictedStyle = isSelected ? rowStyle : (item.isCorrect ? theme.accent : theme.warning)
            x = frame.put(TextFit.padLeft(String(item.predicted), to: 4), x: x, y: y, style: predictedStyle)
            x = frame.put("  ", x: x, y: y, style: rowStyle)
            for entry in item.topProbabilities(entries) {
                guard x + 2 + barWidth + 5 <= inside.maxX else { break }
                let labelStyle = entry.digit == item.trueLabel ? theme.accent
                    : (entry.digit == item.predicted ? theme.warning : theme.text)
                x = frame.put("\(entry.digit) ", x: x, y: y, style: isSelected ? rowStyle : labelStyle)
                ProbabilityBars.drawBar(into: &frame, x: x, y: y, width: barWidth, value: entry.probability,
                                        highlighted: entry.digit == item.predicted, theme: theme)
                x += barWidth
                x = frame.put(TextFit.padLeft(ProbabilityBars.percentage(entry.probability, tenths: false), to: 5),
                              x: x, y: y, style: isSelected ? rowStyle : theme.dim)
                x += 2
            }
        }
        renderFooter(into: &frame, box: box, theme: theme)
        renderSelectedArt(into: &frame, layout: layout, data: data, theme: theme)
    }

    /// Why the list is empty and what brings images back, wrapped to `area`.
    func renderEmpty(into frame: inout Frame, area: Rect, theme: Theme) {
        let message: String
        if filter.isEmpty && !includesCorrect {
            message = "The model reads every test image right. a lists them all."
        } else if filter.isEmpty {
            message = "No test images."
        } else {
            message = "No images match the filter. c clears it" + (includesCorrect ? "." : ", a lists all images.")
        }
        for (index, line) in TextFit.wrap(message, width: area.width - 2).prefix(max(0, area.height)).enumerated() {
            frame.put(line, x: area.x + 1, y: area.y + index, style: theme.text)
        }
    }

    /// The selected image beside the list, with its labels and top probabilities under it.
    func renderSelectedArt(into frame: inout Frame, layout: BrowseLayout, data: BrowseData, theme: Theme) {
        let box = layout.listArtBox
        guard let item = selected else {
            frame.drawBox(box, style: theme.border, glyphs: theme.glyphs, title: "No image", titleStyle: theme.title)
            return
        }
        frame.drawBox(box, style: theme.border, glyphs: theme.glyphs, title: "#\(item.index)", titleStyle: theme.title)
        let inside = box.inset(by: 1)
        ArtCells.render(image: item.index, of: data.images, scale: layout.artScale(besideList: true),
                        into: &frame, x: inside.x, y: inside.y, clip: inside, theme: theme)
        var y = box.maxY
        guard y < layout.area.maxY else { return }
        frame.put("true ", x: box.x + 1, y: y, style: theme.dim)
        var x = frame.put(String(item.trueLabel), x: box.x + 6, y: y, style: theme.accent)
        x = frame.put("  predicted ", x: x, y: y, style: theme.dim)
        frame.put(String(item.predicted), x: x, y: y, style: item.isCorrect ? theme.accent : theme.warning)
        y += 1
        for entry in item.topProbabilities(3) where y < layout.area.maxY {
            let width = box.width - 9
            frame.put("\(entry.digit)", x: box.x + 1, y: y,
                      style: entry.digit == item.trueLabel ? theme.accent : theme.text)
            ProbabilityBars.drawBar(into: &frame, x: box.x + 3, y: y, width: width, value: entry.probability,
                                    highlighted: entry.digit == item.predicted, theme: theme)
            frame.put(TextFit.padLeft(ProbabilityBars.percentage(entry.probability, tenths: false), to: 5),
                      x: box.x + 3 + width, y: y, style: theme.dim)
            y += 1
        }
        if y < layout.area.maxY {
            frame.put(positionText, x: box.x + 1, y: y, style: theme.dim)
        }
    }

    // MARK: - Grid

    func renderGrid(into frame: inout Frame, layout: BrowseLayout, data: BrowseData, theme: Theme) {
        let box = layout.gridBox
        frame.drawBox(box, style: theme.border, glyphs: theme.glyphs,
                      title: TextFit.truncate(listTitle + " · " + positionText, to: box.width - 6, glyphs: theme.glyphs),
                      titleStyle: theme.title)
        let inside = box.inset(by: 1)
        if items.isEmpty { renderEmpty(into: &frame, area: Rect(x: inside.x, y: inside.y + 1, width: inside.width,
                                                                height: inside.height - 1), theme: theme) }
        let columns = layout.gridColumns, perPage = columns * layout.gridRows
        let first = firstShown(perPage: perPage)
        let art = layout.thumbnailSize
        for (offset, item) in items.dropFirst(first).prefix(perPage).enumerated() {
            let x = inside.x + (offset % columns) * layout.tileWidth
            let y = inside.y + (offset / columns) * layout.tileHeight
            ArtCells.render(image: item.index, of: data.images, scale: layout.thumbnailScale, into: &frame,
                            x: x, y: y, clip: inside, theme: theme)
            let isSelected = first + offset == selection
            for (line, text) in EvaluationText.compactCaption(for: item).enumerated() {
                let style = isSelected ? Style(bold: true, reverse: true)
                    : (line == 0 ? (item.isCorrect ? theme.text : theme.warning) : theme.dim)
                frame.put(TextFit.padRight(text, to: art.width), x: x, y: y + art.height + line,
                          style: style, maxWidth: art.width)
            }
        }
        renderFooter(into: &frame, box: box, theme: theme)
    }

    // MARK: - Single image

    func renderImage(into frame: inout Frame, layout: BrowseLayout, data: BrowseData, theme: Theme) {
        guard let item = selected else { return }
        let artBox = layout.imageArtBox
        let explanation = explains ? explain(item, data: data) : nil
        let title = explanation.map { $0.digit == item.predicted ? "Why #\(item.index) reads \($0.digit)"
                                                                 : "Why not \($0.digit)? #\(item.index)" }
        frame.drawBox(artBox, style: theme.border, glyphs: theme.glyphs, title: title ?? "Test image #\(item.index)",
                      titleStyle: theme.title)
        let inside = artBox.inset(by: 1)
        if let explanation {
            // The largest whole scale that fits, centred where the art goes.
            let scale = max(1, min(inside.width / 28, inside.height * 2 / 28))
            EvidenceImage(evidence: explanation.evidence, input: explanation.trace.input)
                .render(into: &frame, x: inside.x + (inside.width - 28 * scale) / 2,
                        y: inside.y + (inside.height - 14 * scale) / 2, scale: scale, theme: theme)
        } else {
            ArtCells.render(image: item.index, of: data.images, scale: layout.artScale(besideList: false),
                            into: &frame, x: inside.x, y: inside.y, clip: inside, theme: theme)
        }
        let info = layout.imageInfoBox
        frame.drawBox(info, style: theme.border, glyphs: theme.glyphs,
                      title: TextFit.truncate(listTitle, to: info.width - 6, glyphs: theme.glyphs), titleStyle: theme.title)
        let unsure = data.rejection.rejects(item.probabilities)
        var lines: [(String, String, Style)] = [
            ("true digit", String(item.trueLabel), theme.accent),
            ("predicted", "\(item.predicted)  (\(EvaluationText.percent(Double(item.confidence), decimals: 1)))",
             item.isCorrect ? theme.accent : theme.warning),
        ]
        if unsure { lines.append(("", RejectionRule.message, theme.warning)) }
        lines += [
            ("p(true digit)", EvaluationText.percent(Double(item.trueLabelProbability), decimals: 1), theme.text),
            ("image", positionText, theme.text),
        ]
        for (offset, line) in lines.enumerated() where info.y + 1 + offset < info.maxY - 1 {
            let y = info.y + 1 + offset
            frame.put(line.0, x: info.x + 2, y: y, style: theme.dim)
            frame.put(line.1, x: info.x + 17, y: y, style: line.2, maxWidth: info.maxX - info.x - 18)
        }
        if let explanation { renderWhy(explanation, into: &frame, info: info, below: lines.count, theme: theme) }
        renderFooter(into: &frame, box: info, theme: theme)
        let bars = layout.barsBox
        frame.drawBox(bars, style: theme.border, glyphs: theme.glyphs, title: "Probabilities", titleStyle: theme.title)
        ProbabilityBars.render(into: &frame, rect: bars.inset(by: 1), probabilities: item.probabilities, theme: theme,
                               unsure: unsure)
    }

    /// The explained image's model: its network on the image's pixels, for the asked digit.
    func explain(_ item: Classification, data: BrowseData) -> Explanation? {
        guard let network = data.network, network.inputSize == data.images.pixelsPerImage else { return nil }
        let input = data.images.image(item.index).map { Float($0) / 255 }
        // The report's prediction, which the list shows, unless another digit was asked about.
        return Explanation(network: network, input: input, digit: askedDigit ?? item.predicted)
    }

    /// Under the facts: the logit sum and the strongest units, and the evidence legend.
    private func renderWhy(_ explanation: Explanation, into frame: inout Frame, info: Rect, below facts: Int,
                           theme: Theme) {
        let x = info.x + 2, width = info.width - 4
        let last = info.maxY - 2
        // A blank line after the facts where there is room for it.
        var y = info.y + 1 + facts + (info.y + 1 + facts + 3 <= last ? 1 : 0)
        guard y + 2 <= last else { return }
        frame.put(ExplanationLines.logitSum(explanation, width: width), x: x, y: y, style: theme.text, maxWidth: width)
        y += 1
        let (supporting, opposing) = explanation.decomposition.strongest(6)
        ExplanationLines.units("for \(explanation.digit):", supporting, x: x, y: y, width: width, into: &frame, theme: theme)
        ExplanationLines.units("against:", opposing, x: x, y: y + 1, width: width, into: &frame, theme: theme)
        y += 2
        guard y <= last else { return }
        var column = x
        for (text, style) in EvidenceImage.legend(theme: theme) {
            column = frame.put(text, x: column, y: y, style: style, maxWidth: x + width - column)
        }
    }
}
