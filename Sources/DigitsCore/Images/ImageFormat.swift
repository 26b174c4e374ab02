/// The image formats `ImageFile` reads, told apart by their first bytes (never by the file's
/// name, which a person may have got wrong).
public enum ImageFormat: String, Sendable, CaseIterable {
    case pgm = "PGM"
    case png = "PNG"
    case jpeg = "JPEG"

    /// The format whose signature `bytes` start with: PNG's eight-byte signature, JPEG's SOI
    /// marker followed by the start of another marker (FF D8 FF), or PGM's "P5"/"P2". Nil for
    /// anything else.
    public static func detect(_ bytes: some Collection<UInt8>) -> ImageFormat? {
        let head = Array(bytes.prefix(8))
        if head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.count >= 2, head[0] == UInt8(ascii: "P"), head[1] == UInt8(ascii: "5") || head[1] == UInt8(ascii: "2") {
            return .pgm
        }
        return nil
    }
}
