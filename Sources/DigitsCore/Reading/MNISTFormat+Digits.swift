extension MNISTFormat {
    /// The ink in `pixels` (`width * height` values, row-major, 0 background, 1 ink, as
    /// `normalize` takes them) read digit by digit, left to right: each digit's box in the
    /// image and its MNIST image made from its ink alone. Empty when there is no ink or
    /// `pixels.count` is not `width * height`.
    ///
    /// The pieces given to `DigitGrouping` are the runs of inked columns (a column is inked
    /// when any of its pixels is above `inkThreshold`), each with the rows its ink spans. That
    /// is the same as grouping the ink's connected components by horizontal overlap: a
    /// component (8-connected) inks every column between its leftmost and rightmost pixel, so
    /// components chained by overlap ink exactly one run of columns, and two runs apart share
    /// no component. Touching digits are one component, so they are one digit.
    ///
    /// One digit is exactly `normalize(pixels:width:height:)`, so a single digit reads as it
    /// always has.
    public static func digitImages(pixels: [Float], width: Int, height: Int) -> [DigitImage] {
        guard width > 0, height > 0, pixels.count == width * height else { return [] }
        return pixels.withUnsafeBufferPointer { buffer in
            let runs = columnRuns(buffer, width: width, height: height)
            let groups = DigitGrouping.groups(runs.map(\.piece))
            guard groups.count > 1 else {
                guard let group = groups.first,
                      let image = normalize(buffer, width: width, height: height,
                                            searching: CanvasRegion(columns: 0..<width, rows: 0..<height))
                else { return [] }
                return [DigitImage(group: group, columns: 0..<width, image: image)]
            }
            let territories = DigitGrouping.territories(of: groups, width: width)
            return zip(groups, territories).compactMap { group, columns in
                normalize(buffer, width: width, height: height,
                          searching: CanvasRegion(columns: columns, rows: 0..<height))
                    .map { DigitImage(group: group, columns: columns, image: $0) }
            }
        }
    }

    /// Runs of consecutive inked columns, left to right, each as a piece spanning its pixels:
    /// columns `left...right`, rows `top...bottom`.
    static func columnRuns(_ pixels: UnsafeBufferPointer<Float>, width: Int, height: Int) -> [(piece: InkPiece, columns: Range<Int>)] {
        // The top and bottom inked row of every column, one pass over the image row by row.
        var top = [Int](repeating: -1, count: width), bottom = [Int](repeating: -1, count: width)
        for y in 0..<height {
            let row = y * width
            for x in 0..<width where pixels[row + x] > inkThreshold {
                if top[x] < 0 { top[x] = y }
                bottom[x] = y
            }
        }
        var runs: [(piece: InkPiece, columns: Range<Int>)] = []
        var x = 0
        while x < width {
            guard top[x] >= 0 else { x += 1; continue }
            let start = x
            var upper = top[x], lower = bottom[x]
            while x < width, top[x] >= 0 {
                upper = min(upper, top[x])
                lower = max(lower, bottom[x])
                x += 1
            }
            // Pixel i covers i..<i+1: the piece spans whole pixels, so a one-pixel run is one wide.
            runs.append((InkPiece(left: Float(start), right: Float(x), top: Float(upper), bottom: Float(lower + 1)),
                         start..<x))
        }
        return runs
    }
}

extension DigitImage {
    /// The digit's ink box in whole pixels (for images, where the pieces are pixel runs).
    public var pixelBox: PixelBox {
        let left = Int(group.left.rounded(.down)), top = Int(group.top.rounded(.down))
        return PixelBox(x: left, y: top, width: Int(group.right.rounded(.up)) - left,
                        height: Int(group.bottom.rounded(.up)) - top)
    }
}
