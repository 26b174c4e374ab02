/// The first layer's products when its input is a batch of mostly-zero images (`SparseColumns`).
///
/// Here the weights are stored transposed, [inputs, outputs], so one pixel's weights are one
/// contiguous row (`TrainingLayout.firstLayerInBlocks` one block wide, as `SparseStep` holds them
/// for these kernels). The loops go pixel by pixel through one band of pixels, which one thread
/// owns, and handle the outputs 64 at a time in SIMD registers (`DenseLayer+Lanes`).
extension DenseLayer {
    /// Adds this band's share of `input W^T` to `output` ([batch, outputs]): for each inked pixel
    /// p of row r, `output[r] += x[r, p] * Wt[p]`. The caller adds the bias and the other bands.
    func forward(
        sparse columns: SparseColumns, parameters: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
    ) {
        precondition(!columns.pairs, "the pixel kernels walk single columns, not pairs")
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
            // The last outputs, fewer than 64: 16 at a time, the last block ending at the last
            // output even if it overlaps the one before (it stores the same sums there); below
            // 16 outputs, one register of 16 or, for 8, of 8; below 8, one by one.
            if o < width && width >= 16 {
                var block = o
                while block < width {
                    let at = min(block, width - 16)
                    for (row, image) in indices.enumerated() {
                        var y0 = Lanes()
                        for entry in starts[image * bands + band]..<starts[image * bands + band + 1] {
                            y0 += Lanes(repeating: Float(ink[entry]) * (1 / 255)) * load(weights + Int(pixel[entry]) * width + at)
                        }
                        store(y0, output + row * width + at)
                    }
                    block += 16
                }
            } else if o < width && width > 8 {
                // 9 to 15 outputs: one register of 16 per entry. A pixel's 16 lanes run into the
                // next pixel's weights, or past the last pixel into the bias that follows the
                // weights (at least 9 floats), never out of the parameters; the lanes past
                // `width` are dropped. Each row is stored whole over the start of the next, which
                // that row then writes; the last row one by one, as the buffer ends there.
                assert(biasOffset == weightOffset + inputs * width, "the bias must follow the weights")
                func term(_ entry: Int) -> (Lanes, Lanes) {
                    (Lanes(repeating: Float(ink[entry])), load(weights + Int(pixel[entry]) * width))
                }
                for (row, image) in indices.enumerated() {
                    // Four sums, so each multiply-add waits on the one four entries before it,
                    // not on the last: with one, every entry waited out the add's latency.
                    var y0 = Lanes(), y1 = Lanes(), y2 = Lanes(), y3 = Lanes()
                    var entry = starts[image * bands + band]
                    let end = starts[image * bands + band + 1]
                    while entry + 4 <= end {
                        let (x0, w0) = term(entry), (x1, w1) = term(entry + 1)
                        let (x2, w2) = term(entry + 2), (x3, w3) = term(entry + 3)
                        y0 = multiplyAdd(y0, x0, w0); y1 = multiplyAdd(y1, x1, w1)
                        y2 = multiplyAdd(y2, x2, w2); y3 = multiplyAdd(y3, x3, w3)
                        entry += 4
                    }
                    while entry < end {
                        let (x, w) = term(entry)
                        y0 = multiplyAdd(y0, x, w)
                        entry += 1
                    }
                    y0 = ((y0 + y1) + (y2 + y3)) * (1 / 255)
                    let y = output + row * width
                    if row + 1 < indices.count {
                        store(y0, y)
                    } else {
                        for o in 0..<width { y[o] = y0[o] }
                    }
                }
            } else if o < width && width == 8 {
                for (row, image) in indices.enumerated() {
                    var y0 = HalfLanes()
                    for entry in starts[image * bands + band]..<starts[image * bands + band + 1] {
                        y0 += HalfLanes(repeating: Float(ink[entry]) * (1 / 255)) * loadHalf(weights + Int(pixel[entry]) * width)
                    }
                    storeHalf(y0, output + row * width)
                }
            } else if o < width {
                for (row, image) in indices.enumerated() {
                    let y = output + row * width
                    for tail in 0..<width { y[tail] = 0 }
                    for entry in starts[image * bands + band]..<starts[image * bands + band + 1] {
                        let x = Float(ink[entry]) * (1 / 255)
                        let w = weights + Int(pixel[entry]) * width
                        for tail in 0..<width { y[tail] += x * w[tail] }
                    }
                }
            }
        }
        }
        }
    }

    /// Writes this band's rows of dL/dWt ([inputs, outputs]): `dWt[p] = sum over rows r of
    /// x[r, p] * dY[r]`, or adds to them with `accumulate`. Rows of pixels no image in the batch
    /// inks are zeroed (or left, when accumulating), so no separate clearing pass is needed.
    ///
    /// With `update`, also applies it to the band's rows of the weights in `parameters`: for a
    /// layer at least `fusedUpdateWidth` wide, each row as soon as its gradient is summed, while
    /// both are in the first-level cache (at 784-1024-128-10 the band's gradients are more than
    /// the core's second-level cache holds, so a separate pass over them read them from memory);
    /// narrower, the whole band after, saving a call per row. Rows of pixels the batch does not
    /// ink are skipped when the update leaves weights with no gradient alone (plain SGD, not
    /// accumulating). (Layers a multiple of 64 wide go by block, `DenseLayer+SparseBlocks`,
    /// whose plain SGD steps straight from the summed registers.)
    func backward(
        sparse columns: SparseColumns, outputGradient: UnsafePointer<Float>,
        gradients: UnsafeMutablePointer<Float>, accumulate: Bool,
        update: OptimizerStep? = nil, parameters: UnsafeMutablePointer<Float>? = nil
    ) {
        precondition(!columns.pairs, "the pixel kernels walk single columns, not pairs")
        precondition(update == nil || parameters != nil, "an update needs the parameters")
        let width = outputs
        let weightGradients = gradients + weightOffset
        let fused = update != nil && width >= Self.fusedUpdateWidth
        // Adding to gradients of earlier chunks, a row this chunk leaves blank may still have one.
        let skipsBlankRows = !accumulate && update?.plainRate != nil
        func updateRow(_ pixel: Int) {
            let at = weightOffset + pixel * width
            update?.apply(at..<(at + width), parameters: parameters!, gradients: gradients)
        }
        for column in 0..<columns.pixels {
            let start = Int(columns.columnStart[column]), end = Int(columns.columnStart[column + 1])
            let pixel = columns.firstPixel + column
            let g = weightGradients + pixel * width
            guard start < end else {
                if !accumulate { g.update(repeating: 0, count: width) }
                if fused && !skipsBlankRows { updateRow(pixel) }
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
            // The last outputs: when writing rather than adding, a block that ends at the last
            // output and overlaps the one before (storing the same sums there), or below 16
            // outputs two blocks of 8 the same way; else one by one.
            if o < width && !accumulate && width >= 16 {
                let at = width - 16
                var g0 = Lanes()
                for entry in start..<end {
                    g0 += Lanes(repeating: columns.value[entry]) * load(outputGradient + Int(columns.row[entry]) * width + at)
                }
                store(g0, g + at)
            } else if o < width && !accumulate && width >= 8 {
                let high = width - 8
                var g0 = HalfLanes(), g1 = HalfLanes()
                for entry in start..<end {
                    let x = HalfLanes(repeating: columns.value[entry])
                    let dy = outputGradient + Int(columns.row[entry]) * width
                    g0 += x * loadHalf(dy); g1 += x * loadHalf(dy + high)
                }
                storeHalf(g0, g); storeHalf(g1, g + high)
            } else {
                for tail in o..<width {
                    var sum: Float = accumulate ? g[tail] : 0
                    for entry in start..<end {
                        sum += columns.value[entry] * outputGradient[Int(columns.row[entry]) * width + tail]
                    }
                    g[tail] = sum
                }
            }
            if fused { updateRow(pixel) }
        }
        if let update, !fused {
            let band = (weightOffset + columns.firstPixel * width)..<(weightOffset + (columns.firstPixel + columns.pixels) * width)
            update.apply(band, parameters: parameters!, gradients: gradients)
        }
    }

    /// Outputs from which `backward(sparse:...)` updates each weight row as soon as its
    /// gradient is summed.
    static let fusedUpdateWidth = 64

    /// The widest layer whose weight gradient `backward(rowsOf:...)` sums: one register a row.
    static let rowBackwardWidth = Lanes.scalarCount

    /// `backward(sparse:...)` for layers at most `rowBackwardWidth` wide, straight from the
    /// images' inked pixels, so the batch needs no regrouping into columns (at 784-10-10 that
    /// sort was the largest part of a batch): each row's output gradient stays in one register
    /// while it is added into a 16-float line per pixel of `padded` ([band pixels, 16], zero on
    /// entry, lanes past `outputs` never written but zeros). A pixel's line is its own cache
    /// line, so a row's neighbouring pixels never wait on each other's stores. The lines are
    /// then written (or added) into the band's gradient rows, zeroed for the next batch, and
    /// `update`, when given, applied to the band.
    func backward(
        rowsOf images: SparseImages, band: Int, indices: UnsafeBufferPointer<Int>,
        outputGradient: UnsafePointer<Float>, padded: UnsafeMutablePointer<Float>,
        gradients: UnsafeMutablePointer<Float>, accumulate: Bool,
        update: OptimizerStep? = nil, parameters: UnsafeMutablePointer<Float>? = nil
    ) {
        precondition(outputs <= Self.rowBackwardWidth, "\(outputs) outputs do not fit a register")
        precondition(update == nil || parameters != nil, "an update needs the parameters")
        let width = outputs, line = Lanes.scalarCount
        let bands = images.bands
        let firstPixel = images.bandStart[band], pixels = images.bandStart[band + 1] - firstPixel
        images.entryStart.withUnsafeBufferPointer { starts in
        images.pixel.withUnsafeBufferPointer { pixel in
        images.value.withUnsafeBufferPointer { ink in
            for (row, image) in indices.enumerated() {
                var dy = Lanes()
                let source = outputGradient + row * width
                for o in 0..<width { dy[o] = source[o] * (1 / 255) }
                for entry in starts[image * bands + band]..<starts[image * bands + band + 1] {
                    let g = padded + (Int(pixel[entry]) &- firstPixel) &* line
                    store(multiplyAdd(load(g), Lanes(repeating: Float(ink[entry])), dy), g)
                }
            }
        }
        }
        }
        // Into the gradient rows, [pixels, width]: each line stored whole, over the start of the
        // rows after it, which their own lines then write (or, adding, add its zeros to); the
        // band's last rows one by one, as the lanes past them belong to the next band's thread
        // or the next layer.
        let weightGradients = gradients + weightOffset + firstPixel * width
        for p in 0..<pixels {
            let g = padded + p * line, target = weightGradients + p * width
            if p * width + line <= pixels * width {
                store(accumulate ? load(target) + load(g) : load(g), target)
            } else {
                for o in 0..<width { target[o] = accumulate ? target[o] + g[o] : g[o] }
            }
            store(Lanes(), g)
        }
        if let update {
            let band = (weightOffset + firstPixel * width)..<(weightOffset + (firstPixel + pixels) * width)
            update.apply(band, parameters: parameters!, gradients: gradients)
        }
    }
}
