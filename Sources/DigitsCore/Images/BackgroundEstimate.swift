/// A large-scale estimate of the paper's level under uneven lighting, for ink that is bright
/// on dark paper: the image cut into blocks about an eighth of its longer side (at least
/// `minimumBlock` pixels, wider than any stroke), each block's 25th percentile (ink covers
/// less than three quarters of a block, so this is paper), then the smallest of each block
/// and its eight neighbours (a block filled by a blob of ink must not count as paper), then
/// interpolated bilinearly between block centres back to every pixel.
struct BackgroundEstimate {
    static let minimumBlock = 16
    static let blocksAcross = 8
    static let percentile: Float = 0.25

    /// The estimate for every pixel, row-major.
    let values: [Float]

    init(_ image: [Float], width: Int, height: Int) {
        let block = max(Self.minimumBlock, (max(width, height) + Self.blocksAcross - 1) / Self.blocksAcross)
        let columns = (width + block - 1) / block, rows = (height + block - 1) / block
        var levels = [Float](repeating: 0, count: columns * rows)
        var histogram = [Int](repeating: 0, count: 256)
        for blockRow in 0..<rows {
            for blockColumn in 0..<columns {
                for index in histogram.indices { histogram[index] = 0 }
                let ys = (blockRow * block)..<min((blockRow + 1) * block, height)
                let xs = (blockColumn * block)..<min((blockColumn + 1) * block, width)
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
        var smallest = levels
        for blockRow in 0..<rows {
            for blockColumn in 0..<columns {
                var least = Float.infinity
                for r in max(blockRow - 1, 0)...min(blockRow + 1, rows - 1) {
                    for c in max(blockColumn - 1, 0)...min(blockColumn + 1, columns - 1) {
                        least = min(least, levels[r * columns + c])
                    }
                }
                smallest[blockRow * columns + blockColumn] = least
            }
        }
        // Bilinear between block centres; beyond the outer centres, the nearest block.
        var values = [Float](repeating: 0, count: width * height)
        let half = Float(block) / 2
        func position(_ pixel: Int, count: Int) -> (Int, Int, Float) {
            let at = (Float(pixel) + 0.5 - half) / Float(block)
            if at <= 0 { return (0, 0, 0) }
            let low = min(Int(at), count - 1), high = min(low + 1, count - 1)
            return (low, high, at - Float(low))
        }
        for y in 0..<height {
            let (top, bottom, fy) = position(y, count: rows)
            for x in 0..<width {
                let (left, right, fx) = position(x, count: columns)
                let upper = smallest[top * columns + left] * (1 - fx) + smallest[top * columns + right] * fx
                let lower = smallest[bottom * columns + left] * (1 - fx) + smallest[bottom * columns + right] * fx
                values[y * width + x] = upper * (1 - fy) + lower * fy
            }
        }
        self.values = values
    }
}
