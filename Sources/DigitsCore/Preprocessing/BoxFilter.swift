/// Exact area-averaging resampling: each output pixel is the average of the source area it
/// covers, fractional overlaps included. Shared by MNIST normalisation and canvas previews.
enum BoxFilter {
    /// Resamples the source pixels in `columns` x `rows` (of an image `sourceWidth` wide) so
    /// that one source pixel becomes `scaleX` x `scaleY` output pixels and source pixel
    /// `origin` lands on the output's top-left corner (`origin` must not be right of or below
    /// any pixel read); adds into `output` (`width` x `height`, which must start at zero) and
    /// clips what falls outside it. Pixels outside `columns` x `rows` count as 0. `line` is
    /// scratch space for `width + 1` values.
    ///
    /// Separable, one source row at a time: spread the row over the output columns it covers,
    /// then that line over the output rows the source row covers; each contribution is
    /// value * (overlap in x) * (overlap in y), in output pixels. Values are clamped to 0...1
    /// and zero pixels skipped, so a sparse drawing costs little.
    static func resample(_ source: UnsafePointer<Float>, sourceWidth: Int,
                         columns: Range<Int>, rows: Range<Int>, origin: (x: Int, y: Int),
                         scaleX: Float, scaleY: Float,
                         into output: UnsafeMutablePointer<Float>, width: Int, height: Int,
                         line: UnsafeMutablePointer<Float>) {
        // Where each source column lands is the same for every row: work it out once. When
        // shrinking, a source pixel covers at most two output columns; enlarging falls back to
        // the general loop below.
        let shrinking = scaleX <= 1
        let spans = shrinking ? columns.map { x -> (column: Int, first: Float, second: Float) in
            let from = Float(x - origin.x) * scaleX, to = from + scaleX
            let column = Int(from)
            // The same arithmetic as the general loop, so both give the same pixels.
            let first = min(to, Float(column + 1)) - max(from, Float(column))
            let second = min(to, Float(column + 2)) - max(from, Float(column + 1))
            return (column, max(first, 0), max(second, 0))
        } : []
        for y in rows {
            line.update(repeating: 0, count: width + 1)
            var inked = false
            let row = source + y * sourceWidth
            if shrinking {
                spans.withUnsafeBufferPointer { spans in
                    for (offset, x) in columns.enumerated() {
                        let value = row[x]
                        guard value > 0 else { continue }
                        inked = true
                        let ink = min(value, 1)
                        let span = spans[offset]
                        // `line` has one spare slot, so a span ending on the last column
                        // may spill a zero-width share past it harmlessly.
                        line[span.column] += span.first * ink
                        line[span.column + 1] += span.second * ink
                    }
                }
            } else {
                for x in columns {
                    let value = row[x]
                    guard value > 0 else { continue }
                    inked = true
                    let ink = min(value, 1)
                    let from = Float(x - origin.x) * scaleX, to = from + scaleX
                    var column = Int(from)
                    let stop = min(Int(to.rounded(.up)), width)
                    while column < stop {
                        let overlap = min(to, Float(column + 1)) - max(from, Float(column))
                        if overlap > 0 { line[column] += overlap * ink }
                        column += 1
                    }
                }
            }
            guard inked else { continue }
            let from = Float(y - origin.y) * scaleY, to = from + scaleY
            var outputRow = Int(from)
            let stop = min(Int(to.rounded(.up)), height)
            while outputRow < stop {
                let overlap = min(to, Float(outputRow + 1)) - max(from, Float(outputRow))
                if overlap > 0 {
                    let destination = output + outputRow * width
                    for column in 0..<width { destination[column] += overlap * line[column] }
                }
                outputRow += 1
            }
        }
    }
}
