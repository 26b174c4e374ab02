/// The keyboard pen: up (moving the cursor leaves no mark), or down drawing or erasing, so
/// moving the cursor draws a line.
public enum Pen: Hashable, Sendable {
    case up
    case drawing
    case erasing
}

/// Brush sizes offered by `[` and `]`, as multiples of the canvas's suggested radius (which
/// makes strokes come out as wide as MNIST's for a digit drawn three quarters of the canvas high).
public enum BrushSize {
    public static let factors: [Float] = [0.5, 0.65, 0.8, 1.0, 1.25, 1.5, 2.0]
    public static let defaultLevel = 3
}
