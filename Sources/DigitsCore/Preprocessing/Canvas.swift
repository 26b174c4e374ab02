/// A greyscale drawing surface: strokes of a soft round brush, kept at a resolution finer than
/// the terminal grid so that, once reduced to 28x28, the network sees grey anti-aliased edges
/// like MNIST's rather than jagged blocks.
///
/// Pixels are row-major, 0 for background and 1 for full ink. Painting keeps the brighter of
/// the old value and the brush's coverage (ink accumulates as a maximum, not a sum), so going
/// over a stroke again, or the overlap where two segments of a polyline meet, is no darker.
/// Erasing keeps the darker of the old value and one minus the coverage.
///
/// Every operation costs time proportional to the area the brush sweeps, not to the canvas,
/// because the UI strokes on every mouse move.
public struct Canvas: Sendable {
    /// The largest width or height a canvas takes; larger requests are clamped to it.
    public static let maximumSide = 8192

    /// Width in pixels.
    public private(set) var width: Int
    /// Height in pixels.
    public private(set) var height: Int
    /// `width * height` values in 0...1, row-major; 0 is background, 1 is ink.
    public private(set) var pixels: [Float]
    /// Every pixel painted since the canvas was made or cleared lies in this region (erasing may
    /// since have emptied parts of it); nil when nothing was painted. Lets `mnistImage()`,
    /// `isEmpty` and `clear()` look at the drawing only, not the whole canvas.
    public private(set) var paintedRegion: CanvasRegion?

    /// A blank canvas. Negative sizes count as 0 (a canvas with no pixels, on which every
    /// operation does nothing); sizes above `maximumSide` are clamped to it.
    public init(width: Int, height: Int) {
        self.width = min(max(width, 0), Self.maximumSide)
        self.height = min(max(height, 0), Self.maximumSide)
        pixels = [Float](repeating: 0, count: self.width * self.height)
    }

    /// The value of pixel (`x`, `y`); 0 outside the canvas, so a screen may read past the edges.
    public subscript(x x: Int, y y: Int) -> Float {
        guard (0..<width).contains(x), (0..<height).contains(y) else { return 0 }
        return pixels[y * width + x]
    }

    /// True when no pixel holds ink (above `MNISTFormat.inkThreshold`); then `mnistImage()` is nil.
    public var isEmpty: Bool {
        guard let region = paintedRegion else { return true }
        return pixels.withUnsafeBufferPointer { buffer in
            for y in region.rows {
                for x in region.columns where buffer[y * width + x] > MNISTFormat.inkThreshold {
                    return false
                }
            }
            return true
        }
    }

    /// Erases everything.
    public mutating func clear() {
        guard let region = paintedRegion else { return }
        let width = width
        pixels.withUnsafeMutableBufferPointer { buffer in
            for y in region.rows {
                for x in region.columns { buffer[y * width + x] = 0 }
            }
        }
        paintedRegion = nil
    }

    /// Paints (or, with `erasing`, erases) a round brush of `radius` pixels at `point`; the
    /// keyboard's space bar. Returns the pixels visited, nil if the brush missed the canvas.
    @discardableResult
    public mutating func dot(at point: CanvasPoint, radius: Float, erasing: Bool = false) -> CanvasRegion? {
        stroke(from: point, to: point, radius: radius, erasing: erasing)
    }

    /// Paints (or erases) `stroke` as the pointer made it: a dot where it pressed, then a
    /// segment to each point after.
    public mutating func paint(_ stroke: CanvasStroke) {
        guard let first = stroke.points.first else { return }
        dot(at: first, radius: stroke.radius, erasing: stroke.erasing)
        for (from, to) in zip(stroke.points, stroke.points.dropFirst()) {
            self.stroke(from: from, to: to, radius: stroke.radius, erasing: stroke.erasing)
        }
    }

    /// Paints (or, with `erasing`, erases) the segment from `start` to `end` with a round brush
    /// of `radius` pixels: every pixel whose centre lies within `radius` of the segment is
    /// covered fully, and coverage falls linearly to 0 over the one pixel straddling the brush's
    /// edge (from `radius - 0.5` to `radius + 0.5`), which approximates the fraction of the
    /// pixel's area under the brush. A polyline drawn as consecutive segments has round joins
    /// and no dark overlaps.
    ///
    /// Parts of the brush outside the canvas are clipped. Non-finite coordinates or radius do
    /// nothing. Returns the pixels visited (a superset of those changed), nil if none.
    @discardableResult
    public mutating func stroke(from start: CanvasPoint, to end: CanvasPoint, radius: Float,
                                erasing: Bool = false) -> CanvasRegion? {
        guard start.x.isFinite, start.y.isFinite, end.x.isFinite, end.y.isFinite, radius.isFinite,
              width > 0, height > 0 else { return nil }
        let reach = max(radius, 0) + 0.5
        // Only the part of the segment within `reach` of the canvas can paint it, and clipping
        // to that keeps later arithmetic in a sane range whatever coordinates arrive.
        let margin = reach + 1
        guard let (start, end) = Self.clip(start, end, to: -margin...(Float(width) + margin),
                                           -margin...(Float(height) + margin))
        else { return nil }
        let solid = radius - 0.5
        let solidSquared = solid > 0 ? solid * solid : -1
        let reachSquared = reach * reach
        let dx = end.x - start.x, dy = end.y - start.y
        let lengthSquared = dx * dx + dy * dy
        let isPoint = lengthSquared < 1e-12
        let inverseLengthSquared = isPoint ? 0 : 1 / lengthSquared

        // Pixel j's centre is j + 0.5; rows whose centre is within reach of the segment's span.
        let firstRow = Self.ceilingIndex(min(start.y, end.y) - reach - 0.5, limit: height)
        let lastRow = Self.floorIndex(max(start.y, end.y) + reach - 0.5, limit: height)
        guard firstRow <= lastRow, firstRow < height, lastRow >= 0 else { return nil }

        var minColumn = Int.max, maxColumn = Int.min, minRow = Int.max, maxRow = Int.min
        let width = width
        pixels.withUnsafeMutableBufferPointer { buffer in
            for row in max(firstRow, 0)...min(lastRow, height - 1) {
                let centreY = Float(row) + 0.5
                // Only the part of the segment within `reach` of this row vertically can cover
                // it, so the row's columns are that part's x-span widened by `reach`. This keeps
                // the work near the stroke even for long diagonal segments.
                var spanStart = min(start.x, end.x), spanEnd = max(start.x, end.x)
                if abs(dy) > 1e-6 {
                    let t1 = (centreY - reach - start.y) / dy, t2 = (centreY + reach - start.y) / dy
                    let low = max(0, min(t1, t2)), high = min(1, max(t1, t2))
                    if low > high { continue }
                    let xLow = start.x + low * dx, xHigh = start.x + high * dx
                    spanStart = min(xLow, xHigh)
                    spanEnd = max(xLow, xHigh)
                }
                let first = max(Self.ceilingIndex(spanStart - reach - 0.5, limit: width), 0)
                let last = min(Self.floorIndex(spanEnd + reach - 0.5, limit: width), width - 1)
                if first > last { continue }
                minColumn = min(minColumn, first)
                maxColumn = max(maxColumn, last)
                minRow = min(minRow, row)
                maxRow = max(maxRow, row)

                let offsetY = centreY - start.y
                let base = row * width
                for column in first...last {
                    let offsetX = Float(column) + 0.5 - start.x
                    let t = min(max((offsetX * dx + offsetY * dy) * inverseLengthSquared, 0), 1)
                    let ex = offsetX - t * dx, ey = offsetY - t * dy
                    let distanceSquared = ex * ex + ey * ey
                    if distanceSquared >= reachSquared { continue }
                    let coverage: Float = distanceSquared <= solidSquared
                        ? 1 : min(reach - distanceSquared.squareRoot(), 1)
                    if erasing {
                        buffer[base + column] = min(buffer[base + column], 1 - coverage)
                    } else {
                        buffer[base + column] = max(buffer[base + column], coverage)
                    }
                }
            }
        }
        guard minRow <= maxRow else { return nil }
        let visited = CanvasRegion(columns: minColumn..<(maxColumn + 1), rows: minRow..<(maxRow + 1))
        // Erasing only lowers values, so ink never leaves the region already painted.
        if !erasing { paintedRegion = paintedRegion.map { $0.union(visited) } ?? visited }
        return visited
    }

    /// The drawing in MNIST's format (see `MNISTFormat.normalize`): 784 values in 0...1,
    /// row-major 28x28; nil when the canvas is empty.
    public func mnistImage() -> [Float]? {
        guard let region = paintedRegion else { return nil }
        return pixels.withUnsafeBufferPointer { buffer in
            MNISTFormat.normalize(buffer, width: width, height: height, searching: region)
        }
    }

    /// The part of the segment from `start` to `end` inside the rectangle, nil if none
    /// (Liang-Barsky clipping, in Double). Where the segment crosses an edge, the point takes
    /// that edge's coordinate exactly, so a horizontal or vertical line from absurdly far away
    /// still lands on the right row or column; only the other coordinate is computed.
    private static func clip(_ start: CanvasPoint, _ end: CanvasPoint, to xs: ClosedRange<Float>,
                             _ ys: ClosedRange<Float>) -> (CanvasPoint, CanvasPoint)? {
        let x0 = Double(start.x), y0 = Double(start.y)
        let dx = Double(end.x) - x0, dy = Double(end.y) - y0
        var low = 0.0, high = 1.0
        var first = start, last = end
        func crossing(_ t: Double, x: Float?, y: Float?) -> CanvasPoint {
            CanvasPoint(x: x ?? min(max(Float(x0 + t * dx), xs.lowerBound), xs.upperBound),
                        y: y ?? min(max(Float(y0 + t * dy), ys.lowerBound), ys.upperBound))
        }
        // Each edge as p * t <= q, with the coordinate a crossing of it has.
        let edges: [(p: Double, q: Double, x: Float?, y: Float?)] = [
            (-dx, x0 - Double(xs.lowerBound), xs.lowerBound, nil),
            (dx, Double(xs.upperBound) - x0, xs.upperBound, nil),
            (-dy, y0 - Double(ys.lowerBound), nil, ys.lowerBound),
            (dy, Double(ys.upperBound) - y0, nil, ys.upperBound),
        ]
        for edge in edges {
            if edge.p == 0 {
                if edge.q < 0 { return nil }
                continue
            }
            let t = edge.q / edge.p
            if edge.p < 0, t > low {
                low = t
                first = crossing(t, x: edge.x, y: edge.y)
            } else if edge.p > 0, t < high {
                high = t
                last = crossing(t, x: edge.x, y: edge.y)
            }
        }
        guard low <= high else { return nil }
        return (first, last)
    }

    /// `ceil(value)` as an index, clamped to -1...limit first so that huge or tiny coordinates
    /// cannot overflow an Int.
    private static func ceilingIndex(_ value: Float, limit: Int) -> Int {
        Int(min(max(value, -1), Float(limit)).rounded(.up))
    }

    /// `floor(value)` as an index, clamped to -1...limit first.
    private static func floorIndex(_ value: Float, limit: Int) -> Int {
        Int(min(max(value, -1), Float(limit)).rounded(.down))
    }
}

extension Canvas: Equatable {
    /// Canvases are equal when they hold the same pixels; how they got there does not matter.
    public static func == (lhs: Canvas, rhs: Canvas) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.pixels == rhs.pixels
    }
}
