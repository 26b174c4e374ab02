extension Canvas {
    /// The stroke width MNIST digits have once normalised, in 28x28 pixels: the ink summed
    /// across a stroke. Measured on the MNIST test set's ones (row by row, where the stroke is
    /// nearly vertical): median 2.95, 10th percentile 2.0, 90th 4.2; slant makes rows a little
    /// wider than the stroke, so the stroke itself is about 2.7.
    public static let mnistStrokeWidth: Float = 2.7

    /// How much of the canvas's height people fill with a digit when they draw one.
    public static let typicalDigitFill: Float = 0.75

    /// A brush radius, in canvas pixels, that makes strokes on a canvas of this size come out of
    /// `MNISTFormat.normalize` about as wide as MNIST's (`mnistStrokeWidth`), for a digit drawn
    /// about `typicalDigitFill` of the canvas high.
    ///
    /// Why: normalisation scales the digit's bounding box so its longer side, usually the
    /// height, becomes 20 pixels, and the area-averaging keeps the ink across a stroke, so a
    /// brush of radius r (which lays down 2r of ink across its path) on a digit h pixels tall
    /// becomes a stroke 2r * 20 / h wide. Setting that to the MNIST width gives
    /// r = mnistStrokeWidth / 2 * h / 20 with h = typicalDigitFill * height, about height / 20.
    /// The digit's height is limited by the canvas's width too on a tall narrow canvas (a digit
    /// is about 0.7 as wide as it is tall), hence the `min`. The result is at least 1 pixel so
    /// that the soft edge stays a fraction of the stroke.
    public static func suggestedBrushRadius(width: Int, height: Int) -> Float {
        let usableHeight = min(Float(max(height, 0)), Float(max(width, 0)) / 0.7)
        let digitHeight = typicalDigitFill * usableHeight
        return max(mnistStrokeWidth / 2 * digitHeight / Float(MNISTFormat.boxSide), 1)
    }

    /// `suggestedBrushRadius(width:height:)` for this canvas.
    public var suggestedBrushRadius: Float {
        Self.suggestedBrushRadius(width: width, height: height)
    }
}
