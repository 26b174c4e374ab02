/// The first layer's sparse products for layers a multiple of 64 wide (784-128-10,
/// 784-1024-128-10), a block of outputs at a time.
///
/// A row of the batch's outputs or output gradients is `outputs` floats, 4 KB at 1,024 outputs,
/// so the same outputs of every row of the batch fall in the same few sets of the 12-way,
/// 64-set first-level cache: walking pixel by pixel over whole rows (`DenseLayer+SparseInput`),
/// every read of an output gradient came from the second-level cache. Here each block,
/// `blockWidth` outputs of every row of the batch (32 KB for a batch of 64), lives in one
/// contiguous buffer, which the cache holds whole, while the band's pixels are walked once per
/// block, two neighbours at a time (`SparseColumns.pairEntries`), their weights for the block
/// one stream (`TrainingLayout.firstLayerInBlocks` of `blockWidth`, as `SparseStep` holds them
/// for these kernels). The sums per lane are taken pixel by pixel, in the same order as there,
/// but with fused multiply-adds where the CPU has them, so the two agree to rounding, not bit
/// for bit.
extension DenseLayer {
    /// Outputs per block: eight registers, as many independent sums as keep the multiply-adds
    /// from waiting on each other.
    static let blockWidth = 128

    /// Outputs a kernel sums in registers at once where the CPU has 16 vector registers of
    /// 8 floats (AVX2) or 32 of 4 (ARM): two `Lanes` for each pixel of a pair, eight registers of
    /// sums and weights with room for the broadcasts. A whole block of 128, as the 32 AVX-512
    /// registers take it (`WIDE_VECTOR_REGISTERS`, see Package.swift), needs 32 such registers
    /// for the pair's weights or sums alone: on AVX2 (AMD Zen 3) they were spilled to the stack
    /// and reloaded for every entry, two-fifths of seed 003's epoch. A group walks the pair's
    /// entries once; each output's sum is taken in the same order either way, so the results
    /// do not depend on the group.
    static let registerGroup = 2 * Lanes.scalarCount

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
    /// `rows * blockWidth` floats; nil for a layer of one block, summed in `output`), a pair of
    /// pixels at a time (`SparseColumns.pairEntries`, which `columns` must be filled with) with
    /// both pixels' weights for the block in registers, then copied out. The caller adds the
    /// bias and the other bands, as for every walk.
    ///
    /// Each entry loads and stores the row's block once for two multiply-adds a register, where
    /// one pixel at a time took a load and a store for each: those, and the loop's other
    /// instructions, bound this pass. A row inking one of the two adds 0 times the other's
    /// weight, which leaves its sum as it was (for finite weights), so the sums are those of a
    /// walk one pixel at a time, bit for bit: models trained with this walk were byte-identical
    /// to those of the one-pixel block walk it replaced.
    func forward(
        sparseBlocks columns: SparseColumns, rows: Int, parameters: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>, block: UnsafeMutablePointer<Float>?
    ) {
        precondition(suitsBlocks && (block != nil || !needsBlockBuffer),
                     "the block kernels take a whole number of blocks of 64, and a buffer for more than one")
        precondition(columns.pairs, "the block kernels' forward pass walks pairs of columns")
        let block = block ?? output
        let width = outputs
        let weights = parameters + weightOffset
        let pairs = columns.pairCount
        for o in outputBlocks {
            let span = min(Self.blockWidth, width - o)
            block.update(repeating: 0, count: rows * span)
            for pair in 0..<pairs {
                let entries = columns.pairEntries(pair)
                guard !entries.isEmpty else { continue }
                let w = weights + o * inputs + (columns.firstPixel + 2 * pair) * span
                // The band's last pair is one pixel when the band is odd: its partner's
                // weights belong to the next band, or lie past the layer, so read none.
                let v = 2 * pair + 1 < columns.pixels ? w + span : nil
                #if WIDE_VECTOR_REGISTERS
                if span == 128 {
                    addPairs(columns, entries, weights: w, partner: v, into: block, width: 128)
                } else {
                    addPairs(columns, entries, weights: w, partner: v, into: block, width: 64)
                }
                #else
                for group in stride(from: 0, to: span, by: Self.registerGroup) {
                    addPairGroup(columns, entries, weights: w + group, partner: v.map { $0 + group },
                                 into: block + group, width: span)
                }
                #endif
            }
            if block != output {
                for row in 0..<rows { (output + row * width + o).update(from: block + row * span, count: span) }
            }
        }
    }

    /// Adds pair entries `entries` into the rows of `block` (`width`, 64 or 128, floats a row):
    /// the first pixel's `weights` for the block, then its `partner`'s (nil: the pair is one pixel).
    @inline(__always)
    private func addPairs(
        _ columns: SparseColumns, _ entries: Range<Int>, weights w: UnsafePointer<Float>,
        partner: UnsafePointer<Float>?, into block: UnsafeMutablePointer<Float>, width: Int
    ) {
        let w0 = load(w), w1 = load(w + 16), w2 = load(w + 32), w3 = load(w + 48)
        guard let v = partner else {
            for entry in entries {
                let x = Lanes(repeating: columns.pairValue[2 &* entry])
                let y = block + Int(columns.pairRow[entry]) &* width
                add(x, w0, w1, w2, w3, to: y)
                if width == 128 {
                    add(x, load(w + 64), load(w + 80), load(w + 96), load(w + 112), to: y + 64)
                }
            }
            return
        }
        let v0 = load(v), v1 = load(v + 16), v2 = load(v + 32), v3 = load(v + 48)
        if width == 128 {
            let w4 = load(w + 64), w5 = load(w + 80), w6 = load(w + 96), w7 = load(w + 112)
            let v4 = load(v + 64), v5 = load(v + 80), v6 = load(v + 96), v7 = load(v + 112)
            for entry in entries {
                let x = Lanes(repeating: columns.pairValue[2 &* entry])
                let z = Lanes(repeating: columns.pairValue[2 &* entry &+ 1])
                let y = block + Int(columns.pairRow[entry]) &* width
                add(x, w0, w1, w2, w3, then: z, v0, v1, v2, v3, to: y)
                add(x, w4, w5, w6, w7, then: z, v4, v5, v6, v7, to: y + 64)
            }
        } else {
            for entry in entries {
                let x = Lanes(repeating: columns.pairValue[2 &* entry])
                let z = Lanes(repeating: columns.pairValue[2 &* entry &+ 1])
                let y = block + Int(columns.pairRow[entry]) &* width
                add(x, w0, w1, w2, w3, then: z, v0, v1, v2, v3, to: y)
            }
        }
    }

    /// Adds pair entries `entries` into 32 outputs of the rows of `block` (`width` floats a row)
    /// from the first pixel's `weights` and its `partner`'s (nil: the pair is one pixel) for
    /// those outputs: `registerGroup` of them, two registers a pixel.
    @inline(__always)
    private func addPairGroup(
        _ columns: SparseColumns, _ entries: Range<Int>, weights w: UnsafePointer<Float>,
        partner: UnsafePointer<Float>?, into block: UnsafeMutablePointer<Float>, width: Int
    ) {
        let w0 = load(w), w1 = load(w + 16)
        guard let v = partner else {
            for entry in entries {
                let x = Lanes(repeating: columns.pairValue[2 &* entry])
                let y = block + Int(columns.pairRow[entry]) &* width
                store(multiplyAdd(load(y), x, w0), y); store(multiplyAdd(load(y + 16), x, w1), y + 16)
            }
            return
        }
        let v0 = load(v), v1 = load(v + 16)
        for entry in entries {
            let x = Lanes(repeating: columns.pairValue[2 &* entry])
            let z = Lanes(repeating: columns.pairValue[2 &* entry &+ 1])
            let y = block + Int(columns.pairRow[entry]) &* width
            store(multiplyAdd(multiplyAdd(load(y), x, w0), z, v0), y)
            store(multiplyAdd(multiplyAdd(load(y + 16), x, w1), z, v1), y + 16)
        }
    }

    /// Sums pair entries `entries` of 32 output gradients (`source`, `width` floats a row) into
    /// the gradients of the first pixel's weights for them from `at` on and, when `both`, the
    /// second pixel's from `second` on, and ends them with `finish`: `registerGroup` outputs,
    /// two registers of sums a pixel.
    @inline(__always)
    private func sumPairGroup(
        _ columns: SparseColumns, _ entries: Range<Int>, source: UnsafePointer<Float>, width: Int, both: Bool,
        at: Int, second: Int, _ finish: Finish
    ) {
        var (g0, g1) = finish.startHalf(self, at: at)
        guard both else {
            for entry in entries {
                let x = Lanes(repeating: columns.pairValue[2 &* entry])
                let dy = source + Int(columns.pairRow[entry]) &* width
                g0 = multiplyAdd(g0, x, load(dy)); g1 = multiplyAdd(g1, x, load(dy + 16))
            }
            finish(self, g0, g1, at: at)
            return
        }
        var (h0, h1) = finish.startHalf(self, at: second)
        for entry in entries {
            let x = Lanes(repeating: columns.pairValue[2 &* entry])
            let z = Lanes(repeating: columns.pairValue[2 &* entry &+ 1])
            let dy = source + Int(columns.pairRow[entry]) &* width
            var d = load(dy); g0 = multiplyAdd(g0, x, d); h0 = multiplyAdd(h0, z, d)
            d = load(dy + 16); g1 = multiplyAdd(g1, x, d); h1 = multiplyAdd(h1, z, d)
        }
        finish(self, g0, g1, at: at)
        finish(self, h0, h1, at: second)
    }

    /// y[0..<64] += x w, four registers from `y` on.
    @inline(__always)
    private func add(_ x: Lanes, _ w0: Lanes, _ w1: Lanes, _ w2: Lanes, _ w3: Lanes, to y: UnsafeMutablePointer<Float>) {
        store(multiplyAdd(load(y), x, w0), y); store(multiplyAdd(load(y + 16), x, w1), y + 16)
        store(multiplyAdd(load(y + 32), x, w2), y + 32); store(multiplyAdd(load(y + 48), x, w3), y + 48)
    }

    /// y[0..<64] += x w, then += z v: one load and one store a register for both.
    @inline(__always)
    private func add(
        _ x: Lanes, _ w0: Lanes, _ w1: Lanes, _ w2: Lanes, _ w3: Lanes,
        then z: Lanes, _ v0: Lanes, _ v1: Lanes, _ v2: Lanes, _ v3: Lanes, to y: UnsafeMutablePointer<Float>
    ) {
        store(multiplyAdd(multiplyAdd(load(y), x, w0), z, v0), y)
        store(multiplyAdd(multiplyAdd(load(y + 16), x, w1), z, v1), y + 16)
        store(multiplyAdd(multiplyAdd(load(y + 32), x, w2), z, v2), y + 32)
        store(multiplyAdd(multiplyAdd(load(y + 48), x, w3), z, v3), y + 48)
    }

    /// Writes (or with `accumulate` adds to) this band's pixels' gradients in every block of
    /// dL/dW (held as the weights are, [inputs, block width] a block), from `outputGradient`
    /// ([rows, outputs]). For each block, its output gradients are copied into `block` (nil for a
    /// layer of one block: read where they are), then each pair of pixels' gradients for the
    /// block (`SparseColumns.pairEntries`) are summed in registers and stored, and `update`, when
    /// given, applied to those weights while they are in cache; pixels no row inks get zeros.
    /// Each output gradient loaded serves both pixels; a row inking one of them adds 0 times it
    /// to the other's sum, which leaves that sum as it was.
    ///
    /// Plain descent without decay, not accumulating, instead takes its step straight from the
    /// registers and leaves the band's gradient rows unwritten (stale), skipping blank pairs:
    /// nothing reads them after the update, and at 784-1024-128-10 storing them, 1.6 MB a
    /// thread a batch, pushed the band's weights out of the core's second-level cache.
    func backward(
        sparseBlocks columns: SparseColumns, rows: Int, outputGradient: UnsafePointer<Float>,
        gradients: UnsafeMutablePointer<Float>, accumulate: Bool, update: OptimizerStep?,
        parameters: UnsafeMutablePointer<Float>?, block: UnsafeMutablePointer<Float>?
    ) {
        precondition(suitsBlocks && (block != nil || !needsBlockBuffer),
                     "the block kernels take a whole number of blocks of 64, and a buffer for more than one")
        precondition(columns.pairs, "the block kernels' weight gradient walks pairs of columns")
        precondition(update == nil || parameters != nil, "an update needs the parameters")
        let width = outputs
        // Plain descent steps straight from the registers and skips blank pairs; not when adding
        // to gradients of earlier chunks, where a pair this chunk leaves blank may have one.
        let plainRate = accumulate ? nil : update?.plainRate
        let step = Finish(direct: plainRate != nil, rate: Lanes(repeating: -(plainRate ?? 0)), accumulate: accumulate,
                          gradients: gradients, parameters: parameters)
        for o in outputBlocks {
            let span = min(Self.blockWidth, width - o)
            let source: UnsafePointer<Float>
            if let block {
                for row in 0..<rows { (block + row * span).update(from: outputGradient + row * width + o, count: span) }
                source = UnsafePointer(block)
            } else {
                source = outputGradient
            }
            for pair in 0..<columns.pairCount {
                let entries = columns.pairEntries(pair)
                let at = weightOffset + o * inputs + (columns.firstPixel + 2 * pair) * span
                // The band's last pair is one pixel when the band is odd.
                let both = 2 * pair + 1 < columns.pixels
                let weights = at..<(at + (both ? 2 : 1) * span)
                guard !entries.isEmpty else {
                    if !accumulate && !step.direct { (gradients + at).update(repeating: 0, count: weights.count) }
                    if let update, !step.direct { update.apply(weights, parameters: parameters!, gradients: gradients) }
                    continue
                }
                #if WIDE_VECTOR_REGISTERS
                if span == 128 {
                    sumPairs(columns, entries, source: source, width: 128, both: both, at: at, step)
                } else {
                    sumPairs(columns, entries, source: source, width: 64, both: both, at: at, step)
                }
                #else
                for group in stride(from: 0, to: span, by: Self.registerGroup) {
                    sumPairGroup(columns, entries, source: source + group, width: span, both: both,
                                 at: at + group, second: at + span + group, step)
                }
                #endif
                if !step.direct { update?.apply(weights, parameters: parameters!, gradients: gradients) }
            }
        }
    }

    /// How `backward(sparseBlocks:...)` ends a pixel's sums: a plain descent step from the
    /// registers (`direct`), or the gradient stored.
    private struct Finish {
        let direct: Bool
        /// Minus the rate, for `direct`.
        let rate: Lanes
        let accumulate: Bool
        let gradients: UnsafeMutablePointer<Float>
        let parameters: UnsafeMutablePointer<Float>?

        /// Ends the sums of 64 weights from `at` on: four registers.
        @inline(__always)
        func callAsFunction(_ layer: DenseLayer, _ a: Lanes, _ b: Lanes, _ c: Lanes, _ d: Lanes, at: Int) {
            if direct {
                let w = parameters! + at
                layer.store(layer.multiplyAdd(layer.load(w), rate, a), w)
                layer.store(layer.multiplyAdd(layer.load(w + 16), rate, b), w + 16)
                layer.store(layer.multiplyAdd(layer.load(w + 32), rate, c), w + 32)
                layer.store(layer.multiplyAdd(layer.load(w + 48), rate, d), w + 48)
            } else {
                let g = gradients + at
                layer.store(a, g); layer.store(b, g + 16); layer.store(c, g + 32); layer.store(d, g + 48)
            }
        }

        /// Ends the sums of 32 weights from `at` on: two registers.
        @inline(__always)
        func callAsFunction(_ layer: DenseLayer, _ a: Lanes, _ b: Lanes, at: Int) {
            if direct {
                let w = parameters! + at
                layer.store(layer.multiplyAdd(layer.load(w), rate, a), w)
                layer.store(layer.multiplyAdd(layer.load(w + 16), rate, b), w + 16)
            } else {
                let g = gradients + at
                layer.store(a, g); layer.store(b, g + 16)
            }
        }

        /// The sums so far of 32 weights from `at` on, when adding to earlier chunks, else zeros.
        @inline(__always)
        func startHalf(_ layer: DenseLayer, at: Int) -> (Lanes, Lanes) {
            guard accumulate else { return (Lanes(), Lanes()) }
            return (layer.load(gradients + at), layer.load(gradients + at + 16))
        }

        /// The sums so far of 64 weights from `at` on, when adding to earlier chunks, else zeros.
        @inline(__always)
        func start(_ layer: DenseLayer, at: Int) -> (Lanes, Lanes, Lanes, Lanes) {
            guard accumulate else { return (Lanes(), Lanes(), Lanes(), Lanes()) }
            let g = gradients + at
            return (layer.load(g), layer.load(g + 16), layer.load(g + 32), layer.load(g + 48))
        }
    }

    /// Sums pair entries `entries` of `source` (`width`, 64 or 128, floats a row) into the
    /// gradients of the pair's weights from `at` on (the second pixel's `width` further, unless
    /// not `both`), and ends them with `finish`.
    @inline(__always)
    private func sumPairs(
        _ columns: SparseColumns, _ entries: Range<Int>, source: UnsafePointer<Float>, width: Int, both: Bool,
        at: Int, _ finish: Finish
    ) {
        var (g0, g1, g2, g3) = finish.start(self, at: at)
        var (g4, g5, g6, g7) = width == 128 ? finish.start(self, at: at + 64) : (Lanes(), Lanes(), Lanes(), Lanes())
        guard both else {
            for entry in entries {
                let x = Lanes(repeating: columns.pairValue[2 &* entry])
                let dy = source + Int(columns.pairRow[entry]) &* width
                sum(x, dy, &g0, &g1, &g2, &g3)
                if width == 128 { sum(x, dy + 64, &g4, &g5, &g6, &g7) }
            }
            finish(self, g0, g1, g2, g3, at: at)
            if width == 128 { finish(self, g4, g5, g6, g7, at: at + 64) }
            return
        }
        let second = at + width
        var (h0, h1, h2, h3) = finish.start(self, at: second)
        var (h4, h5, h6, h7) = width == 128 ? finish.start(self, at: second + 64) : (Lanes(), Lanes(), Lanes(), Lanes())
        for entry in entries {
            let x = Lanes(repeating: columns.pairValue[2 &* entry])
            let z = Lanes(repeating: columns.pairValue[2 &* entry &+ 1])
            let dy = source + Int(columns.pairRow[entry]) &* width
            sum(x, z, dy, &g0, &g1, &g2, &g3, &h0, &h1, &h2, &h3)
            if width == 128 { sum(x, z, dy + 64, &g4, &g5, &g6, &g7, &h4, &h5, &h6, &h7) }
        }
        finish(self, g0, g1, g2, g3, at: at)
        finish(self, h0, h1, h2, h3, at: second)
        if width == 128 {
            finish(self, g4, g5, g6, g7, at: at + 64)
            finish(self, h4, h5, h6, h7, at: second + 64)
        }
    }

    /// g += x dy for 64 output gradients from `dy` on, four registers.
    @inline(__always)
    private func sum(
        _ x: Lanes, _ dy: UnsafePointer<Float>,
        _ g0: inout Lanes, _ g1: inout Lanes, _ g2: inout Lanes, _ g3: inout Lanes
    ) {
        g0 = multiplyAdd(g0, x, load(dy)); g1 = multiplyAdd(g1, x, load(dy + 16))
        g2 = multiplyAdd(g2, x, load(dy + 32)); g3 = multiplyAdd(g3, x, load(dy + 48))
    }

    /// g += x dy and h += z dy for 64 output gradients from `dy` on: each register loaded once
    /// for both sums.
    @inline(__always)
    private func sum(
        _ x: Lanes, _ z: Lanes, _ dy: UnsafePointer<Float>,
        _ g0: inout Lanes, _ g1: inout Lanes, _ g2: inout Lanes, _ g3: inout Lanes,
        _ h0: inout Lanes, _ h1: inout Lanes, _ h2: inout Lanes, _ h3: inout Lanes
    ) {
        var d = load(dy); g0 = multiplyAdd(g0, x, d); h0 = multiplyAdd(h0, z, d)
        d = load(dy + 16); g1 = multiplyAdd(g1, x, d); h1 = multiplyAdd(h1, z, d)
        d = load(dy + 32); g2 = multiplyAdd(g2, x, d); h2 = multiplyAdd(h2, z, d)
        d = load(dy + 48); g3 = multiplyAdd(g3, x, d); h3 = multiplyAdd(h3, z, d)
    }
}
