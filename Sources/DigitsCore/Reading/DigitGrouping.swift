/// How ink falls into digits, left to right: the one rule the Draw screen (pieces are strokes)
/// and `digits predict` (pieces are runs of inked columns, see `MNISTFormat.digitImages`) share.
///
/// 1. **Side by side, not above and below.** Pieces whose horizontal extents overlap belong to
///    one digit, and so do pieces whose extents are nearly touching: a horizontal gap up to
///    `gapTolerance` times the drawing's height (all the ink, top to bottom) still joins them.
///    Overlap is transitive, so a digit is a run of pieces chained by overlap. That keeps the two
///    strokes of a 4, the bar of a 7 or a crossed 7, the flag and base of a 1 and the cap of a 5
///    with their digit: each crosses or touches the rest of it horizontally, or very nearly.
///    Two digits written with a visible gap between them come apart.
/// 2. **Specks are not digits.** A group smaller than `speckSize` times the drawing's height in
///    both directions (a stray dot, dust on a scan, a stroke's broken-off tip) joins the
///    nearer group beside it, as it did before digits were read apart, instead of being read
///    as a digit of its own.
///
/// The groups are ordered left to right and never overlap horizontally. How the rule was
/// measured (every drawing of the generated drawn-digit set and of 400 real pen drawings is
/// one group; MNIST test digits too): see `DigitGroupingTests` and the notes.
public enum DigitGrouping {
    /// The widest horizontal gap, as a share of the drawing's height, that still joins two
    /// pieces into one digit.
    public static let gapTolerance: Float = 0.1
    /// A group narrower and shorter than this share of the drawing's height is a speck.
    public static let speckSize: Float = 0.25

    /// The pieces grouped into digits, left to right; empty for no pieces. Pieces with
    /// non-finite extents are left out.
    public static func groups(_ pieces: [InkPiece]) -> [DigitGroup] {
        let usable = pieces.indices.filter {
            let piece = pieces[$0]
            return piece.left.isFinite && piece.right.isFinite && piece.top.isFinite && piece.bottom.isFinite
        }
        guard let first = usable.first else { return [] }
        var top = pieces[first].top, bottom = pieces[first].bottom
        for index in usable {
            top = min(top, pieces[index].top)
            bottom = max(bottom, pieces[index].bottom)
        }
        let height = bottom - top
        let tolerance = gapTolerance * height

        // 1. A sweep from the left: a piece starting within the tolerance of the group so far
        // joins it.
        let order = usable.sorted { (pieces[$0].left, $0) < (pieces[$1].left, $1) }
        var groups: [DigitGroup] = []
        for index in order {
            let piece = pieces[index]
            if var last = groups.last, piece.left <= last.right + tolerance {
                last.absorb(DigitGroup(piece: index, piece))
                groups[groups.count - 1] = last
            } else {
                groups.append(DigitGroup(piece: index, piece))
            }
        }

        // 2. Specks join the nearer neighbour, smallest first, until none is left alone.
        let speck = speckSize * height
        func isSpeck(_ group: DigitGroup) -> Bool { group.width < speck && group.height < speck }
        while groups.count > 1,
              let index = groups.indices.filter({ isSpeck(groups[$0]) })
                  .min(by: { groups[$0].width * groups[$0].height < groups[$1].width * groups[$1].height }) {
            let leftGap = index > 0 ? groups[index].left - groups[index - 1].right : Float.infinity
            let rightGap = index + 1 < groups.count ? groups[index + 1].left - groups[index].right : Float.infinity
            let neighbour = leftGap <= rightGap ? index - 1 : index + 1
            groups[neighbour].absorb(groups[index])
            groups.remove(at: index)
        }
        return groups
    }

    /// Where one group's territory ends and the next one's starts: the middle of the gap
    /// between them, so ink near a group's edge (a brush's soft rim) stays with it. One value
    /// per pair of neighbours, left to right.
    public static func boundaries(_ groups: [DigitGroup]) -> [Float] {
        zip(groups, groups.dropFirst()).map { ($0.right + $1.left) / 2 }
    }
}
