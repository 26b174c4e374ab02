/// MNIST's own recipe for turning a drawing into the 28x28 image the network expects, as
/// described with the data set: take the bounding box of the ink, scale it with anti-aliasing so
/// its longer side is 20 pixels keeping the aspect ratio, then place it in a 28x28 field so that
/// its centre of mass is at the centre.
public enum MNISTFormat {
    /// Width and height of an MNIST image.
    public static let side = 28
    /// The longer side of the ink's bounding box after scaling.
    public static let boxSide = 20
    /// Where the centre of mass lands, in pixel indices (row and column). The MNIST test set's
    /// mean centre of mass, measured, is (13.99, 14.01) with a spread of 0.29 either way:
    /// index 14 shifted by whole pixels, not the geometric centre 13.5.
    public static let centreIndex = 14
    /// A pixel brighter than this counts as ink when finding the bounding box: anything that
    /// would not round to 0 when stored as a byte, as MNIST's pixels are. Lower than any
    /// visible grey, so the faint rim of a stroke or an MNIST digit's faintest pixels still count.
    public static let inkThreshold: Float = 0.5 / 255

    /// The drawing in `pixels` (`width * height` values, row-major, 0 background, 1 ink; values
    /// outside 0...1 are clamped) as 784 values in 0...1, row-major 28x28, scaled like
    /// `Dataset.copyBatch` scales MNIST's bytes (byte / 255). Nil when there is no ink, or when
    /// `pixels.count` is not `width * height`.
    ///
    /// How it matches MNIST:
    /// - the bounding box holds every pixel above `inkThreshold`;
    /// - scaling is an exact box filter: each output pixel is the average of the source area
    ///   it covers, fractional overlaps included, which anti-aliases when shrinking and keeps
    ///   the total ink (the stroke width in output pixels stays what it was, scaled). The longer
    ///   side becomes exactly 20 pixels; the shorter keeps the exact aspect ratio, so its last
    ///   column or row may be partly covered;
    /// - the 20-pixel box is then moved by a whole number of pixels so that its centre of mass
    ///   lands within half a pixel of (14, 14). MNIST shifted by whole pixels too, so its images
    ///   keep crisp box-aligned edges; a subpixel shift would blur every edge a little and make
    ///   drawings look less like the data the network learnt. Ink pushed past the 28x28 border
    ///   by that shift (only for very lopsided drawings) is lost, as in MNIST.
    ///
    /// Cost: one pass over the pixels to find the box, then work proportional to the inked
    /// pixels inside it; no allocation but the result.
    public static func normalize(pixels: [Float], width: Int, height: Int) -> [Float]? {
        guard width > 0, height > 0, pixels.count == width * height else { return nil }
        return pixels.withUnsafeBufferPointer { buffer in
            normalize(buffer, width: width, height: height,
                      searching: CanvasRegion(columns: 0..<width, rows: 0..<height))
        }
    }

    /// `normalize`, looking for ink only inside `region` (which must lie within the image).
    static func normalize(_ pixels: UnsafeBufferPointer<Float>, width: Int, height: Int,
                          searching region: CanvasRegion) -> [Float]? {
        guard let source = pixels.baseAddress, !region.rows.isEmpty, !region.columns.isEmpty,
              region.rows.lowerBound >= 0, region.rows.upperBound <= height,
              region.columns.lowerBound >= 0, region.columns.upperBound <= width
        else { return nil }

        // The bounding box of the ink.
        var top = -1, bottom = -1, left = Int.max, right = -1
        let end = region.columns.upperBound
        for y in region.rows {
            let row = source + y * width
            var x = region.columns.lowerBound
            while x < end, !(row[x] > inkThreshold) { x += 1 }
            if x == end { continue }
            if top < 0 { top = y }
            bottom = y
            left = min(left, x)
            // Only columns right of the box so far can widen it.
            var last = end - 1
            while last > right, !(row[last] > inkThreshold) { last -= 1 }
            right = max(right, last)
        }
        guard top >= 0 else { return nil }

        let box = boxSide
        let scale = Float(box) / Float(max(right - left + 1, bottom - top + 1))
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: box * box + box + 1) { temporary in
            let scaled = temporary.baseAddress!
            let line = scaled + box * box
            scaled.initialize(repeating: 0, count: box * box + box + 1)

            BoxFilter.resample(source, sourceWidth: width,
                               columns: left..<(right + 1), rows: top..<(bottom + 1), origin: (left, top),
                               scaleX: scale, scaleY: scale,
                               into: scaled, width: box, height: box, line: line)

            // Centre of mass of the scaled box, in its pixel indices.
            var mass: Float = 0, momentX: Float = 0, momentY: Float = 0
            for row in 0..<box {
                for column in 0..<box {
                    let value = scaled[row * box + column]
                    mass += value
                    momentX += Float(column) * value
                    momentY += Float(row) * value
                }
            }
            guard mass > 0 else { return nil }
            let shiftX = Int((Float(centreIndex) - momentX / mass).rounded())
            let shiftY = Int((Float(centreIndex) - momentY / mass).rounded())

            return [Float](unsafeUninitializedCapacity: side * side) { output, count in
                output.initialize(repeating: 0)
                for row in 0..<box where (0..<side).contains(row + shiftY) {
                    for column in 0..<box where (0..<side).contains(column + shiftX) {
                        output[(row + shiftY) * side + column + shiftX] = min(scaled[row * box + column], 1)
                    }
                }
                count = side * side
            }
        }
    }
}
