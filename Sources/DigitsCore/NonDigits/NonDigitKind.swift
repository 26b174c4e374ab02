/// The families of things people draw that are not digits, which `NonDigitGenerator` makes.
///
/// `training` are the families the network sees as negatives while training (and the
/// development part of the committed non-digit set); `heldOutOnly` are never trained on, so the
/// held-out part of the set measures whether rejection carries over to shapes it never saw.
///
/// Left out on purpose: plain circles and ovals (a 0), single steep lines (a 1), and letters
/// that look like digits (see `LetterStrokes`).
public enum NonDigitKind: String, Sendable, CaseIterable {
    /// Random wandering strokes, one to three.
    case scribble
    /// A letter that looks like no digit, from `LetterStrokes.training`.
    case letter
    /// A square or wide rectangle, sometimes crossed by a diagonal or a cross.
    case box
    case triangle
    /// A circle with a cross or a bar through it (a plain circle would be a 0).
    case crossedCircle = "crossed-circle"
    /// A filled patch, round or square: a blot or a filled block, painted back and forth.
    case blob
    /// One line, within 30 degrees of horizontal (a steeper one is a 1), straight or bowed.
    case strayLine = "stray-line"
    /// A cloud of single clicks.
    case dots
    /// A five-pointed star in one stroke (held out).
    case star
    /// A spiral of two or three turns (held out).
    case spiral
    /// A horizontal zigzag (held out).
    case zigzag
    /// Parallel lines or a grid, like shading (held out).
    case hatching
    /// A letter from `LetterStrokes.heldOut` (held out).
    case otherLetter = "other-letter"

    /// The families trained on.
    public static let training: [NonDigitKind] = [.scribble, .letter, .box, .triangle, .crossedCircle, .blob,
                                                  .strayLine, .dots]
    /// The families never trained on.
    public static let heldOutOnly: [NonDigitKind] = [.star, .spiral, .zigzag, .hatching, .otherLetter]
}
