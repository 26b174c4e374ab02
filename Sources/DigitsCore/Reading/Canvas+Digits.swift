extension Canvas {
    /// The drawing made of `strokes` (this canvas is them painted) read digit by digit: its
    /// painting strokes grouped by `DigitGrouping`, each group made into an MNIST image on its
    /// own, left to right. Empty for an empty canvas.
    ///
    /// One group is exactly `mnistImage(strokes:)`, whatever the grouping found, so a single
    /// digit reads as it always has. With several, each group's image is made from the canvas's
    /// pixels in the columns it owns (erasing included) or, when its strokes would come out
    /// thinner or thicker than MNIST's, from its strokes painted again (`StrokeWidth`) with every
    /// eraser; a group erased away gives no digit.
    ///
    /// Cost: the grouping is linear in the strokes' points (after sorting the strokes); the
    /// images together look at the painted region about once, as one image does. A digit whose
    /// strokes are those of one in `previous` (the last reading: while a stroke is drawn, every
    /// other digit is unchanged) takes that one's image instead of making it again, which for
    /// a digit repainted at MNIST's stroke width saves a repaint per mouse move.
    public func digitImages(strokes: [CanvasStroke], reusing previous: [DigitImage] = []) -> [DigitImage] {
        var pieces: [InkPiece] = [], owners: [Int] = []
        for (index, stroke) in strokes.enumerated() {
            guard let piece = InkPiece(stroke) else { continue }
            pieces.append(piece)
            owners.append(index)
        }
        // Piece indices become stroke indices, so a group names the strokes it holds.
        let groups = DigitGrouping.groups(pieces).map { group in
            var named = group
            named.pieces = group.pieces.map { owners[$0] }
            return named
        }
        guard groups.count > 1 else {
            // No group means no usable painting stroke, so no ink either.
            guard let group = groups.first, let image = mnistImage(strokes: strokes) else { return [] }
            return [DigitImage(group: group, columns: 0..<width, image: image)]
        }
        let territories = DigitGrouping.territories(of: groups, width: width)
        return zip(groups, territories).compactMap { group, columns in
            let members = Set(group.pieces)
            let own = strokes.indices.filter { members.contains($0) || strokes[$0].erasing }.map { strokes[$0] }
            // The image is made from its own strokes and the erasers alone (no other digit's ink
            // lies in its columns), so the same strokes give the same image.
            if let known = previous.first(where: { $0.source == own }) {
                return DigitImage(group: group, columns: columns, image: known.image, source: own)
            }
            return mnistImage(strokes: own, columns: columns).map {
                DigitImage(group: group, columns: columns, image: $0, source: own)
            }
        }
    }

    /// `mnistImage(strokes:)` of the ink in `columns` only: `strokes` are the ones that made
    /// that ink (and any erasers).
    func mnistImage(strokes: [CanvasStroke], columns: Range<Int>) -> [Float]? {
        if StrokeWidth.correction(for: strokes) != nil { return mnistImage(strokes: strokes) }
        guard let painted = paintedRegion else { return nil }
        let inside = max(painted.columns.lowerBound, columns.lowerBound)..<min(painted.columns.upperBound, columns.upperBound)
        guard !inside.isEmpty else { return nil }
        return pixels.withUnsafeBufferPointer { buffer in
            MNISTFormat.normalize(buffer, width: width, height: height,
                                  searching: CanvasRegion(columns: inside, rows: painted.rows))
        }
    }
}
