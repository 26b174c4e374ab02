/// The first layer's sparse products for layers a multiple of 64 wide (784-128-10,
/// 784-1024-128-10), a block of outputs at a time.
///
/// A row of the batch's outputs or output gradients is `outputs` floats, 4 KB at 1,024 outputs,
/// so the same outputs of every row of the batch fall in the same few sets of the 12-way,
/// 64-set first-level cache: walking pixel by pixel over whole rows (`DenseLayer+SparseInput`),
/// every read of an output gradient came from the second-level cache. Here each block,
/// `blockWidth` outputs of every row of the batch (32 KB for a batch of 64), lives in one
/// contiguous buffer, which the cache holds whole, while the band's pixels are walked once per
/// block, their weights for the block one stream (`TrainingLayout.firstLayerInBlocks` of
/// `blockWidth`, as `SparseStep` holds them for these kernels). The sums per lane are taken
/// pixel by pixel, in the same order as there, but with fused multiply-adds where the CPU has
/// them, so the two agree to rounding, not bit for bit.
extension DenseLayer {
    /// Outputs per block: eight registers, as many independent sums as keep the multiply-adds
    /// from waiting on each other.
    static let blockWidth = 128

    /// Whether the block kernels serve this layer: a whole number of blocks of 64 (the last block
    /// of 128 may be 64 wide).
    var suitsBlocks: Bool { outputs.isMultiple(of: 64) }

    /// Whether the kernels need a `block` buffer: a layer of one block (784-128-10) has its
    /// outputs laid out as a block already.
    var needsBlockBuffer: Bool { outputs > Self.blockWidth }

    /// The blocks of outputs, left to right: `blockWidth` outputs each, the last 64 where that is
    /// what is left.
    private var outputBlocks: StrideTo<Int> { stride(from: 0, to: outputs, by: Self.blockWidth) }

    /// Writes this band's share of `input W^T` into rows `0..<rows` of `output` ([rows,
    /// outputs]; no need to clear it). Each block is summed in `block` (at least
    /// `rows * blockWidth` floats; nil for a layer of one block, summed in `output`), pixel by
    /// pixel with the pixel's weights for the block in registers, then copied out. The caller
    /// adds the bias and the other bands, as for every walk.
    func forward(
        sparseBlocks columns: SparseColumns, rows: Int, parameters: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>, block: UnsafeMutablePointer<Float>?
    ) {
        precondition(suitsBlocks && (block != nil || !needsBlockBuffer),
                     "the block kernels take a whole number of blocks of 64, and a buffer for more than one")
        let block = block ?? output
        let width = outputs
        let weights = parameters + weightOffset
        for o in outputBlocks {
            let span = min(Self.blockWidth, width - o)
            block.update(repeating: 0, count: rows * span)
            for column in 0..<columns.pixels {
                let start = Int(columns.columnStart[column]), end = Int(columns.columnStart[column + 1])
                guard start < end else { continue }
                let w = weights + o * inputs + (columns.firstPixel + column) * span
                let w0 = load(w), w1 = load(w + 16), w2 = load(w + 32), w3 = load(w + 48)
                if span == 128 {
                    let w4 = load(w + 64), w5 = load(w + 80), w6 = load(w + 96), w7 = load(w + 112)
                    for entry in start..<end {
                        let x = Lanes(repeating: columns.value[entry])
                        let y = block + Int(columns.row[entry]) &* 128
                        store(multiplyAdd(load(y), x, w0), y); store(multiplyAdd(load(y + 16), x, w1), y + 16)
                        store(multiplyAdd(load(y + 32), x, w2), y + 32); store(multiplyAdd(load(y + 48), x, w3), y + 48)
                        store(multiplyAdd(load(y + 64), x, w4), y + 64); store(multiplyAdd(load(y + 80), x, w5), y + 80)
                        store(multiplyAdd(load(y + 96), x, w6), y + 96); store(multiplyAdd(load(y + 112), x, w7), y + 112)
                    }
                } else {
                    for entry in start..<end {
                        let x = Lanes(repeating: columns.value[entry])
                        let y = block + Int(columns.row[entry]) &* 64
                        store(multiplyAdd(load(y), x, w0), y); store(multiplyAdd(load(y + 16), x, w1), y + 16)
                        store(multiplyAdd(load(y + 32), x, w2), y + 32); store(multiplyAdd(load(y + 48), x, w3), y + 48)
                    }
                }
            }
            if block != output {
                for row in 0..<rows { (output + row * width + o).update(from: block + row * span, count: span) }
            }
        }
    }

    /// Writes (or with `accumulate` adds to) this band's pixels' gradients in every block of
    /// dL/dW (held as the weights are, [inputs, block width] a block), from `outputGradient`
    /// ([rows, outputs]). For each block, its output gradients are copied into `block` (nil for a
    /// layer of one block: read where they are), then each pixel's gradient for the block is
    /// summed in registers and stored, and `update`, when given, applied to those weights while
    /// they are in cache; pixels no row inks get zeros.
    ///
    /// Plain descent without decay, not accumulating, instead takes its step straight from the
    /// registers and leaves the band's gradient rows unwritten (stale), skipping blank pixels:
    /// nothing reads them after the update, and at 784-1024-128-10 storing them, 1.6 MB a
    /// thread a batch, pushed the band's weights out of the core's second-level cache.
    func backward(
        sparseBlocks columns: SparseColumns, rows: Int, outputGradient: UnsafePointer<Float>,
        gradients: UnsafeMutablePointer<Float>, accumulate: Bool, update: OptimizerStep?,
        parameters: UnsafeMutablePointer<Float>?, block: UnsafeMutablePointer<Float>?
    ) {
        precondition(suitsBlocks && (block != nil || !needsBlockBuffer),
                     "the block kernels take a whole number of blocks of 64, and a buffer for more than one")
        precondition(update == nil || parameters != nil, "an update needs the parameters")
        let width = outputs
        // Plain descent steps straight from the registers and skips blank pixels; not when adding
        // to gradients of earlier chunks, where a pixel this chunk leaves blank may have one.
        let plainRate = accumulate ? nil : update?.plainRate
        let direct = plainRate != nil
        let rate = Lanes(repeating: -(plainRate ?? 0))
        for o in outputBlocks {
            let span = min(Self.blockWidth, width - o)
            let source: UnsafePointer<Float>
            if let block {
                for row in 0..<rows { (block + row * span).update(from: outputGradient + row * width + o, count: span) }
                source = UnsafePointer(block)
            } else {
                source = outputGradient
            }
            for column in 0..<columns.pixels {
                let start = Int(columns.columnStart[column]), end = Int(columns.columnStart[column + 1])
                let at = weightOffset + o * inputs + (columns.firstPixel + column) * span
                let g = gradients + at
                guard start < end else {
                    if !accumulate && !direct { g.update(repeating: 0, count: span) }
                    if let update, !direct { update.apply(at..<(at + span), parameters: parameters!, gradients: gradients) }
                    continue
                }
                // Four registers, and four more for a block of 128.
                var g0 = Lanes(), g1 = Lanes(), g2 = Lanes(), g3 = Lanes()
                var g4 = Lanes(), g5 = Lanes(), g6 = Lanes(), g7 = Lanes()
                if accumulate { g0 = load(g); g1 = load(g + 16); g2 = load(g + 32); g3 = load(g + 48) }
                if span == 128 {
                    if accumulate { g4 = load(g + 64); g5 = load(g + 80); g6 = load(g + 96); g7 = load(g + 112) }
                    for entry in start..<end {
                        let x = Lanes(repeating: columns.value[entry])
                        let dy = source + Int(columns.row[entry]) &* 128
                        g0 = multiplyAdd(g0, x, load(dy)); g1 = multiplyAdd(g1, x, load(dy + 16))
                        g2 = multiplyAdd(g2, x, load(dy + 32)); g3 = multiplyAdd(g3, x, load(dy + 48))
                        g4 = multiplyAdd(g4, x, load(dy + 64)); g5 = multiplyAdd(g5, x, load(dy + 80))
                        g6 = multiplyAdd(g6, x, load(dy + 96)); g7 = multiplyAdd(g7, x, load(dy + 112))
                    }
                } else {
                    for entry in start..<end {
                        let x = Lanes(repeating: columns.value[entry])
                        let dy = source + Int(columns.row[entry]) &* 64
                        g0 = multiplyAdd(g0, x, load(dy)); g1 = multiplyAdd(g1, x, load(dy + 16))
                        g2 = multiplyAdd(g2, x, load(dy + 32)); g3 = multiplyAdd(g3, x, load(dy + 48))
                    }
                }
                // The weights step, or the gradient is stored, four registers at a time.
                func finish(_ a: Lanes, _ b: Lanes, _ c: Lanes, _ d: Lanes, at offset: Int) {
                    if direct {
                        let w = parameters! + at + offset
                        store(multiplyAdd(load(w), rate, a), w); store(multiplyAdd(load(w + 16), rate, b), w + 16)
                        store(multiplyAdd(load(w + 32), rate, c), w + 32); store(multiplyAdd(load(w + 48), rate, d), w + 48)
                    } else {
                        store(a, g + offset); store(b, g + offset + 16); store(c, g + offset + 32); store(d, g + offset + 48)
                    }
                }
                finish(g0, g1, g2, g3, at: 0)
                if span == 128 { finish(g4, g5, g6, g7, at: 64) }
                if !direct { update?.apply(at..<(at + span), parameters: parameters!, gradients: gradients) }
            }
        }
    }
}
