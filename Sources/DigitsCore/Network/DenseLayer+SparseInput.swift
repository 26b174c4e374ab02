/// The first layer's products when its input is a batch of mostly-zero images (`SparseColumns`).
///
/// Here the weights are stored transposed, [inputs, outputs], so one pixel's weights are one
/// contiguous row: `TrainingLayout.firstLayerTransposed`, as `SparseStep` holds them. The loops
/// go pixel by pixel through one band of pixels, which one thread owns, and handle the outputs
/// 64 at a time in SIMD registers. Products are written `a + x * w` rather than with
/// `addingProduct`: on a CPU built for without fused multiply-add, that becomes a library call
/// per lane.
extension DenseLayer {
    private typealias Lanes = SIMD16<Float>

    /// Adds this band's share of `input W^T` to `output` ([batch, outputs]): for each inked pixel
    /// p of row r, `output[r] += x[r, p] * Wt[p]`. The caller adds the bias and the other bands.
    func forward(
        sparse columns: SparseColumns, parameters: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
    ) {
        let width = outputs
        let weights = parameters + weightOffset
        for column in 0..<columns.pixels {
            let start = Int(columns.columnStart[column]), end = Int(columns.columnStart[column + 1])
            guard start < end else { continue }
            let w = weights + (columns.firstPixel + column) * width
            var o = 0
            // Four registers of weights stay loaded while every row with this pixel takes them.
            while o + 64 <= width {
                let w0 = load(w + o), w1 = load(w + o + 16), w2 = load(w + o + 32), w3 = load(w + o + 48)
                for entry in start..<end {
                    let x = Lanes(repeating: columns.value[entry])
                    let y = output + Int(columns.row[entry]) * width + o
                    store(load(y) + x * w0, y)
                    store(load(y + 16) + x * w1, y + 16)
                    store(load(y + 32) + x * w2, y + 32)
                    store(load(y + 48) + x * w3, y + 48)
                }
                o += 64
            }
            while o + 16 <= width {
                let w0 = load(w + o)
                for entry in start..<end {
                    let y = output + Int(columns.row[entry]) * width + o
                    store(load(y) + Lanes(repeating: columns.value[entry]) * w0, y)
                }
                o += 16
            }
            for entry in start..<end where o < width {
                let x = columns.value[entry]
                let y = output + Int(columns.row[entry]) * width
                for tail in o..<width { y[tail] += x * w[tail] }
            }
        }
    }

    /// `forward(sparse:parameters:output:)` row by row, for layers too wide for that one's
    /// per-pixel updates of whole output rows to stay in the fastest cache: each row's 64-output
    /// block is summed in registers over the row's inked pixels (read straight from `images`)
    /// and stored once, while that block of the band's weights stays in the core's cache.
    /// Writes `output` for rows `indices` (no need to clear it first); the caller adds the bias
    /// and the other bands.
    func forward(
        rowsOf images: SparseImages, band: Int, indices: UnsafeBufferPointer<Int>,
        parameters: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
    ) {
        let width = outputs
        let weights = parameters + weightOffset
        let bands = images.bands
        images.entryStart.withUnsafeBufferPointer { starts in
        images.pixel.withUnsafeBufferPointer { pixel in
        images.value.withUnsafeBufferPointer { ink in
            var o = 0
            while o + 64 <= width {
                for (row, image) in indices.enumerated() {
                    var y0 = Lanes(), y1 = Lanes(), y2 = Lanes(), y3 = Lanes()
                    for entry in starts[image * bands + band]..<starts[image * bands + band + 1] {
                        let x = Lanes(repeating: Float(ink[entry]) * (1 / 255))
                        let w = weights + Int(pixel[entry]) * width + o
                        y0 += x * load(w); y1 += x * load(w + 16); y2 += x * load(w + 32); y3 += x * load(w + 48)
                    }
                    let y = output + row * width + o
                    store(y0, y); store(y1, y + 16); store(y2, y + 32); store(y3, y + 48)
                }
                o += 64
            }
            // The last outputs, fewer than 64, one by one.
            for (row, image) in indices.enumerated() where o < width {
                let y = output + row * width
                for tail in o..<width { y[tail] = 0 }
                for entry in starts[image * bands + band]..<starts[image * bands + band + 1] {
                    let x = Float(ink[entry]) * (1 / 255)
                    let w = weights + Int(pixel[entry]) * width
                    for tail in o..<width { y[tail] += x * w[tail] }
                }
            }
        }
        }
        }
    }

    /// Writes this band's rows of dL/dWt ([inputs, outputs]): `dWt[p] = sum over rows r of
    /// x[r, p] * dY[r]`, or adds to them with `accumulate`. Rows of pixels no image in the batch
    /// inks are zeroed (or left, when accumulating), so no separate clearing pass is needed.
    func backward(
        sparse columns: SparseColumns, outputGradient: UnsafePointer<Float>,
        gradients: UnsafeMutablePointer<Float>, accumulate: Bool
    ) {
        let width = outputs
        let weightGradients = gradients + weightOffset
        for column in 0..<columns.pixels {
            let start = Int(columns.columnStart[column]), end = Int(columns.columnStart[column + 1])
            let g = weightGradients + (columns.firstPixel + column) * width
            guard start < end else {
                if !accumulate { g.update(repeating: 0, count: width) }
                continue
            }
            var o = 0
            // The gradient row is summed in four registers and stored once per batch.
            while o + 64 <= width {
                var g0 = Lanes(), g1 = Lanes(), g2 = Lanes(), g3 = Lanes()
                if accumulate { g0 = load(g + o); g1 = load(g + o + 16); g2 = load(g + o + 32); g3 = load(g + o + 48) }
                for entry in start..<end {
                    let x = Lanes(repeating: columns.value[entry])
                    let dy = outputGradient + Int(columns.row[entry]) * width + o
                    g0 += x * load(dy)
                    g1 += x * load(dy + 16)
                    g2 += x * load(dy + 32)
                    g3 += x * load(dy + 48)
                }
                store(g0, g + o); store(g1, g + o + 16); store(g2, g + o + 32); store(g3, g + o + 48)
                o += 64
            }
            while o + 16 <= width {
                var g0 = accumulate ? load(g + o) : Lanes()
                for entry in start..<end {
                    let dy = outputGradient + Int(columns.row[entry]) * width + o
                    g0 += Lanes(repeating: columns.value[entry]) * load(dy)
                }
                store(g0, g + o)
                o += 16
            }
            for tail in o..<width {
                var sum: Float = accumulate ? g[tail] : 0
                for entry in start..<end {
                    sum += columns.value[entry] * outputGradient[Int(columns.row[entry]) * width + tail]
                }
                g[tail] = sum
            }
        }
    }

    @inline(__always)
    private func load(_ pointer: UnsafePointer<Float>) -> Lanes {
        UnsafeRawPointer(pointer).loadUnaligned(as: Lanes.self)
    }

    @inline(__always)
    private func load(_ pointer: UnsafeMutablePointer<Float>) -> Lanes {
        UnsafeRawPointer(pointer).loadUnaligned(as: Lanes.self)
    }

    @inline(__always)
    private func store(_ lanes: Lanes, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: lanes, as: Lanes.self)
    }
}
