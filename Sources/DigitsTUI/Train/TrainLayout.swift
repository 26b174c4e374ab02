/// Where the Train screen's boxes go for an area: settings top left; progress top right with
/// the charts below it; the first-layer weights bottom left on small terminals, and on large
/// ones along the bottom right at full size with a table of epochs bottom left.
struct TrainLayout: Equatable {
    let settingsBox: Rect
    let lowerLeftBox: Rect
    /// The right side as one box, before any training (what to do, or where data was sought).
    let introBox: Rect
    let progressBox: Rect
    let chartBox: Rect
    /// Where the weights go; `lowerLeftBox` on small terminals.
    let weightsBox: Rect
    /// A table of epochs, on large terminals only.
    let epochsBox: Rect?
    /// Pixels per side of each weight image: 28, or 14 where space is short.
    let weightSide: Int

    static let settingsHeight = 13
    static let progressHeight = 8

    init(area: Rect) {
        let leftWidth = area.width >= 120 ? 36 : 32
        settingsBox = Rect(x: area.x, y: area.y, width: leftWidth, height: Self.settingsHeight)
        lowerLeftBox = Rect(x: area.x, y: settingsBox.maxY, width: leftWidth,
                            height: area.height - Self.settingsHeight)
        let right = Rect(x: area.x + leftWidth, y: area.y, width: area.width - leftWidth, height: area.height)
        introBox = right
        progressBox = Rect(x: right.x, y: right.y, width: right.width, height: Self.progressHeight)
        let below = right.height - Self.progressHeight
        if area.height >= 40 && right.width >= 64 {
            let weightsHeight = 16
            chartBox = Rect(x: right.x, y: progressBox.maxY, width: right.width, height: below - weightsHeight)
            weightsBox = Rect(x: right.x, y: chartBox.maxY, width: right.width, height: weightsHeight)
            epochsBox = lowerLeftBox
            weightSide = 28
        } else {
            chartBox = Rect(x: right.x, y: progressBox.maxY, width: right.width, height: below)
            weightsBox = lowerLeftBox
            epochsBox = nil
            weightSide = 14
        }
    }

    /// How many weight images fit side by side (with a column between) in the weights box.
    var weightCount: Int {
        let inside = weightsBox.inset(by: 1)
        guard inside.height >= (weightSide + 1) / 2 else { return 0 }
        return max(0, min(8, (inside.width + 1) / (weightSide + 1)))
    }
}
