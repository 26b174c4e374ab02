import Foundation

/// Ways of writing a digit that MNIST, collected from American census staff and students,
/// hardly holds, added to training images of that digit.
///
/// Much of the world writes a 1 with a long flag from the top down to the left, often on a
/// foot, and crosses its 7s (the usual school forms in continental Europe and Latin America).
/// MNIST's 1s are nearly all bare strokes, so a network trained on it reads a flagged 1 as the
/// 7 or 4 it resembles. The stroke added is the one such writers add, drawn with the digit's
/// own stroke width: which digit the image shows does not change.
enum WritingStyle: Equatable {
    /// A 1's flag: from the top of the stroke down to the left, `length` (a share of the digit's
    /// height) at `angle` radians below the horizontal; with a foot `footLeft` and `footRight`
    /// (shares of the height) either side of the bottom, when they are not zero.
    case flaggedOne(length: Float, angle: Float, footLeft: Float, footRight: Float)
    /// A 7's bar across its stem at `height` (a share of the digit's height from the top),
    /// reaching `left` and `right` (shares of the height) from the stem, tilted by `tilt`.
    case crossedSeven(height: Float, left: Float, right: Float, tilt: Float)

    /// The digits a style exists for.
    static func applies(to label: UInt8) -> Bool { label == 1 || label == 7 }

    /// A random style for a digit labelled `label` (1 or 7), from `uniform(low, high)`.
    static func random(for label: UInt8, _ uniform: (Float, Float) -> Float) -> WritingStyle {
        if label == 1 {
            // About a third of flagged 1s stand on a foot, some only to the left.
            let foot = uniform(0, 1) < 0.35
            let left = foot ? uniform(0.12, 0.3) : 0
            return .flaggedOne(length: uniform(0.2, 0.8), angle: uniform(35, 70) * .pi / 180,
                               footLeft: left, footRight: foot ? left * uniform(0, 1) : 0)
        }
        return .crossedSeven(height: uniform(0.45, 0.62), left: uniform(0.12, 0.3),
                             right: uniform(0.1, 0.28), tilt: uniform(-0.05, 0.05))
    }

    /// `pixels` (`side` x `side`, ink 1) with the style's stroke painted in; unchanged when the
    /// image has too little ink to place it.
    func draw(on pixels: [Float], side n: Int) -> [Float] {
        var top = n, bottom = -1
        for y in 0..<n where (0..<n).contains(where: { pixels[y * n + $0] >= 0.5 }) {
            top = min(top, y); bottom = max(bottom, y)
        }
        guard bottom > top else { return pixels }
        let height = Float(bottom - top + 1)
        /// The mean column of the ink in rows `rows`, in pixel-centre coordinates.
        func centre(of rows: ClosedRange<Int>) -> Float? {
            var sum: Float = 0, weight: Float = 0
            for y in rows where y >= 0 && y < n {
                for x in 0..<n where pixels[y * n + x] >= 0.5 {
                    sum += Float(x) + 0.5; weight += 1
                }
            }
            return weight > 0 ? sum / weight : nil
        }
        let skeleton = PenStroke.centreLines(of: pixels, side: n).filter { $0 }.count
        let ink = pixels.reduce(0, +)
        let radius = min(max(ink / Float(max(skeleton, 1)) / 2, 0.75), height / 8)
        var canvas = Canvas(width: n, height: n)
        func line(_ x0: Float, _ y0: Float, _ x1: Float, _ y1: Float) {
            canvas.stroke(from: CanvasPoint(x: x0, y: y0), to: CanvasPoint(x: x1, y: y1), radius: radius)
        }
        switch self {
        case let .flaggedOne(length, angle, footLeft, footRight):
            guard let x = centre(of: top...(top + 1)) else { return pixels }
            let y = Float(top) + 0.5 + radius / 2
            line(x, y, x - length * height * Foundation.cos(angle), y + length * height * Foundation.sin(angle))
            if footLeft > 0, let footX = centre(of: (bottom - 1)...bottom) {
                let footY = Float(bottom) + 0.5 - radius / 2
                line(footX - footLeft * height, footY, footX + footRight * height, footY)
            }
        case let .crossedSeven(at, left, right, tilt):
            let row = top + Int((at * height).rounded())
            guard let x = centre(of: row...row) else { return pixels }
            let y = Float(row) + 0.5
            line(x - left * height, y - tilt * height, x + right * height, y + tilt * height)
        }
        return zip(pixels, canvas.pixels).map { max($0, $1) }
    }
}
