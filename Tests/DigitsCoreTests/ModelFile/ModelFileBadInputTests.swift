import Foundation
import Testing
@testable import DigitsCore

/// One corrupt file and the problem it must be reported as.
struct BadModelCase: Sendable, CustomTestStringConvertible {
    let name: String
    let data: Data
    let problem: ModelFileProblem
    /// The byte offset the error must point at, when it should point anywhere.
    var offset: Int?? = .none

    var testDescription: String { name }
}

@Suite("ModelFile bad input")
struct ModelFileBadInputTests {
    typealias F = ModelFileFixtures

    /// A valid 2-1 model: 0.weight [1, 2] then 0.bias [1].
    static let weightEntry = #""0.weight":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]}"#
    static let biasEntry = #""0.bias":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}"#
    static let twelveBytes = F.bytes([0.5, -0.5, 0.25])

    static func raw(_ entries: String, data: [UInt8] = twelveBytes) -> Data {
        F.rawFile(header: "{" + entries + "}", data: data)
    }

    /// A valid 4-3-2 model, decoded, changed, and encoded again.
    static func modified(_ change: (inout SafetensorsFile) -> Void) -> Data {
        guard var file = try? SafetensorsFile.decode(ModelFile.encode(F.network(sizes: [4, 3, 2])), path: "x") else {
            preconditionFailure("the fixture model decodes")
        }
        change(&file)
        return file.encoded()
    }

    static func replacing(_ name: String, shape: [Int], values: [Float]) -> (inout SafetensorsFile) -> Void {
        { file in
            file.tensors.removeAll { $0.name == name }
            file.tensors.append(SafetensorsTensor(name: name, shape: shape, values: values))
        }
    }

    static func lengthOnly(_ length: UInt64, then count: Int) -> Data {
        withUnsafeBytes(of: length.littleEndian) { Data($0) } + Data(repeating: 0x20, count: count)
    }

    static let containerCases: [BadModelCase] = [
        BadModelCase(name: "empty file", data: Data(), problem: .tooShort(size: 0), offset: .some(nil)),
        BadModelCase(name: "3-byte file", data: Data([1, 2, 3]), problem: .tooShort(size: 3)),
        BadModelCase(name: "header length past the end", data: lengthOnly(100, then: 10),
                     problem: .headerBeyondEnd(length: 100, available: 10), offset: 0),
        BadModelCase(name: "header length 2^60", data: lengthOnly(1 << 60, then: 10),
                     problem: .headerTooLarge(length: 1 << 60, limit: 100_000_000), offset: 0),
        BadModelCase(name: "header length UInt64.max", data: lengthOnly(.max, then: 0),
                     problem: .headerTooLarge(length: .max, limit: 100_000_000)),
        BadModelCase(name: "truncated JSON", data: F.rawFile(header: #"{"0.weight":"#),
                     problem: .invalidJSON(expected: "a JSON value"), offset: 8 + 12),
        BadModelCase(name: "JSON with a trailing comma", data: raw(weightEntry + "," + biasEntry + ","),
                     problem: .invalidJSON(expected: "a string key")),
        BadModelCase(name: "header of zero bytes", data: lengthOnly(0, then: 0), problem: .invalidJSON(expected: "a JSON value")),
        BadModelCase(name: "header is padding only", data: lengthOnly(8, then: 8), problem: .invalidJSON(expected: "a JSON value")),
        BadModelCase(name: "header not valid UTF-8", data: F.rawFile(header: "{\"\u{FFFF}\":1}").replacingByte(at: 10, with: 0xFF),
                     problem: .invalidJSON(expected: "valid UTF-8"), offset: 10),
        BadModelCase(name: "header is an array", data: F.rawFile(header: "[1, 2]"), problem: .headerNotObject, offset: 8),
        BadModelCase(name: "header is a string", data: F.rawFile(header: "\"model\""), problem: .headerNotObject),
        BadModelCase(name: "header is null", data: F.rawFile(header: "  null"), problem: .headerNotObject, offset: 10),
        BadModelCase(name: "a tensor named twice", data: raw(weightEntry + "," + weightEntry),
                     problem: .duplicateName("0.weight")),
        BadModelCase(name: "entry not an object", data: raw(#""0.weight":5"#, data: []),
                     problem: .badEntry(tensor: "0.weight", expected: "an object with dtype, shape and data_offsets")),
        BadModelCase(name: "entry without dtype", data: raw(#""0.weight":{"shape":[1,2],"data_offsets":[0,8]}"#),
                     problem: .badEntry(tensor: "0.weight", expected: "a \"dtype\" field")),
        BadModelCase(name: "dtype not a string", data: raw(#""0.weight":{"dtype":4,"shape":[1,2],"data_offsets":[0,8]}"#),
                     problem: .badEntry(tensor: "0.weight", expected: "\"dtype\" to be a string")),
        BadModelCase(name: "unknown dtype", data: raw(#""0.weight":{"dtype":"F7","shape":[1,2],"data_offsets":[0,8]},"# + biasEntry),
                     problem: .unknownDType(tensor: "0.weight", dtype: "F7"), offset: 8 + 21),
        BadModelCase(name: "lower-case dtype", data: raw(#""0.weight":{"dtype":"f32","shape":[1,2],"data_offsets":[0,8]},"# + biasEntry),
                     problem: .unknownDType(tensor: "0.weight", dtype: "f32")),
        BadModelCase(name: "shape and offsets disagree", data: raw(#""0.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[0,8]},"# + biasEntry),
                     problem: .sizeMismatch(tensor: "0.weight", expectedBytes: 16, actualBytes: 8)),
        BadModelCase(name: "negative dimension", data: raw(#""0.weight":{"dtype":"F32","shape":[-1,2],"data_offsets":[0,8]},"# + biasEntry),
                     problem: .badEntry(tensor: "0.weight", expected: "\"shape\" to be a list of non-negative integers")),
        BadModelCase(name: "fractional dimension", data: raw(#""0.weight":{"dtype":"F32","shape":[1.5,2],"data_offsets":[0,8]},"# + biasEntry),
                     problem: .badEntry(tensor: "0.weight", expected: "\"shape\" to be a list of non-negative integers")),
        BadModelCase(name: "boolean dimension", data: raw(#""0.weight":{"dtype":"F32","shape":[true,2],"data_offsets":[0,8]},"# + biasEntry),
                     problem: .badEntry(tensor: "0.weight", expected: "\"shape\" to be a list of non-negative integers")),
        BadModelCase(name: "shape not a list", data: raw(#""0.weight":{"dtype":"F32","shape":"1,2","data_offsets":[0,8]},"# + biasEntry),
                     problem: .badEntry(tensor: "0.weight", expected: "\"shape\" to be a list of non-negative integers")),
        BadModelCase(name: "shape whose product overflows", data: raw(#""0.weight":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]},"# + biasEntry),
                     problem: .shapeTooLarge(tensor: "0.weight", shape: "[4611686018427387904, 4]")),
        BadModelCase(name: "shape whose byte count overflows", data: raw(#""0.weight":{"dtype":"F32","shape":[4611686018427387904],"data_offsets":[0,8]},"# + biasEntry),
                     problem: .shapeTooLarge(tensor: "0.weight", shape: "[4611686018427387904]")),
        BadModelCase(name: "offsets reversed", data: raw(#""0.weight":{"dtype":"F32","shape":[1,2],"data_offsets":[8,0]},"# + biasEntry),
                     problem: .badEntry(tensor: "0.weight", expected: "\"data_offsets\" to be [begin, end] with 0 <= begin <= end")),
        BadModelCase(name: "one offset", data: raw(#""0.weight":{"dtype":"F32","shape":[1,2],"data_offsets":[8]},"# + biasEntry),
                     problem: .badEntry(tensor: "0.weight", expected: "\"data_offsets\" to be [begin, end] with 0 <= begin <= end")),
        BadModelCase(name: "offset beyond Int", data: raw(#""0.weight":{"dtype":"F32","shape":[1,2],"data_offsets":[0,99999999999999999999]},"# + biasEntry),
                     problem: .badEntry(tensor: "0.weight", expected: "\"data_offsets\" to be [begin, end] with 0 <= begin <= end")),
        BadModelCase(name: "offsets out of bounds", data: raw(weightEntry + "," + #""0.bias":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}"#),
                     problem: .outOfBounds(tensor: "0.bias", end: 16, dataSize: 12)),
        BadModelCase(name: "offset Int.max", data: raw(#""0.weight":{"dtype":"F32","shape":[1,2],"data_offsets":[9223372036854775799,9223372036854775807]},"# + biasEntry),
                     problem: .outOfBounds(tensor: "0.weight", end: .max, dataSize: 12)),
        BadModelCase(name: "overlapping offsets", data: raw(weightEntry + "," + #""0.bias":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}"#),
                     problem: .overlap(tensor: "0.bias", other: "0.weight")),
        BadModelCase(name: "two tensors on the same bytes", data: raw(weightEntry + "," + #""1.weight":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}"#, data: F.bytes([1, 2])),
                     problem: .overlap(tensor: "1.weight", other: "0.weight")),
        BadModelCase(name: "hole between tensors", data: raw(weightEntry + "," + #""0.bias":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}"#, data: F.bytes([1, 2, 3, 4])),
                     problem: .hole(begin: 8, end: 12)),
        BadModelCase(name: "bytes after the last tensor", data: raw(weightEntry + "," + biasEntry, data: twelveBytes + [0, 0, 0, 0]),
                     problem: .hole(begin: 12, end: 16)),
        BadModelCase(name: "metadata value not a string", data: raw(#""__metadata__":{"epochs":3},"# + weightEntry + "," + biasEntry),
                     problem: .metadataNotString(key: "epochs")),
        BadModelCase(name: "metadata value null", data: raw(#""__metadata__":{"activation":null},"# + weightEntry + "," + biasEntry),
                     problem: .metadataNotString(key: "activation")),
        BadModelCase(name: "metadata not an object", data: raw(#""__metadata__":["relu"],"# + weightEntry + "," + biasEntry),
                     problem: .metadataNotObject),
        BadModelCase(name: "metadata key twice", data: raw(#""__metadata__":{"a":"1","a":"2"},"# + weightEntry + "," + biasEntry),
                     problem: .duplicateName("__metadata__.a")),
    ]

    static let networkCases: [BadModelCase] = [
        BadModelCase(name: "no tensors", data: F.rawFile(header: "{}"), problem: .noLayers),
        BadModelCase(name: "metadata only", data: F.rawFile(header: #"{"__metadata__":{"activation":"relu"}}"#), problem: .noLayers),
        BadModelCase(name: "missing bias", data: modified { $0.tensors.removeAll { $0.name == "2.bias" } },
                     problem: .missingTensor("2.bias")),
        BadModelCase(name: "missing weight", data: modified { $0.tensors.removeAll { $0.name == "0.weight" } },
                     problem: .missingTensor("0.weight")),
        BadModelCase(name: "extra tensor", data: modified(replacing("extra", shape: [1], values: [1])),
                     problem: .unexpectedTensors(["extra"])),
        BadModelCase(name: "tensors of another module", data: modified { file in
            file.tensors = file.tensors.map { SafetensorsTensor(name: "fc" + $0.name, dtype: $0.dtype, shape: $0.shape, data: $0.data) }
        }, problem: .unexpectedTensors(["fc0.bias", "fc0.weight", "fc2.bias", "fc2.weight"])),
        BadModelCase(name: "index with a leading zero", data: modified(replacing("02.weight", shape: [1], values: [1])),
                     problem: .unexpectedTensors(["02.weight"])),
        BadModelCase(name: "layer indices with a gap", data: modified { file in
            file.tensors = file.tensors.map { SafetensorsTensor(name: $0.name.replacingOccurrences(of: "2.", with: "4."), dtype: $0.dtype, shape: $0.shape, data: $0.data) }
        }, problem: .badLayerIndices(found: [0, 4])),
        BadModelCase(name: "odd layer index", data: modified { file in
            file.tensors = file.tensors.map { SafetensorsTensor(name: $0.name.replacingOccurrences(of: "2.", with: "1."), dtype: $0.dtype, shape: $0.shape, data: $0.data) }
        }, problem: .badLayerIndices(found: [0, 1])),
        BadModelCase(name: "shapes that do not chain", data: modified(replacing("2.weight", shape: [2, 5], values: Array(repeating: 0.5, count: 10))),
                     problem: .shapesDoNotChain(tensor: "2.weight", shape: [2, 5], expected: "[_, 3]")),
        BadModelCase(name: "bias of the wrong length", data: modified(replacing("0.bias", shape: [4], values: [1, 2, 3, 4])),
                     problem: .wrongShape(tensor: "0.bias", shape: [4], expected: "[3]")),
        BadModelCase(name: "bias as a matrix", data: modified(replacing("0.bias", shape: [3, 1], values: [1, 2, 3])),
                     problem: .wrongShape(tensor: "0.bias", shape: [3, 1], expected: "[3]")),
        BadModelCase(name: "weight as a vector", data: modified(replacing("0.weight", shape: [12], values: Array(repeating: 1, count: 12))),
                     problem: .wrongShape(tensor: "0.weight", shape: [12], expected: "[out, in]")),
        BadModelCase(name: "integer weights", data: modified { file in
            file.tensors = file.tensors.map { SafetensorsTensor(name: $0.name, dtype: $0.name == "2.weight" ? .i32 : $0.dtype, shape: $0.shape, data: $0.data) }
        }, problem: .unsupportedDType(tensor: "2.weight", dtype: "I32")),
        BadModelCase(name: "zero-width layer", data: raw(#""0.weight":{"dtype":"F32","shape":[0,2],"data_offsets":[0,0]},"0.bias":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}"#, data: []),
                     problem: .invalidNetwork(.badWidth(0))),
        BadModelCase(name: "unknown activation", data: modified { $0.metadata["activation"] = "tanh" },
                     problem: .unknownActivation("tanh")),
        BadModelCase(name: "architecture that disagrees", data: modified { $0.metadata["architecture"] = "784-128-10" },
                     problem: .architectureMismatch(metadata: "784-128-10", tensors: "4-3-2")),
        BadModelCase(name: "NaN weight", data: modified(replacing("2.weight", shape: [2, 3], values: [0, 0, 0, .nan, 0, 0])),
                     problem: .notFinite(tensor: "2.weight", index: 3)),
        BadModelCase(name: "infinite bias", data: modified(replacing("0.bias", shape: [3], values: [0, .infinity, 0])),
                     problem: .notFinite(tensor: "0.bias", index: 1)),
        BadModelCase(name: "negative infinite weight", data: modified(replacing("0.weight", shape: [3, 4], values: Array(repeating: 0, count: 11) + [-.infinity])),
                     problem: .notFinite(tensor: "0.weight", index: 11)),
        BadModelCase(name: "F64 weight too large for Float", data: modified { file in
            file.tensors.removeAll { $0.name == "0.bias" }
            let huge = [1.0, 1e300, 1.0].flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
            file.tensors.append(SafetensorsTensor(name: "0.bias", dtype: .f64, shape: [3], data: Data(huge)))
        }, problem: .notFinite(tensor: "0.bias", index: 1)),
    ]

    @Test("each corrupt container gets its own one-line error", arguments: containerCases)
    func container(_ bad: BadModelCase) {
        check(bad)
    }

    @Test("each file that is not a usable network gets its own one-line error", arguments: networkCases)
    func network(_ bad: BadModelCase) {
        check(bad)
    }

    func check(_ bad: BadModelCase) {
        guard let error = F.error(decoding: bad.data) else {
            Issue.record("\(bad.name): loaded, expected \(bad.problem)")
            return
        }
        #expect(error.problem == bad.problem)
        #expect(error.path == "test.safetensors")
        #expect(error.description.hasPrefix("test.safetensors: "))
        #expect(!error.description.contains("\n"))
        if case .some(let offset) = bad.offset {
            #expect(error.offset == offset)
        }
    }

    @Test("the fixtures themselves are valid, so each case fails for its own reason")
    func fixturesAreValid() throws {
        let tiny = try ModelFile.decode(Self.raw(Self.weightEntry + "," + Self.biasEntry), path: "x")
        #expect(tiny.network.sizes == [2, 1])
        #expect(tiny.network.parameters == [0.5, -0.5, 0.25])
        #expect(throws: Never.self) { try ModelFile.decode(Self.modified { _ in }, path: "x") }
    }

    @Test("a hole is reported at the file offset where it starts")
    func holeOffset() throws {
        let header = "{" + Self.weightEntry + "," + #""0.bias":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}"# + "}"
        let error = try #require(F.error(decoding: F.rawFile(header: header, data: F.bytes([1, 2, 3, 4]))))
        #expect(error.offset == 8 + header.utf8.count + 8)
    }

    @Test("a non-finite value is reported at the file offset of its bytes")
    func notFiniteOffset() throws {
        let data = Self.modified(Self.replacing("2.weight", shape: [2, 3], values: [0, 0, 0, .nan, 0, 0]))
        let error = try #require(F.error(decoding: data))
        let offset = try #require(error.offset)
        let bits = data[offset..<(offset + 4)].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(Float(bitPattern: bits).isNaN)
        #expect(error.description == "test.safetensors: byte \(offset): tensor '2.weight' holds a NaN or infinite value at element 3")
    }

    @Test("hostile tensor names cannot break the one-line message")
    func hostileNames() throws {
        let name = "evil\\nname\\u001b[31m" + String(repeating: "x", count: 200)
        let data = Self.raw(Self.weightEntry + "," + Self.biasEntry + ",\"\(name)\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[12,12]}")
        let error = try #require(F.error(decoding: data))
        #expect(!error.description.contains("\n"))
        #expect(!error.description.contains("\u{1B}"))
        #expect(error.description.count < 250)
    }
}

private extension Data {
    func replacingByte(at index: Int, with byte: UInt8) -> Data {
        var copy = self
        copy[copy.startIndex + index] = byte
        return copy
    }
}
