/// A size in terminal cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// "80x24", the way terminal sizes are usually written.
    public var description: String { "\(width)x\(height)" }

    /// Whether both sides are at least those of `minimum`.
    public func contains(_ minimum: Size) -> Bool {
        width >= minimum.width && height >= minimum.height
    }
}
