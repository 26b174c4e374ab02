/// One parser of bytes from outside the program, wrapped so a fuzzer can feed it anything.
///
/// A target returns normally whatever the bytes are: `.accepted` when the parser took them
/// (and what it built survived the next step, such as a forward pass), `.rejected` with the
/// parser's one-line typed error otherwise. Anything else, a trap, a sanitizer report, a
/// broken promise checked with `precondition`, is a bug the fuzzer reports.
///
/// The same targets run in two places: under libFuzzer (`scripts/fuzz`, the `digits-fuzz`
/// executable) and in `FuzzCorpusTests`, which replays the seed corpus and every crash ever
/// found, so a fixed crash stays fixed in an ordinary `swift test`.
public struct FuzzTarget: Sendable {
    /// The name `scripts/fuzz` and the corpus folder (Tests/Fuzz/Corpus/NAME) use.
    public let name: String
    /// What the target feeds the bytes to, for `--list`.
    public let summary: String
    private let body: @Sendable ([UInt8]) -> FuzzOutcome

    init(name: String, summary: String, body: @escaping @Sendable ([UInt8]) -> FuzzOutcome) {
        self.name = name
        self.summary = summary
        self.body = body
    }

    /// Feeds `bytes` to the parser and whatever follows it.
    public func run(_ bytes: [UInt8]) -> FuzzOutcome {
        body(bytes)
    }

    /// Every target, one per parser of outside bytes.
    public static let all: [FuzzTarget] = [.idx, .gzip, .safetensors, .pgm, .png, .jpeg, .drawnDigits]

    /// The target called `name`, if there is one.
    public static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }

    /// The file name errors carry: fuzz inputs come from memory.
    static let path = "<fuzz input>"
}

/// What a parser made of one input.
public enum FuzzOutcome: Equatable, Sendable {
    /// The bytes were valid and everything built from them worked.
    case accepted
    /// The parser refused the bytes with this message (the typed error's description).
    case rejected(String)
}
