/// A large-scale estimate of the paper's level under uneven lighting, for ink that is bright
/// on dark paper: the image cut evenly into blocks about an eighth of its longer side (at
/// least `minimumBlock` pixels, wider than any stroke), each block's median (ink covers less
/// than half of most blocks, so this is paper; a lower percentile would sit below the paper
/// wherever light changes across the block); a block more than `outlier` brighter than the
/// median of itself and its neighbours (one filled by a blob of ink) takes that median
/// instead, while a lighting gradient, which changes less from block to block, passes
/// unchanged; then interpolated bilinearly between block centres back to
/// every pixel, and extrapolated the same way to the image's edges.
struct BackgroundEstimate {
    static let minimumBlock = 16
    static let blocksAcross = 8
    static let percentile: Float = 0.5
    static let outlier: Float = 0.1

    /// The estimate for every pixel, row-major.
    let values: [Float]

    init(_ image: [Float], width: Int, height: Int) {
        let block = max(Self.minimumBlock, (max(width, height) + Self.blocksAcross - 1) / Self.blocksAcross)
        let columns = (width + block - 1) / block, rows = (height + block - 1) / block
        // Even blocks: `columns` of them across the width, so every block's centre is where
        // the interpolation below puts it.
        let blockWidth = Float(width) / Float(columns), blockHeight = Float(height) / Float(rows)
        func span(_ index: Int, _ size: Float, _ limit: Int) -> Range<Int> {
            Int((Float(index) * size).rounded())..<min(Int((Float(index + 1) * size).rounded()), limit)
        }
        var levels = [Float](repeating: 0, count: columns * rows)
        var histogram = [Int](repeating: 0, count: 256)
        for blockRow in 0..<rows {
            for blockColumn in 0..<columns {
                for index in histogram.indices { histogram[index] = 0 }
                let ys = span(blockRow, blockHeight, height), xs = span(blockColumn, blockWidth, width)
                for y in ys {
                    for x in xs { histogram[Int(min(max(image[y * width + x], 0), 1) * 255)] += 1 }
                }
                let wanted = Int(Float(ys.count * xs.count) * Self.percentile)
                var seen = 0, level = 0
                while level < 255 {
                    seen += histogram[level]
                    if seen > wanted { break }
                    level += 1
                }
                levels[blockRow * columns + blockColumn] = Float(level) / 255
            }
        }
        var paper = levels
        var neighbourhood: [Float] = []
        for blockRow in 0..<rows {
            for blockColumn in 0..<columns {
                neighbourhood.removeAll(keepingCapacity: true)
                for r in max(blockRow - 1, 0)...min(blockRow + 1, rows - 1) {
                    for c in max(blockColumn - 1, 0)...min(blockColumn + 1, columns - 1) {
                        neighbourhood.append(levels[r * columns + c])
                    }
                }
                neighbourhood.sort()
                let median = neighbourhood[neighbourhood.count / 2]
                if levels[blockRow * columns + blockColumn] > median + Self.outlier {
                    paper[blockRow * columns + blockColumn] = median
                }
            }
        }
        // Bilinear between block centres, extrapolated past the outer ones (a gradient goes
        // on to the edge); one block across is constant.
        var values = [Float](repeating: 0, count: width * height)
        func position(_ pixel: Int, count: Int, size: Float) -> (Int, Int, Float) {
            guard count > 1 else { return (0, 0, 0) }
            let at = (Float(pixel) + 0.5) / size - 0.5
            let low = min(max(Int(at.rounded(.down)), 0), count - 2)
            return (low, low + 1, at - Float(low))
        }
        for y in 0..<height {
            let (top, bottom, fy) = position(y, count: rows, size: blockHeight)
            for x in 0..<width {
                let (left, right, fx) = position(x, count: columns, size: blockWidth)
                let upper = paper[top * columns + left] * (1 - fx) + paper[top * columns + right] * fx
                let lower = paper[bottom * columns + left] * (1 - fx) + paper[bottom * columns + right] * fx
                values[y * width + x] = min(max(upper * (1 - fy) + lower * fy, 0), 1)
            }
        }
        self.values = values
    }
}
