extension Canvas {
    /// The canvas reduced (or enlarged) to a `columns` x `rows` grid, row-major, each value the
    /// average ink of the canvas area it covers (an exact box filter, so a grid cell half
    /// covered by a stroke reads 0.5). For showing the canvas at the terminal's resolution, e.g.
    /// two grid rows per character cell with half blocks. Empty for a non-positive size.
    ///
    /// Cost: proportional to the painted region plus the grid, not to the whole canvas.
    public func preview(columns: Int, rows: Int) -> [Float] {
        guard columns > 0, rows > 0 else { return [] }
        var grid = [Float](repeating: 0, count: columns * rows)
        guard let region = paintedRegion else { return grid }
        let scaleX = Float(columns) / Float(width), scaleY = Float(rows) / Float(height)
        pixels.withUnsafeBufferPointer { source in
            grid.withUnsafeMutableBufferPointer { output in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: columns + 1) { line in
                    BoxFilter.resample(source.baseAddress!, sourceWidth: width,
                                       columns: region.columns, rows: region.rows, origin: (0, 0),
                                       scaleX: scaleX, scaleY: scaleY,
                                       into: output.baseAddress!, width: columns, height: rows,
                                       line: line.baseAddress!)
                }
            }
        }
        // Rounding can leave a full cell a hair above 1.
        for index in grid.indices where grid[index] > 1 { grid[index] = 1 }
        return grid
    }
}
