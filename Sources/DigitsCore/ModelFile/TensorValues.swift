import Foundation

extension SafetensorsTensor {
    /// The elements as `Float`, converted from F32, F64, F16 or BF16 (little-endian); nil for
    /// the integer and 8-bit float types. F64 values beyond Float's range become infinite.
    public func floatValues() -> [Float]? {
        let count = data.count / dtype.byteCount
        let convert: (UnsafeRawBufferPointer, Int) -> Float
        switch dtype {
        case .f32:
            convert = { Float(bitPattern: UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: $1 * 4, as: UInt32.self))) }
        case .f64:
            convert = { Float(Double(bitPattern: UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: $1 * 8, as: UInt64.self)))) }
        case .bf16:
            // bfloat16 is the top half of a float32.
            convert = { Float(bitPattern: UInt32(UInt16(littleEndian: $0.loadUnaligned(fromByteOffset: $1 * 2, as: UInt16.self))) << 16) }
        case .f16:
            convert = { floatFromHalf(UInt16(littleEndian: $0.loadUnaligned(fromByteOffset: $1 * 2, as: UInt16.self))) }
        default:
            return nil
        }
        return data.withUnsafeBytes { bytes in
            (0..<count).map { convert(bytes, $0) }
        }
    }
}

/// IEEE 754 binary16 to Float by hand: `Float16` is missing on some platforms Swift supports.
private func floatFromHalf(_ half: UInt16) -> Float {
    let sign: Float = half & 0x8000 == 0 ? 1 : -1
    let exponent = Int((half >> 10) & 0x1F)
    let fraction = Float(half & 0x3FF)
    switch exponent {
    case 0: return sign * fraction * 0x1p-24  // zero or subnormal
    case 31: return fraction == 0 ? sign * .infinity : .nan
    default: return sign * (1 + fraction / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
    }
}
