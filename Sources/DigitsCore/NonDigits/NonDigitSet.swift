/// The committed set of non-digits that measures rejection (Tests/Fixtures/non-digits/, see its
/// README), made by `NonDigitGenerator` in the drawn-digit format so it replays exactly as the
/// Draw screen paints.
///
/// Two parts, as writers of the set: **development** drawings of the kinds trained on, from a
/// seed no training run uses by default, which may be looked at while tuning; **held-out**
/// drawings from another seed, of every kind including those never trained on
/// (`NonDigitKind.heldOutOnly`), which are only reported on.
public enum NonDigitSet {
    /// The seeds of the two parts. Training seeds its own generator from the training seed
    /// (`TrainingConfiguration.seed`), never from these.
    public static let developmentSeed: UInt64 = 0xD15C_0001
    public static let heldOutSeed: UInt64 = 0xD15C_0002
    /// Drawings of each kind in each part.
    public static let perKind = 24

    /// The set, as the fixture holds it.
    public static func make() -> DrawnDigitSet {
        var development = NonDigitGenerator(seed: developmentSeed, kinds: NonDigitKind.training)
        var heldOut = NonDigitGenerator(seed: heldOutSeed, kinds: NonDigitKind.training + NonDigitKind.heldOutOnly)
        let developmentDrawings = development.drawings(perKind * development.kinds.count)
        let heldOutDrawings = heldOut.drawings(perKind * heldOut.kinds.count, writerPrefix: heldOutPrefix)
        let writers = NonDigitKind.training.map { DrawnWriter(name: $0.rawValue, split: .development, style: style($0)) }
            + heldOut.kinds.map { DrawnWriter(name: heldOutPrefix + $0.rawValue, split: .heldOut, style: style($0)) }
        return DrawnDigitSet(
            description: "Drawings that are not digits (no label), made by NonDigitGenerator: "
                + "development seed \(developmentSeed), held-out seed \(heldOutSeed); see README.md",
            writers: writers, drawings: developmentDrawings + heldOutDrawings)
    }

    static let heldOutPrefix = "held-out-"

    private static func style(_ kind: NonDigitKind) -> String {
        NonDigitKind.heldOutOnly.contains(kind) ? "\(kind.rawValue), never trained on" : kind.rawValue
    }
}
