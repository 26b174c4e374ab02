import Foundation
import Testing
@testable import DigitsCore

@Suite("Safetensors container")
struct SafetensorsTests {
    typealias F = ModelFileFixtures

    @Test("writes what it reads: tensors of several dtypes and metadata survive a round trip")
    func roundTrip() throws {
        let original = SafetensorsFile(tensors: [
            SafetensorsTensor(name: "b", shape: [2, 3], values: [1, 2, 3, 4, 5, 6] as [Float]),
            SafetensorsTensor(name: "a", dtype: .f64, shape: [1], data: Data(repeating: 7, count: 8)),
            SafetensorsTensor(name: "c", dtype: .u8, shape: [3], data: Data([1, 2, 3])),
            SafetensorsTensor(name: "empty", dtype: .f32, shape: [0, 4], data: Data()),
            SafetensorsTensor(name: "scalar", dtype: .i16, shape: [], data: Data([9, 0])),
        ], metadata: ["k": "v", "quote\"and\\slash\n": "ünïcode ✓", "": ""])
        let decoded = try SafetensorsFile.decode(original.encoded(), path: "x")
        #expect(decoded.metadata == original.metadata)
        #expect(decoded.tensors.count == original.tensors.count)
        for tensor in original.tensors {
            let read = try #require(decoded[tensor.name])
            #expect(read.dtype == tensor.dtype)
            #expect(read.shape == tensor.shape)
            #expect(read.data == tensor.data)
        }
        #expect(decoded["b"]?.floatValues() == [1, 2, 3, 4, 5, 6])
    }

    @Test("lays the file out as the reference implementation does")
    func referenceLayout() throws {
        let file = SafetensorsFile(tensors: [
            SafetensorsTensor(name: "2.bias", shape: [1], values: [1] as [Float]),
            SafetensorsTensor(name: "10.bias", shape: [1], values: [2] as [Float]),
            SafetensorsTensor(name: "wide", dtype: .f64, shape: [1], data: Data(count: 8)),
        ], metadata: ["format": "pt"])
        let bytes = [UInt8](file.encoded())
        let length = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect(length % 8 == 0, "the header is padded so the data starts 8-byte aligned")
        let header = try #require(String(bytes: bytes[8..<(8 + length)], encoding: .utf8))
        #expect(header.hasSuffix("}") || header.hasSuffix(" "))
        #expect(header.trimmingCharacters(in: .whitespaces) == """
            {"__metadata__":{"format":"pt"},"wide":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},\
            "10.bias":{"dtype":"F32","shape":[1],"data_offsets":[8,12]},\
            "2.bias":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}
            """)
        #expect(bytes.count == 8 + length + 16)
    }

    @Test("converts F32, F64, F16 and BF16 to Float")
    func floatConversion() {
        func tensor(_ dtype: SafetensorsDType, _ bytes: [UInt8]) -> SafetensorsTensor {
            SafetensorsTensor(name: "t", dtype: dtype, shape: [bytes.count / dtype.byteCount], data: Data(bytes))
        }
        let halves: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x8000, 0x7C00, 0x3555]
        let halfValues = tensor(.f16, halves.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).floatValues() ?? []
        #expect(halfValues == [1, -2, 65504, 0x1p-24, -0.0, .infinity, 0.333251953125])
        #expect(tensor(.f16, [0x00, 0x7E]).floatValues()?.first?.isNaN == true)

        let bfloat = tensor(.bf16, [0x80, 0x3F, 0x40, 0xC0]).floatValues()
        #expect(bfloat == [1, -3])

        let doubles = [0.5, -1e300].flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
        #expect(tensor(.f64, doubles).floatValues() == [0.5, -.infinity])

        #expect(tensor(.i32, [0, 0, 0, 0]).floatValues() == nil)
    }

    @Test("the header parser is strict JSON", arguments: [
        ("{} ", true), ("\t{\"a\" : {} }\n", true), ("{\"a\":1,}", false), ("{'a':1}", false),
        ("{\"a\":01}", false), ("{\"a\":-}", false), ("{\"a\":1.}", false), ("{\"a\":tru}", false),
        ("{\"a\":\"\\x\"}", false), ("{\"a\":\"\\ud800\"}", false), ("{\"a\":\"\\ud83d\\ude00\"}", true),
        ("{\"a\":\"tab\there\"}", false), ("{} {}", false), ("", false), ("{\"a\":[1,2,]}", false),
        ("{\"a\":[-0, 1e5, -2.5E-3, true, false, null]}", true),
    ])
    func strictJSON(text: String, valid: Bool) {
        let parsed = try? JSONParser.parse(Array(text.utf8))
        #expect((parsed != nil) == valid, "\(text)")
    }

    @Test("the header parser keeps integers exact and tells them from other numbers")
    func integers() throws {
        func value(_ text: String) throws -> JSONNode.Value { try JSONParser.parse(Array(text.utf8)).value }
        guard case .integer(Int.max) = try value("9223372036854775807") else { Issue.record("Int.max"); return }
        guard case .integer(Int.min) = try value("-9223372036854775808") else { Issue.record("Int.min"); return }
        guard case .otherNumber = try value("9223372036854775808") else { Issue.record("Int.max + 1"); return }
        guard case .otherNumber = try value("1e2") else { Issue.record("1e2"); return }
        guard case .bool(true) = try value("true") else { Issue.record("true"); return }
    }

    @Test("the header parser refuses deep nesting instead of overflowing the stack")
    func nesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(deep.utf8)) }
        let fine = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        #expect((try? JSONParser.parse(Array(fine.utf8))) != nil)
    }

    @Test("the header parser rejects malformed UTF-8", arguments: [
        [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF], [0x80],
    ] as [[UInt8]])
    func malformedUTF8(sequence: [UInt8]) {
        let text = Array("{\"".utf8) + sequence + Array("\":1}".utf8)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test("decoding a slice of a larger buffer works the same")
    func slices() throws {
        let encoded = SafetensorsFile(tensors: [SafetensorsTensor(name: "x", shape: [2], values: [3, 4] as [Float])]).encoded()
        let padded = Data([1, 2, 3]) + encoded
        let slice = padded[3...]
        #expect(try SafetensorsFile.decode(slice, path: "x")["x"]?.floatValues() == [3, 4])
    }
}
