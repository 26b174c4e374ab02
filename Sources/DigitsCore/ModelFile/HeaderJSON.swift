/// A JSON value from a safetensors header, with the byte offset where it starts.
///
/// The header is parsed here rather than with JSONSerialization because the reader needs what
/// Foundation does not give: the offset of every value for error messages, duplicate keys
/// reported instead of silently dropped, `true` kept apart from `1`, integers that overflow
/// `Int` caught exactly, and a nesting limit so a hostile header cannot exhaust the stack.
struct JSONNode {
    enum Value {
        /// Members in file order; keys may repeat, the reader decides what that means.
        case object([Member])
        case array([JSONNode])
        case string(String)
        /// An integer literal (no fraction, no exponent) that fits in `Int`.
        case integer(Int)
        /// Any other number: a fraction, an exponent, or an integer too large for `Int`.
        case otherNumber
        case bool(Bool)
        case null
    }

    struct Member {
        let key: String
        let keyOffset: Int
        let value: JSONNode
    }

    let offset: Int
    let value: Value
}

/// Where a JSON text stops being JSON, and what would have been valid there.
struct JSONParseError: Error, Equatable {
    let offset: Int
    let expected: String
}

/// A strict RFC 8259 parser over bytes. Offsets are indices into `bytes`.
struct JSONParser {
    /// Deep enough for any safetensors header (which nests three levels), shallow enough that
    /// recursion can never overflow the stack.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    /// Parses one JSON value that must fill `bytes` apart from surrounding whitespace.
    static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONNode {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == bytes.count else {
            throw JSONParseError(offset: parser.position, expected: "end of header after the JSON value")
        }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            position += 1
        }
    }

    private func failure(_ expected: String) -> JSONParseError {
        JSONParseError(offset: position, expected: expected)
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONNode {
        let start = position
        guard let byte = current else { throw failure("a JSON value") }
        switch byte {
        case UInt8(ascii: "{"):
            return JSONNode(offset: start, value: try parseObject())
        case UInt8(ascii: "["):
            return JSONNode(offset: start, value: try parseArray())
        case UInt8(ascii: "\""):
            return JSONNode(offset: start, value: .string(try parseString()))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(offset: start, value: try parseNumber())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return JSONNode(offset: start, value: .bool(true))
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return JSONNode(offset: start, value: .bool(false))
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return JSONNode(offset: start, value: .null)
        default:
            throw failure("a JSON value")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expected in
            position + count <= bytes.count && bytes[position..<(position + count)].elementsEqual(expected)
        }
        guard matches else { throw failure("\(literal)") }
        position += count
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw failure("at most \(Self.maximumDepth) levels of nesting")
        }
        position += 1  // the opening bracket
        skipWhitespace()
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONNode.Value {
        try enterContainer()
        defer { depth -= 1 }
        var members: [JSONNode.Member] = []
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw failure("a string key") }
            let keyOffset = position
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw failure("':' after the key") }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONNode.Member(key: key, keyOffset: keyOffset, value: value))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                position += 1
                return .object(members)
            default:
                throw failure("',' or '}'")
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONNode.Value {
        try enterContainer()
        defer { depth -= 1 }
        var elements: [JSONNode] = []
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                position += 1
                return .array(elements)
            default:
                throw failure("',' or ']'")
            }
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONNode.Value {
        let negative = current == UInt8(ascii: "-")
        if negative { position += 1 }
        var magnitude = 0
        var fitsInInt = true
        guard let first = current, isDigit(first) else { throw failure("a digit") }
        if first == UInt8(ascii: "0") {
            position += 1
        } else {
            while let byte = current, isDigit(byte) {
                // Accumulate negatively so Int.min parses; any overflow makes it "other".
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (next, o2) = times10.subtractingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                if o1 || o2 { fitsInInt = false } else { magnitude = next }
                position += 1
            }
        }
        var integral = true
        if current == UInt8(ascii: ".") {
            integral = false
            position += 1
            guard let byte = current, isDigit(byte) else { throw failure("a digit after '.'") }
            while let byte = current, isDigit(byte) { position += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard let byte = current, isDigit(byte) else { throw failure("a digit in the exponent") }
            while let byte = current, isDigit(byte) { position += 1 }
        }
        guard integral, fitsInInt else { return .otherNumber }
        if negative { return .integer(magnitude) }
        guard magnitude != Int.min else { return .otherNumber }
        return .integer(-magnitude)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        position += 1  // the opening quote
        var scalars = String.UnicodeScalarView()
        while true {
            guard let byte = current else { throw failure("'\"' to close the string") }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                position += 1
                scalars.append(try parseEscape())
            case 0..<0x20:
                throw failure("no control characters inside a string (escape them)")
            case 0..<0x80:
                scalars.append(Unicode.Scalar(byte))
                position += 1
            default:
                scalars.append(try parseMultibyteUTF8())
            }
        }
    }

    private mutating func parseEscape() throws(JSONParseError) -> Unicode.Scalar {
        guard let byte = current else { throw failure("an escape character") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHex4()
            if (0xD800..<0xDC00).contains(high) {
                // A surrogate pair: the low half must follow as another \u escape.
                guard current == UInt8(ascii: "\\"), position + 1 < bytes.count,
                      bytes[position + 1] == UInt8(ascii: "u") else {
                    throw failure("a low surrogate \\u escape after a high surrogate")
                }
                position += 2
                let low = try parseHex4()
                guard (0xDC00..<0xE000).contains(low) else {
                    throw failure("a low surrogate (DC00-DFFF)")
                }
                let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                guard let scalar = Unicode.Scalar(value) else { throw failure("a valid code point") }
                return scalar
            }
            guard let scalar = Unicode.Scalar(high) else {
                throw failure("a high surrogate before a low one")
            }
            return scalar
        default:
            position -= 1
            throw failure("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u")
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw failure("four hex digits") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("four hex digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// Decodes one multi-byte UTF-8 sequence, rejecting overlong forms, surrogates and
    /// anything past U+10FFFF, as the standard requires.
    private mutating func parseMultibyteUTF8() throws(JSONParseError) -> Unicode.Scalar {
        let lead = bytes[position]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: throw failure("valid UTF-8")
        }
        guard position + length <= bytes.count else { throw failure("valid UTF-8") }
        for i in 1..<length {
            let byte = bytes[position + i]
            guard byte & 0xC0 == 0x80 else { throw failure("valid UTF-8") }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let smallest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= smallest, let scalar = Unicode.Scalar(value) else {
            throw failure("valid UTF-8")
        }
        position += length
        return scalar
    }
}
