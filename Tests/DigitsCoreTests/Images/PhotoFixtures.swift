@testable import DigitsCore
import Foundation

/// Photos and scans made from MNIST digits (or any ink image), the way people's files differ
/// from MNIST: dark ink on light paper, colour, a lighting gradient, noise and dust specks, the
/// page's edge. Written through libpng and libjpeg (`ImageEncoder`) in the tests themselves
/// rather than committed as binary fixtures: every variant comes from the real MNIST images
/// (which must not be copied into the repository), and a reader can see how each was made.
struct PhotoSheet {
    /// What to do to the clean digit.
    struct Variant: OptionSet, Hashable, CustomStringConvertible {
        let rawValue: Int
        /// Dark ink on white paper instead of MNIST's white on black.
        static let darkOnLight = Variant(rawValue: 1)
        /// Blue ink on cream paper.
        static let colour = Variant(rawValue: 2)
        /// Light falling off from one corner to the other: paper from 1.0 down to 0.55.
        static let uneven = Variant(rawValue: 4)
        /// Pixel noise and a dozen dark dust specks away from the digit.
        static let specks = Variant(rawValue: 8)
        /// A dark band along the left and top edges: the table beyond the page.
        static let border = Variant(rawValue: 16)

        var description: String {
            let names: [(Variant, String)] = [(.darkOnLight, "dark-on-light"), (.colour, "colour"), (.uneven, "uneven"),
                                              (.specks, "specks"), (.border, "border")]
            let list = names.filter { contains($0.0) }.map(\.1)
            return list.isEmpty ? "clean" : list.joined(separator: "+")
        }
    }

    let width: Int
    let height: Int
    /// Red, green and blue of every pixel, 0...1, row-major.
    var rgb: [Float]

    /// The 28x28 MNIST `digit` (bytes, 255 ink) enlarged `scale` times (nearest pixel) on a sheet
    /// with a margin around it, then `variant` applied; `seed` picks the noise and the specks.
    init(mnist digit: [UInt8], scale: Int = 8, variant: Variant, seed: UInt64 = 1) {
        let side = 28 * scale, left = 5 * scale, top = 4 * scale
        width = side + 2 * left
        height = side + 2 * top
        var generator = SeededGenerator(seed: seed)
        let paper: [Float] = variant.contains(.colour) ? [0.98, 0.94, 0.85] : [1, 1, 1]
        let pen: [Float] = variant.contains(.colour) ? [0.10, 0.14, 0.45] : [0, 0, 0]
        var rgb = [Float](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                var ink: Float = 0
                if (left..<(left + side)).contains(x), (top..<(top + side)).contains(y) {
                    ink = Float(digit[((y - top) / scale) * 28 + (x - left) / scale]) / 255
                }
                for channel in 0..<3 {
                    var value: Float
                    if variant.contains(.darkOnLight) {
                        value = paper[channel] * (1 - ink) + pen[channel] * ink
                    } else {
                        value = ink
                    }
                    if variant.contains(.uneven) {
                        let light = 1 - 0.45 * (0.7 * Float(x) / Float(width) + 0.3 * Float(y) / Float(height))
                        value *= light
                    }
                    rgb[(y * width + x) * 3 + channel] = value
                }
            }
        }
        if variant.contains(.specks) {
            for index in stride(from: 0, to: rgb.count, by: 3) {
                let noise = (Float(generator.next() % 1001) / 1000 - 0.5) * 0.06
                for channel in 0..<3 { rgb[index + channel] += noise }
            }
            var placed = 0
            while placed < 12 {
                let x = Int(generator.next() % UInt64(width)), y = Int(generator.next() % UInt64(height))
                // Away from the digit's box, as dust usually is; a speck on a stroke is just ink.
                if (left - 6..<(left + side + 6)).contains(x), (top - 6..<(top + side + 6)).contains(y) { continue }
                let radius = 1 + Int(generator.next() % 2)
                for dy in -radius...radius {
                    for dx in -radius...radius where dx * dx + dy * dy <= radius * radius {
                        let px = x + dx, py = y + dy
                        guard (0..<width).contains(px), (0..<height).contains(py) else { continue }
                        let dustValue: Float = variant.contains(.darkOnLight) ? 0.15 : 0.85
                        for channel in 0..<3 { rgb[(py * width + px) * 3 + channel] = dustValue }
                    }
                }
                placed += 1
            }
        }
        if variant.contains(.border) {
            let tableValue: Float = variant.contains(.darkOnLight) ? 0.12 : 0.9
            for y in 0..<height {
                for x in 0..<width where x < 2 * scale || y < scale + scale / 2 {
                    for channel in 0..<3 { rgb[(y * width + x) * 3 + channel] = tableValue }
                }
            }
        }
        self.rgb = rgb.map { min(max($0, 0), 1) }
    }

    /// The sheet as 8-bit grey (Rec. 709 weights, as libpng uses; libjpeg's are close).
    var greyBytes: [UInt8] {
        stride(from: 0, to: rgb.count, by: 3).map { (index: Int) -> UInt8 in
            let red: Float = 0.2126 * rgb[index], green: Float = 0.7152 * rgb[index + 1], blue: Float = 0.0722 * rgb[index + 2]
            let luminance: Float = min(max(red + green + blue, 0), 1)
            return UInt8((luminance * 255).rounded())
        }
    }

    /// The sheet as 8-bit RGB.
    var rgbBytes: [UInt8] { rgb.map { UInt8(($0 * 255).rounded()) } }

    func png(colour: Bool) -> [UInt8]? {
        colour
            ? ImageEncoder.png(width: width, height: height, colour: .rgb, samples: rgbBytes.map(UInt16.init))
            : ImageEncoder.png(width: width, height: height, colour: .grey, samples: greyBytes.map(UInt16.init))
    }

    func jpeg(colour: Bool, progressive: Bool = false, quality: Int = 92) -> [UInt8]? {
        colour
            ? ImageEncoder.jpeg(width: width, height: height, components: 3, pixels: rgbBytes, quality: quality, progressive: progressive)
            : ImageEncoder.jpeg(width: width, height: height, components: 1, pixels: greyBytes, quality: quality, progressive: progressive)
    }

    func pgm() -> [UInt8] { PGMImage.encode(width: width, height: height, pixels: greyBytes) }
}

/// A PNG chunk with its CRC, for building damaged files by hand.
enum PNGChunks {
    static func crc32(_ bytes: some Collection<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// `png` with its IHDR's width and height replaced, the CRC fixed so only the size is wrong.
    static func withSize(_ png: [UInt8], width: UInt32, height: UInt32) -> [UInt8] {
        var bytes = png
        bytes.replaceSubrange(16..<20, with: bigEndian(width))
        bytes.replaceSubrange(20..<24, with: bigEndian(height))
        bytes.replaceSubrange(29..<33, with: bigEndian(crc32(bytes[12..<29])))
        return bytes
    }

    /// The offset of the first chunk of `type` (its length field), if any.
    static func offset(of type: String, in png: [UInt8]) -> Int? {
        var position = 8
        let wanted = Array(type.utf8)
        while position + 8 <= png.count {
            let length = png[position..<(position + 4)].reduce(0) { $0 << 8 | Int($1) }
            if Array(png[(position + 4)..<(position + 8)]) == wanted { return position }
            position += 12 + length
        }
        return nil
    }
}

/// JPEG markers, for building damaged files by hand.
enum JPEGMarkers {
    /// `jpeg` with the frame header's (SOF0/SOF2) height and width replaced.
    static func withSize(_ jpeg: [UInt8], width: Int, height: Int) -> [UInt8]? {
        var bytes = jpeg
        var position = 2
        while position + 4 <= bytes.count, bytes[position] == 0xFF {
            let marker = bytes[position + 1]
            let length = Int(bytes[position + 2]) << 8 | Int(bytes[position + 3])
            if marker == 0xC0 || marker == 0xC2 {
                bytes[position + 5] = UInt8(height >> 8)
                bytes[position + 6] = UInt8(height & 0xFF)
                bytes[position + 7] = UInt8(width >> 8)
                bytes[position + 8] = UInt8(width & 0xFF)
                return bytes
            }
            position += 2 + length
        }
        return nil
    }

    /// The offset of the first byte of entropy-coded data (just after the SOS header).
    static func scanData(in jpeg: [UInt8]) -> Int? {
        var position = 2
        while position + 4 <= jpeg.count, jpeg[position] == 0xFF {
            let marker = jpeg[position + 1]
            let length = Int(jpeg[position + 2]) << 8 | Int(jpeg[position + 3])
            if marker == 0xDA { return position + 2 + length }
            position += 2 + length
        }
        return nil
    }
}
