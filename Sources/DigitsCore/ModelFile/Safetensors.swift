import Foundation

/// The contents of a safetensors file (https://github.com/huggingface/safetensors): named
/// tensors and a string-to-string `__metadata__` map.
///
/// On disk: an 8-byte little-endian header length N, N bytes of UTF-8 JSON naming every
/// tensor's dtype, shape and `data_offsets` [begin, end) into the data section, then the data
/// section itself. `decode(_:path:)` (SafetensorsReader.swift) and `encoded()`
/// (SafetensorsWriter.swift) convert between the two.
public struct SafetensorsFile: Sendable, Equatable {
    /// The tensors; in data order when read from a file.
    public var tensors: [SafetensorsTensor]
    /// The `__metadata__` map; empty when the file has none.
    public var metadata: [String: String]

    public init(tensors: [SafetensorsTensor], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The tensor called `name`, if there is one.
    public subscript(name: String) -> SafetensorsTensor? {
        tensors.first { $0.name == name }
    }

    /// The reference implementation's limit on the header, which the reader enforces before
    /// reading the header, so a corrupt length cannot make it allocate gigabytes.
    public static let maximumHeaderLength = 100_000_000
}

/// One tensor: name, element type, shape and its raw little-endian bytes.
public struct SafetensorsTensor: Sendable, Equatable {
    public var name: String
    public var dtype: SafetensorsDType
    /// Dimensions, outermost first (row-major), e.g. [out, in] for a Linear layer's weight.
    public var shape: [Int]
    /// `shape.product * dtype.byteCount` bytes, little-endian.
    public var data: Data
    /// Where `data` starts in the file it was read from, for error messages; nil otherwise.
    public var fileOffset: Int?

    public init(name: String, dtype: SafetensorsDType, shape: [Int], data: Data, fileOffset: Int? = nil) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.data = data
        self.fileOffset = fileOffset
    }

    /// A float32 tensor holding `values`, e.g. a weight matrix.
    public init(name: String, shape: [Int], values: some Collection<Float>) {
        var data = Data(capacity: values.count * 4)
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        self.init(name: name, dtype: .f32, shape: shape, data: data)
    }

    /// The number of elements the shape holds (1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }
}
