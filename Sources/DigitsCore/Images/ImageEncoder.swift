import CImageCodecs

/// Writes PNG and JPEG files through libpng and libjpeg: for tests, which need every kind of
/// file `ImageFile` reads, made by the same libraries people's cameras and editors use.
public enum ImageEncoder {
    /// The colour types of PNG, as its header numbers them.
    public enum PNGColour: Int32, Sendable {
        case grey = 0, rgb = 2, palette = 3, greyAlpha = 4, rgba = 6

        /// Samples per pixel as stored (a palette index is one).
        public var channels: Int {
            switch self {
            case .grey, .palette: 1
            case .greyAlpha: 2
            case .rgb: 3
            case .rgba: 4
            }
        }
    }

    /// A PNG of `samples` (`width * height * colour.channels` values, row-major, each below
    /// 2^bitDepth; palette indices for `.palette`), packed as PNG stores them. `palette` holds
    /// RGB triples; `transparency` is the tRNS chunk: one alpha per palette entry, or for grey
    /// and RGB a single colour (one or three samples) that is transparent.
    public static func png(width: Int, height: Int, colour: PNGColour, bitDepth: Int = 8, samples: [UInt16],
                           interlaced: Bool = false, palette: [UInt8] = [], transparency: [UInt16] = []) -> [UInt8]? {
        let channels = colour.channels
        guard samples.count == width * height * channels else { return nil }
        let rowBytes = (width * channels * bitDepth + 7) / 8
        var rows = [UInt8](repeating: 0, count: rowBytes * height)
        for y in 0..<height {
            for sampleIndex in 0..<(width * channels) {
                let value = samples[y * width * channels + sampleIndex]
                let base = y * rowBytes
                switch bitDepth {
                case 16:
                    rows[base + 2 * sampleIndex] = UInt8(value >> 8)
                    rows[base + 2 * sampleIndex + 1] = UInt8(value & 0xFF)
                case 8:
                    rows[base + sampleIndex] = UInt8(truncatingIfNeeded: value)
                default:
                    // Packed from the most significant bit, as PNG wants.
                    let bit = sampleIndex * bitDepth
                    let shift = 8 - bitDepth - bit % 8
                    rows[base + bit / 8] |= UInt8(truncatingIfNeeded: value << shift)
                }
            }
        }
        let alphas = colour == .palette ? transparency.map { UInt8(truncatingIfNeeded: $0) } : []
        var message = [CChar](repeating: 0, count: 200)
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        let status = rows.withUnsafeBufferPointer { rowBuffer in
            palette.withUnsafeBufferPointer { paletteBuffer in
                alphas.withUnsafeBufferPointer { alphaBuffer in
                    var description = digits_png_description()
                    description.width = Int32(width)
                    description.height = Int32(height)
                    description.color_type = colour.rawValue
                    description.bit_depth = Int32(bitDepth)
                    description.interlaced = interlaced ? 1 : 0
                    description.rows = rowBuffer.baseAddress
                    description.row_bytes = rowBytes
                    description.palette = paletteBuffer.baseAddress
                    description.palette_count = Int32(palette.count / 3)
                    if colour == .palette {
                        description.trns_alpha = alphaBuffer.baseAddress
                        description.trns_count = Int32(alphas.count)
                    } else if !transparency.isEmpty {
                        description.trns_count = 1
                        let colourKey = transparency.count >= 3 ? Array(transparency.prefix(3)) : [transparency[0], 0, 0]
                        description.trns_colour = (colourKey[0], colourKey[1], colourKey[2])
                    }
                    return message.withUnsafeMutableBufferPointer {
                        digits_encode_png(&description, &output, &size, $0.baseAddress)
                    }
                }
            }
        }
        return collect(status: status, output: output, size: size)
    }

    /// A JPEG of `pixels` (`width * height * components` bytes, row-major; 1 component is
    /// grey, 3 RGB) at `quality` (1-100), progressive when asked.
    public static func jpeg(width: Int, height: Int, components: Int, pixels: [UInt8],
                            quality: Int = 90, progressive: Bool = false) -> [UInt8]? {
        guard components == 1 || components == 3, pixels.count == width * height * components else { return nil }
        var message = [CChar](repeating: 0, count: 200)
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        let status = pixels.withUnsafeBufferPointer { buffer in
            message.withUnsafeMutableBufferPointer {
                digits_encode_jpeg(buffer.baseAddress, Int32(width), Int32(height), Int32(components),
                                   Int32(quality), progressive ? 1 : 0, &output, &size, $0.baseAddress)
            }
        }
        return collect(status: status, output: output, size: size)
    }

    private static func collect(status: digits_image_status, output: UnsafeMutablePointer<UInt8>?, size: Int) -> [UInt8]? {
        defer { digits_buffer_free(output) }
        guard status == DIGITS_IMAGE_OK, let output else { return nil }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }
}
