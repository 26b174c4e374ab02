/// Redraws a digit as a pen or a mouse would have drawn it: one stroke width throughout.
///
/// MNIST's digits were written with pens of varied pressure and then scanned, so a stroke
/// swells and thins along its length; a digit drawn on the Draw screen, or replayed from a
/// tablet's pen path, has the same width everywhere and round ends. Training only on scans
/// teaches the network that a stroke of even width is unusual. So some training images are
/// reduced to their centre lines (thinned to one pixel) and painted again, dot by dot, with the
/// Draw screen's own round brush (`Canvas`), at a width drawn from the range the Draw screen
/// itself gives the network (`StrokeWidth.accepted`).
enum PenStroke {
    /// The image `pixels` (`side` x `side`, ink 1) redrawn along its centre lines with strokes
    /// `width` pixels wide once normalised to MNIST's 20-pixel box; nil when it has no ink.
    static func redraw(_ pixels: [Float], side: Int, width: Float) -> [Float]? {
        let skeleton = centreLines(of: pixels, side: side)
        var minX = side, maxX = -1, minY = side, maxY = -1
        for y in 0..<side {
            for x in 0..<side where skeleton[y * side + x] {
                minX = min(minX, x); maxX = max(maxX, x)
                minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        guard maxX >= 0 else { return nil }
        let span = Float(max(maxX - minX, maxY - minY, 1))
        let radius = max(StrokeWidth.radius(forWidth: width, span: span), 0.75)
        var canvas = Canvas(width: side, height: side)
        for y in minY...maxY {
            for x in minX...maxX where skeleton[y * side + x] {
                canvas.dot(at: CanvasPoint(x: Float(x) + 0.5, y: Float(y) + 0.5), radius: radius)
            }
        }
        return canvas.pixels
    }

    /// The one-pixel centre lines of the ink (values of at least one half), by Zhang and
    /// Suen's thinning (1984): boundary pixels are peeled in two alternating sub-passes until
    /// none can go without breaking a line or shortening its ends.
    static func centreLines(of pixels: [Float], side n: Int) -> [Bool] {
        // A one-pixel blank border spares the neighbour reads any bounds checks; this runs for
        // thousands of training images an epoch.
        let stride = n + 2
        var ink = [Bool](repeating: false, count: stride * stride)
        for y in 0..<n { for x in 0..<n where pixels[y * n + x] >= 0.5 { ink[(y + 1) * stride + x + 1] = true } }
        // Neighbours clockwise from north (Zhang and Suen's P2 ... P9), as offsets.
        let offsets = [-stride, -stride + 1, 1, stride + 1, stride, stride - 1, -1, -stride - 1]
        var remove: [Int] = []
        var changed = true
        while changed {
            changed = false
            for pass in 0..<2 {
                remove.removeAll(keepingCapacity: true)
                for y in 1...n {
                    for x in 1...n where ink[y * stride + x] {
                        let index = y * stride + x
                        var mask = 0
                        for bit in 0..<8 where ink[index + offsets[bit]] { mask |= 1 << bit }
                        if Self.removable[pass][mask] { remove.append(index) }
                    }
                }
                for index in remove { ink[index] = false }
                if !remove.isEmpty { changed = true }
            }
        }
        var lines = [Bool](repeating: false, count: n * n)
        for y in 0..<n { for x in 0..<n { lines[y * n + x] = ink[(y + 1) * stride + x + 1] } }
        return lines
    }

    /// For each sub-pass and each of the 256 neighbourhoods (bit i set: neighbour P(i + 2)
    /// inked), whether the centre pixel may be peeled: two to six inked neighbours, exactly one
    /// blank-to-inked step going round, and not the pass's protected side.
    static let removable: [[Bool]] = (0..<2).map { pass in
        (0..<256).map { mask in
            let p = (0..<8).map { mask & (1 << $0) != 0 }
            let count = p.filter { $0 }.count
            guard (2...6).contains(count) else { return false }
            let transitions = (0..<8).filter { !p[$0] && p[($0 + 1) % 8] }.count
            guard transitions == 1 else { return false }
            let (north, east, south, west) = (p[0], p[2], p[4], p[6])
            let keep = pass == 0 ? (north && east && south) || (east && south && west)
                                 : (north && east && west) || (north && south && west)
            return !keep
        }
    }
}
