/// Letters as a person draws them with a mouse: strokes of points in a unit box (x right,
/// y down, 0...1), in drawing order.
///
/// Only letters that look like no digit. Left out, and why: O o D Q C c U u (a 0), I l i J j
/// T t r L (a 1 or a 7), Z z a (a 2), S s (a 5), G b e (a 6), B (an 8), g q P p d y Y (a 9 or
/// a 4), H h (an open 4). What is left is split in two: `training` letters are drawn as
/// negatives while training, `heldOut` ones only in the held-out part of the non-digit set.
public enum LetterStrokes {
    public typealias Strokes = [[(x: Float, y: Float)]]

    /// Letters trained on as non-digits.
    public static let training: [(name: String, strokes: Strokes)] = [
        ("A", [[(0, 1), (0.5, 0), (1, 1)], [(0.22, 0.62), (0.78, 0.62)]]),
        ("E", [[(1, 0), (0, 0), (0, 1), (1, 1)], [(0, 0.5), (0.75, 0.5)]]),
        ("F", [[(1, 0), (0, 0), (0, 1)], [(0, 0.48), (0.7, 0.48)]]),
        ("N", [[(0, 1), (0, 0), (1, 1), (1, 0)]]),
        ("R", [[(0, 1), (0, 0), (0.7, 0), (0.95, 0.13), (0.95, 0.37), (0.7, 0.5), (0, 0.5)], [(0.45, 0.5), (1, 1)]]),
        ("V", [[(0, 0), (0.5, 1), (1, 0)]]),
        ("X", [[(0, 0), (1, 1)], [(1, 0), (0, 1)]]),
        ("n", [[(0, 0.2), (0, 1)], [(0, 0.5), (0.2, 0.25), (0.5, 0.2), (0.8, 0.25), (1, 0.45), (1, 1)]]),
    ]

    /// Letters only in the held-out part of the non-digit set.
    public static let heldOut: [(name: String, strokes: Strokes)] = [
        ("K", [[(0, 0), (0, 1)], [(1, 0), (0, 0.55), (1, 1)]]),
        ("M", [[(0, 1), (0, 0), (0.5, 0.6), (1, 0), (1, 1)]]),
        ("W", [[(0, 0), (0.25, 1), (0.5, 0.35), (0.75, 1), (1, 0)]]),
        ("k", [[(0, 0), (0, 1)], [(0.85, 0.35), (0, 0.7), (0.9, 1)]]),
        ("m", [[(0, 0.3), (0, 1)], [(0, 0.45), (0.15, 0.3), (0.35, 0.3), (0.5, 0.45), (0.5, 1)],
               [(0.5, 0.45), (0.65, 0.3), (0.85, 0.3), (1, 0.45), (1, 1)]]),
        ("w", [[(0, 0.3), (0.22, 1), (0.5, 0.45), (0.78, 1), (1, 0.3)]]),
    ]
}
