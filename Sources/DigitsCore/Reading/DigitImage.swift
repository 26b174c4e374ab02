/// One digit of a drawing or image of several, ready for the network: its group, where it is,
/// and the 28x28 input made from it alone by MNIST's recipe (`MNISTFormat`).
public struct DigitImage: Sendable, Equatable {
    /// The pieces of ink it was made from (strokes, or runs of inked columns).
    public var group: DigitGroup
    /// The pixel columns it owns, of the canvas or image it came from: from the middle of the
    /// gap on its left to the middle of the gap on its right (the whole width for the only or
    /// an outer digit). Every one of its inked pixels lies in them, and no other digit's.
    public var columns: Range<Int>
    /// The 784 values of its MNIST image, row-major 28x28, in 0...1.
    public var image: [Float]
    /// For a digit of a drawing of several, the strokes its image was made from (its own and
    /// every eraser, in order): the same strokes make the same image, so a later reading can
    /// reuse it (`Canvas.digitImages(strokes:reusing:)`). Empty otherwise.
    public var source: [CanvasStroke]

    public init(group: DigitGroup, columns: Range<Int>, image: [Float], source: [CanvasStroke] = []) {
        self.group = group
        self.columns = columns
        self.image = image
        self.source = source
    }
}

/// The box of a digit in whole pixels of the image it was found in.
public struct PixelBox: Hashable, Sendable, Codable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

extension DigitGrouping {
    /// The columns each group owns on a surface `width` pixels wide: cut at the boundaries
    /// (`boundaries`), rounded to whole pixels. Groups are given left to right.
    static func territories(of groups: [DigitGroup], width: Int) -> [Range<Int>] {
        // Clamped before conversion: a stroke dragged absurdly far must not overflow an Int.
        let cuts = boundaries(groups).map { Int(min(max($0, 0), Float(width)).rounded()) }
        let starts = [0] + cuts, ends = cuts + [width]
        return zip(starts, ends).map { $0..<max($0, $1) }
    }
}
