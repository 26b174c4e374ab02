/// The connected pieces of ink in an image (8-connected; a pixel above 0 is ink), with what
/// `InkCleanup` needs to tell a digit from specks and the page's border: each piece's size,
/// bounding box and how much of each image edge it lies along.
struct InkComponents {
    /// One piece of ink.
    struct Component {
        var area = 0
        var left = Int.max, right = -1, top = Int.max, bottom = -1
        /// Pixels on the top, bottom, left and right edge rows and columns.
        var onTop = 0, onBottom = 0, onLeft = 0, onRight = 0
        /// Pixels in the band along the image's edges (`edgeBand` of the width or height).
        var nearEdge = 0

        var touchesEdge: Bool { onTop + onBottom + onLeft + onRight > 0 }
    }

    let width: Int
    let height: Int
    /// For every pixel, its piece's index plus one; 0 for background.
    private let labels: [Int32]
    let components: [Component]

    /// The pieces of `values`; `edgeBand` is the share of the width (and of the height) from
    /// each edge within which a pixel counts as near the edge.
    init(_ values: [Float], width: Int, height: Int, edgeBand: Float) {
        let bandX = Int(edgeBand * Float(width)), bandY = Int(edgeBand * Float(height))
        self.width = width
        self.height = height
        var labels = [Int32](repeating: 0, count: width * height)
        var components: [Component] = []
        var stack: [Int] = []
        for start in 0..<(width * height) where values[start] > 0 && labels[start] == 0 {
            var component = Component()
            let label = Int32(components.count + 1)
            labels[start] = label
            stack.append(start)
            while let index = stack.popLast() {
                let x = index % width, y = index / width
                component.area += 1
                component.left = min(component.left, x)
                component.right = max(component.right, x)
                component.top = min(component.top, y)
                component.bottom = max(component.bottom, y)
                if y == 0 { component.onTop += 1 }
                if y == height - 1 { component.onBottom += 1 }
                if x == 0 { component.onLeft += 1 }
                if x == width - 1 { component.onRight += 1 }
                if x < bandX || x >= width - bandX || y < bandY || y >= height - bandY { component.nearEdge += 1 }
                for ny in max(y - 1, 0)...min(y + 1, height - 1) {
                    for nx in max(x - 1, 0)...min(x + 1, width - 1) {
                        let neighbour = ny * width + nx
                        if values[neighbour] > 0, labels[neighbour] == 0 {
                            labels[neighbour] = label
                            stack.append(neighbour)
                        }
                    }
                }
            }
            components.append(component)
        }
        self.labels = labels
        self.components = components
    }

    /// The index of the piece at (x, y), or -1 for background.
    func label(_ x: Int, _ y: Int) -> Int { Int(labels[y * width + x]) - 1 }

    /// The pieces to keep: not smaller than `minimumArea` pixels, and not the page's border.
    /// A border piece touches an edge and either covers `borderArea` of the image, or spans
    /// `borderLength` of the width or height with nearly all its pixels (`nearlyAll`) in the
    /// band along the edges: the page's edge, a shadow, the corner of a table, all lie along
    /// the frame, while a digit cut by the frame reaches into the image. When that would drop
    /// every piece that is not a speck, the border pieces are kept: the "border" is then the
    /// digit itself.
    func keep(minimumArea: Int, borderLength: Float, borderArea: Float) -> Set<Int> {
        let sizable = components.indices.filter { components[$0].area >= minimumArea }
        let inner = sizable.filter { !isBorder(components[$0], length: borderLength, area: borderArea) }
        return Set(inner.isEmpty ? sizable : inner)
    }

    /// The share of a border piece's pixels that lie in the band along the edges.
    static let nearlyAll: Float = 0.9

    private func isBorder(_ component: Component, length: Float, area: Float) -> Bool {
        guard component.touchesEdge else { return false }
        if Float(component.area) >= area * Float(width * height) { return true }
        let across = Float(component.right - component.left + 1) / Float(width)
        let down = Float(component.bottom - component.top + 1) / Float(height)
        return max(across, down) >= length && Float(component.nearEdge) >= Self.nearlyAll * Float(component.area)
    }

    /// The bounding box of the pieces in `kept`; nil when there are none.
    func boundingBox(of kept: Set<Int>) -> CanvasRegion? {
        var left = Int.max, right = -1, top = Int.max, bottom = -1
        for index in kept {
            let component = components[index]
            left = min(left, component.left)
            right = max(right, component.right)
            top = min(top, component.top)
            bottom = max(bottom, component.bottom)
        }
        guard right >= 0 else { return nil }
        return CanvasRegion(columns: left..<(right + 1), rows: top..<(bottom + 1))
    }
}
