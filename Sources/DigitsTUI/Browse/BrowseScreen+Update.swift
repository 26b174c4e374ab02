import DigitsCore

extension BrowseScreen {
    /// The first showing starts the evaluation: Draw alone should cost nothing.
    public mutating func activate(context: ScreenContext) -> [Effect] {
        shown = true
        return evaluateIfPending()
    }

    public mutating func update(_ event: Event, context: ScreenContext) -> [Effect] {
        switch event {
        case .drawModelChanged(let model):
            // Draw reads with a new model (from the Train screen): browse its mistakes.
            guard let location else { return [] }
            generation += 1
            phase = .pending(model: model, location: location)
            return evaluateIfPending()
        case .evaluated(let generation, let result):
            guard generation == self.generation else { return [] }
            switch result {
            case .success(let data):
                show(data)
            case .failure(let problem):
                phase = .failed(problem)
            }
            return []
        case .resize(let newSize):
            size = newSize
            return []
        case .key(let key):
            handle(key)
            return []
        case .mouse(let mouse):
            guard phase == .ready, prompt == nil else { return [] }
            switch mouse.button {
            case .wheelUp: move(by: view == .grid ? -layout.gridColumns : -3)
            case .wheelDown: move(by: view == .grid ? layout.gridColumns : 3)
            case .left where mouse.kind == .press: click(x: mouse.x, y: mouse.y)
            default: break
            }
            return []
        case .terminate, .dataChecked, .training, .learningDrawings, .trainingEnded, .trainingFailed, .saved, .saveFailed,
             .rescued, .drawingsLoaded, .drawingsSaved, .drawingsSaveFailed:
            return []
        }
    }

    /// Starts evaluating the pending model once the screen has been shown.
    private mutating func evaluateIfPending() -> [Effect] {
        guard shown, case .pending(let model, let location) = phase else { return [] }
        phase = .loading
        return [.evaluateTestSet(model: model, data: location, generation: generation)]
    }

    var layout: BrowseLayout { BrowseLayout(size: size) }

    /// Takes freshly evaluated data: lists its mistakes and puts the matrix cursor on the
    /// biggest confusion, the first cell worth a look.
    mutating func show(_ data: BrowseData) {
        self.data = data
        phase = .ready
        let confusion = data.report.confusion
        var best = matrixCursor, bestCount = -1
        for row in 0..<confusion.classCount {
            for column in 0..<confusion.classCount where row != column && confusion[row, column] > bestCount {
                best = MatrixCell(trueLabel: row, predicted: column)
                bestCount = confusion[row, column]
            }
        }
        matrixCursor = best
        refreshItems(keeping: nil)
    }

    /// Recomputes `items` after the filter, sort or all/mistakes changed, keeping image
    /// `index` selected when it is still listed (else the first).
    mutating func refreshItems(keeping index: Int?) {
        askedDigit = nil
        guard let report = data?.report else { items = []; selection = 0; return }
        items = report.classifications(matching: filter, includingCorrect: includesCorrect, sortedBy: order)
        selection = index.flatMap { wanted in items.firstIndex { $0.index == wanted } } ?? 0
        // The image view needs an image: with none left, go back to the (empty) list.
        if items.isEmpty && view == .image { view = listView }
    }

    /// A click selects the row, thumbnail or matrix cell under it; a click on what is already
    /// selected opens it, as Enter would.
    mutating func click(x: Int, y: Int) {
        note = nil
        switch view {
        case .list:
            let inside = layout.listBox.inset(by: 1)
            guard inside.contains(column: x, row: y), y > inside.y else { return }
            open(position: firstShown(perPage: layout.listRows) + y - inside.y - 1)
        case .grid:
            let inside = layout.gridBox.inset(by: 1)
            guard inside.contains(column: x, row: y) else { return }
            let tileWidth = layout.tileWidth
            let column = (x - inside.x) / tileWidth, row = (y - inside.y) / layout.tileHeight
            guard column < layout.gridColumns, row < layout.gridRows,
                  (x - inside.x) % tileWidth < layout.thumbnailSize.width else { return }
            open(position: firstShown(perPage: pageSize) + row * layout.gridColumns + column)
        case .matrix:
            guard let classes = data?.report.classCount,
                  let cell = Self.matrixCell(atColumn: x, row: y, layout: layout, classes: classes) else { return }
            if cell == matrixCursor { choose(cell) } else { matrixCursor = cell }
        case .image:
            break
        }
    }

    /// Selects the item at `position`, or opens it when it is selected already.
    mutating func open(position: Int) {
        guard items.indices.contains(position) else { return }
        if position == selection { view = .image } else { selection = position }
    }

    mutating func move(by offset: Int) {
        guard !items.isEmpty else { return }
        selection = min(max(selection + offset, 0), items.count - 1)
        askedDigit = nil
    }

    /// Rows (list) or thumbnails (grid) per page.
    var pageSize: Int {
        switch view {
        case .grid: layout.gridColumns * layout.gridRows
        default: layout.listRows
        }
    }

    mutating func handle(_ key: Key) {
        if prompt != nil {
            handlePrompt(key)
            return
        }
        guard phase == .ready else { return }
        note = nil
        if view == .matrix {
            handleMatrix(key)
            return
        }
        let across = view == .grid ? layout.gridColumns : 1
        switch key {
        case .up, .character("k"): move(by: -across)
        case .down, .character("j"): move(by: across)
        case .left, .character("h"): move(by: -1)
        case .right, .character("l"): move(by: 1)
        case .pageUp: move(by: -pageSize)
        case .pageDown: move(by: pageSize)
        case .home: move(by: -items.count)
        case .end: move(by: items.count)
        case .enter:
            if view != .image, selected != nil { view = .image }
        case .escape:
            if view == .image {
                view = listView
            } else if !filter.isEmpty {
                setFilter(.all)
            }
        case .character("v"):
            listView = listView == .grid ? .list : .grid
            view = listView
        case .character("m"): view = .matrix
        case .character("i"):
            guard selected != nil else { break }
            guard data?.network != nil else { note = "No model to explain with."; break }
            // From the list or grid, i opens the image already explained.
            explains = view == .image ? !explains : true
            askedDigit = nil
            view = .image
        case .character(","), .character("."):
            guard view == .image, explains, let item = selected else { break }
            let current = askedDigit ?? item.predicted
            askedDigit = (current + (key == .character(",") ? 9 : 1)) % 10
        case .character("t"): prompt = .trueDigit
        case .character("p"): prompt = .predictedDigit
        case .character("g"): prompt = .jump("")
        case .character("c"): setFilter(.all)
        case .character("s"):
            order = order == .index ? .confidence : .index
            refreshItems(keeping: selected?.index)
            note = order == .index ? "Sorted by index." : "Most confident first."
        case .character("a"):
            includesCorrect.toggle()
            refreshItems(keeping: selected?.index)
            note = includesCorrect ? "Showing all test images." : "Showing mistakes only."
        default:
            break
        }
    }

    mutating func setFilter(_ newFilter: ClassificationFilter) {
        filter = newFilter
        refreshItems(keeping: selected?.index)
        note = "\(items.count) image\(items.count == 1 ? "" : "s")" + (filter.isEmpty ? ", no filter." : ".")
    }

    mutating func handlePrompt(_ key: Key) {
        guard let current = prompt else { return }
        if key == .escape {
            prompt = nil
            return
        }
        switch current {
        case .jump(let typed):
            switch key {
            case .character(let character) where character.isASCII && character.isNumber:
                if typed.count < 6 { prompt = .jump(typed + String(character)) }
            case .backspace:
                prompt = .jump(String(typed.dropLast()))
            case .enter:
                prompt = nil
                if let index = Int(typed) { jump(toImage: index) }
            default:
                break
            }
        case .trueDigit, .predictedDigit:
            var digit: Int?? = .none
            switch key {
            case .character(let character) where character.isASCII && character.isNumber:
                digit = .some(character.wholeNumberValue)
            case .character("x"), .backspace, .delete:
                digit = .some(nil)
            default:
                break
            }
            guard case .some(let chosen) = digit else { return }
            prompt = nil
            var newFilter = filter
            if current == .trueDigit { newFilter.trueLabel = chosen } else { newFilter.predicted = chosen }
            setFilter(newFilter)
        }
    }

    /// Selects test image `index`, clearing the filters (and listing all images) when that is
    /// what it takes to list it.
    mutating func jump(toImage index: Int) {
        guard let report = data?.report else { return }
        guard index >= 0, index < report.count else {
            note = "No image #\(index): the test set has #0 to #\(report.count - 1)."
            return
        }
        // From the matrix, going to an image means seeing it in the list.
        if view == .matrix { view = listView }
        if let position = items.firstIndex(where: { $0.index == index }) {
            selection = position
            return
        }
        filter = .all
        if report.classification(ofImage: index).isCorrect { includesCorrect = true }
        refreshItems(keeping: index)
        note = "Filters cleared to show #\(index)."
    }

    mutating func handleMatrix(_ key: Key) {
        let last = (data?.report.classCount ?? 10) - 1
        switch key {
        case .up, .character("k"): matrixCursor.trueLabel = max(0, matrixCursor.trueLabel - 1)
        case .down, .character("j"): matrixCursor.trueLabel = min(last, matrixCursor.trueLabel + 1)
        case .left, .character("h"): matrixCursor.predicted = max(0, matrixCursor.predicted - 1)
        case .right, .character("l"): matrixCursor.predicted = min(last, matrixCursor.predicted + 1)
        case .home: matrixCursor = MatrixCell(trueLabel: 0, predicted: 0)
        case .end: matrixCursor = MatrixCell(trueLabel: last, predicted: last)
        case .enter: choose(matrixCursor)
        case .escape, .character("m"): view = listView
        case .character("v"):
            listView = listView == .grid ? .list : .grid
            view = listView
        case .character("g"): prompt = .jump("")
        default: break
        }
    }

    /// Lists the images of a confusion-matrix cell (a diagonal cell holds correct images, so
    /// those are listed too).
    mutating func choose(_ cell: MatrixCell) {
        if cell.trueLabel == cell.predicted { includesCorrect = true }
        filter = .cell(trueLabel: cell.trueLabel, predicted: cell.predicted)
        refreshItems(keeping: nil)
        view = listView
        note = "\(items.count) image\(items.count == 1 ? "" : "s") of true \(cell.trueLabel) predicted as \(cell.predicted)."
    }
}
