import Foundation
import Testing
@testable import DigitsCore

/// The sparse first layer must compute exactly what the dense one does, only faster: these
/// tests hold its pieces (the inked-pixel lists, the per-batch columns, the kernels, the split
/// optimiser step, the worker threads) against the dense path, which the gradient checks prove.
@Suite("Sparse input")
struct SparseInputTests {
    /// `count` images of `width` pixels, about a quarter of them inked, labels 0...2.
    func sparseDataset(count: Int, width: Int = 49, seed: UInt64 = 3) -> Dataset {
        var generator = SeededGenerator(seed: seed)
        var images: [UInt8] = []
        for _ in 0..<(count * width) {
            images.append(generator.nextUnitFloat() < 0.25 ? UInt8(1 + generator.next() % 255) : 0)
        }
        let labels = (0..<count).map { _ in UInt8(generator.next() % 3) }
        return Dataset(images: images, labels: labels, rows: 7, columns: width / 7)
    }

    @Test("the inked-pixel lists hold every inked pixel once, in bands of about equal ink", arguments: [1, 2, 3])
    func sparseImages(bands: Int) {
        let dataset = sparseDataset(count: 40)
        let sparse = SparseImages(dataset, bands: bands)
        #expect(sparse.bandStart.count == bands + 1)
        #expect(sparse.bandStart.first == 0 && sparse.bandStart.last == 49)
        #expect(zip(sparse.bandStart, sparse.bandStart.dropFirst()).allSatisfy { $0 <= $1 })
        var inkPerBand = [Int](repeating: 0, count: bands)
        for image in 0..<dataset.count {
            var listed: [(Int, UInt8)] = []
            for band in 0..<bands {
                let entries = sparse.entryStart[image * bands + band]..<sparse.entryStart[image * bands + band + 1]
                for entry in entries {
                    let pixel = Int(sparse.pixel[entry])
                    #expect((sparse.bandStart[band]..<sparse.bandStart[band + 1]).contains(pixel))
                    listed.append((pixel, sparse.value[entry]))
                }
                inkPerBand[band] += entries.count
            }
            let expected = dataset.image(image).enumerated().filter { $0.element != 0 }
            #expect(listed.map(\.0) == expected.map { $0.offset })
            #expect(listed.map(\.1) == expected.map { $0.element })
        }
        let total = inkPerBand.reduce(0, +)
        for ink in inkPerBand { #expect(abs(ink * bands - total) < total / 4, "bands \(inkPerBand)") }
    }

    @Test("a batch's columns list, for each pixel, the rows inked there")
    func columns() throws {
        let dataset = sparseDataset(count: 30)
        let sparse = SparseImages(dataset, bands: 2)
        let batch = SparseBatch(for: sparse, capacity: 8,
                                layer: try Network(sizes: [49, 4, 3], activation: .relu).layers[0], forward: .byPixel)
        let indices = [7, 0, 29, 13, 2]
        for band in 0..<2 {
            let columns = batch.columns[band]
            indices.withUnsafeBufferPointer { columns.fill(from: sparse, band: band, indices: $0) }
            for column in 0..<columns.pixels {
                let pixel = columns.firstPixel + column
                let entries = Int(columns.columnStart[column])..<Int(columns.columnStart[column + 1])
                let rows = entries.map { Int(columns.row[$0]) }
                let expected = indices.indices.filter { dataset.image(indices[$0])[dataset.image(indices[$0]).startIndex + pixel] != 0 }
                #expect(rows == expected, "pixel \(pixel)")
                for (entry, row) in zip(entries, rows) {
                    let byte = dataset.image(indices[row])[dataset.image(indices[row]).startIndex + pixel]
                    #expect(columns.value[entry] == Float(byte) * (1 / 255))
                }
            }
        }
    }

    @Test("a batch's pairs of columns list, for each two pixels, the rows inked at either and both values",
          arguments: [(1, 0.25), (2, 0.25), (3, 0.25), (2, 1.0), (3, 0.7)])
    func pairsOfColumns(bands: Int, density: Double) throws {
        // Density 1: every row inks every pixel, so the first batch fills each pair's room.
        var generator = SeededGenerator(seed: 11)
        let count = 30, width = 49
        let images = (0..<(count * width)).map { _ in
            generator.nextUnitFloat() < Float(density) ? UInt8(1 + generator.next() % 255) : 0
        }
        let dataset = Dataset(images: images, labels: [UInt8](repeating: 0, count: count), rows: 7, columns: 7)
        let sparse = SparseImages(dataset, bands: bands)
        let batch = SparseBatch(for: sparse, capacity: 8,
                                layer: try Network(sizes: [49, 64, 3], activation: .relu).layers[0], forward: .byBlock)
        // A full batch first, then a smaller one into the same columns: nothing of the first may stay.
        let earlier = [3, 4, 6, 9, 10, 11, 12, 14]
        let indices = [7, 0, 29, 13, 2, 21]
        for band in 0..<bands {
            let columns = batch.columns[band]
            #expect(columns.pairs)
            earlier.withUnsafeBufferPointer { columns.fill(from: sparse, band: band, indices: $0) }
            indices.withUnsafeBufferPointer { columns.fill(from: sparse, band: band, indices: $0) }
            for pair in 0..<columns.pairCount {
                let pixels = (columns.firstPixel + 2 * pair)..<min(columns.firstPixel + 2 * pair + 2,
                                                                  columns.firstPixel + columns.pixels)
                func byte(_ row: Int, _ pixel: Int) -> UInt8 {
                    dataset.image(indices[row])[dataset.image(indices[row]).startIndex + pixel]
                }
                let entries = columns.pairEntries(pair)
                let rows = entries.map { Int(columns.pairRow[$0]) }
                #expect(rows == indices.indices.filter { row in pixels.contains { byte(row, $0) != 0 } }, "pair \(pair)")
                for (entry, row) in zip(entries, rows) {
                    for (slot, pixel) in pixels.enumerated() {
                        #expect(columns.pairValue[2 * entry + slot] == Float(byte(row, pixel)) * (1 / 255))
                    }
                    if pixels.count == 1 { #expect(columns.pairValue[2 * entry + 1] == 0) }
                }
            }
        }
        // (The bands of 49 pixels cannot all be even, so some pair stands alone.)
    }

    @Test("a batch larger than the columns hold is refused, not written past their end")
    func columnsRefuseOverflow() async {
        await #expect(processExitsWith: .failure) {
            let sparse = SparseImages(barsDataset(count: 30, seed: 1), bands: 1)
            let batch = SparseBatch(for: sparse, capacity: 2,
                                    layer: try! Network(sizes: [49, 4, 3], activation: .relu).layers[0], forward: .byPixel)
            [0, 1, 2].withUnsafeBufferPointer { batch.columns[0].fill(from: sparse, band: 0, indices: $0) }
        }
    }

    @Test("the sparse pass gives the dense pass's loss, probabilities and gradients", arguments: [
        ([5], 1, .byPixel), ([16], 2, .byPixel), ([100], 2, .byPixel), ([130, 7], 3, .byPixel), ([64], 1, .byPixel),
        ([5], 1, .byRow), ([100], 2, .byRow), ([130, 7], 3, .byRow), ([64], 2, .byRow),
        // Narrow and odd widths: blocks of 8, and last blocks overlapping the one before.
        ([10], 1, .byPixel), ([10], 2, .byRow), ([12], 1, .byRow), ([24], 2, .byPixel), ([24], 3, .byRow), ([8], 1, .byRow),
        // Wide layers by blocks of 128 outputs, the last one 64 wide (a width the kernels do not
        // serve falls back to rows).
        ([192], 1, .byBlock), ([256, 5], 2, .byBlock), ([320], 3, .byBlock), ([200], 2, .byBlock),
        // One block, summed in place: 128 outputs (784-128-10) and 64.
        ([128], 1, .byBlock), ([128, 5], 2, .byBlock), ([64], 3, .byBlock),
        // Widths the blocks would take, forced onto the other walks: the layout must follow the
        // walk, not the width.
        ([256], 2, .byPixel), ([320, 5], 2, .byRow),
    ] as [([Int], Int, SparseBatch.Forward)])
    func matchesDense(hidden: [Int], bands: Int, forward: SparseBatch.Forward) throws {
        let dataset = sparseDataset(count: 12)
        var network = try Network(sizes: [49] + hidden + [3], activation: .relu, seed: 4)
        var generator = SeededGenerator(seed: 8)
        network.parameters = network.parameters.map { $0 + generator.nextNormal() * 0.05 }
        let indices = [3, 11, 0, 5, 8, 9]
        let labels = indices.map { dataset.labels[$0] }

        // Dense: the images as floats, as the dense step converts them.
        let dense = Workspace(for: network, capacity: 6)
        var input = [Float](repeating: 0, count: 6 * 49)
        input.withUnsafeMutableBufferPointer { dataset.copyBatch(indices, into: $0.baseAddress!) }
        let denseLoss = dense.forwardBackward(network, input: input, labels: labels, batch: 6)
        let denseProbabilities = Array(dense.probabilities(batch: 6))
        let denseCorrect = dense.correctCount(labels: labels, batch: 6)

        // Sparse, in two chunks accumulated, so `accumulating` is covered too.
        let step = SparseStep(network, training: dataset, capacity: 3, optimizer: Optimizer(.sgd, for: network),
                              bands: bands, forward: forward)
        let chosen = SparseBatch.forward(for: network.layers[0], capacity: 3, requested: forward)
        #expect(step.parameters.layout == .firstLayerInBlocks(width: chosen == .byBlock ? 128 : hidden[0]))
        var sparse = BatchResult()
        var sparseProbabilities: [Float] = []
        for chunk in 0..<2 {
            sparse += step.pass(indices[(chunk * 3)..<(chunk * 3 + 3)], meanOver: 6, accumulating: chunk == 1,
                                update: nil)
            sparseProbabilities += Array(step.workspace.probabilities(batch: 3))
        }
        let sparseLoss = Float(sparse.loss / 6)
        #expect(abs(sparseLoss - denseLoss) < 1e-5 * max(1, abs(denseLoss)))
        #expect(sparse.correct == denseCorrect)
        for (a, b) in zip(sparseProbabilities, denseProbabilities) { #expect(abs(a - b) < 1e-5) }
        let gradients = step.parameters.layout.network(Array(step.workspace.gradients), of: network)
        for (index, (a, b)) in zip(gradients, dense.gradients).enumerated() {
            #expect(abs(a - b) <= 1e-5 + 1e-4 * abs(b), "parameter \(index)")
        }
        // The layout round-trips.
        #expect(step.networkParameters() == network.parameters)
    }

    @Test("a sparse step's updates, fused into its passes or after them, equal the dense step's",
          arguments: [
            ([10], 1, nil), ([10], 2, nil), ([64], 2, nil), ([100], 3, nil), ([130, 7], 2, nil), ([24], 1, nil),
            // By block, in place and through the block buffer; and the pixel kernels' own fused step.
            ([128], 1, nil), ([128], 2, nil), ([192], 1, nil), ([256], 2, nil), ([64], 2, .byPixel), ([128], 1, .byPixel),
            // More members than the last layer has outputs: one member steps none of them.
            ([192, 2], 4, nil),
          ] as [([Int], Int, SparseBatch.Forward?)])
    func updatesMatchDense(hidden: [Int], bands: Int, forward: SparseBatch.Forward?) throws {
        let dataset = sparseDataset(count: 24)
        let network = try Network(sizes: [49] + hidden + [3], activation: .relu, seed: 4)
        for (kind, decay) in [(OptimizerKind.sgd, Float(0)), (.sgd, 0.01), (.momentum, 0.001), (.adam, 0)] {
            // Adam divides each gradient by its own size plus epsilon, so a weight whose gradient
            // is a few epsilons is stepped by that gradient's rounding: the two paths sum in
            // different orders and agree on it to ~1e-12, not bit for bit, and with the usual
            // 1e-8 that moved one weight in some set-ups by 2e-5, which set-up flipping with any
            // change of rounding. With epsilon 1e-3 the two end within 7e-8 (a weight's last
            // bit), while a step taken from the wrong weight's state or gradient, or not taken,
            // still moves weights by up to the rate, thousands of times the bound.
            let epsilon: Float = kind == .adam ? 1e-3 : 1e-8
            let sparse = SparseStep(network, training: dataset, capacity: 8,
                                    optimizer: Optimizer(kind, for: network, weightDecay: decay, epsilon: epsilon),
                                    bands: bands, forward: forward)
            let dense = DenseStep(network, training: dataset, capacity: 8,
                                  optimizer: Optimizer(kind, for: network, weightDecay: decay, epsilon: epsilon))
            let rate: Float = 0.05
            var sparseLoss = 0.0, denseLoss = 0.0
            for batch in [[3, 11, 0, 5, 8, 9, 1, 2], [4, 6, 7], [23, 22, 21, 20, 19, 18, 17, 16]] {
                sparseLoss += sparse.train(batch[...], rate: rate).loss
                denseLoss += dense.train(batch[...], rate: rate).loss
            }
            #expect(abs(sparseLoss - denseLoss) < 1e-4 * max(1, abs(denseLoss)), "\(kind) decay \(decay)")
            let a = sparse.networkParameters(), b = dense.networkParameters()
            let worst = zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
            #expect(worst < 1e-5, "\(kind) decay \(decay), \(hidden) in \(bands) bands: parameters differ by \(worst)")
            #expect(a != network.parameters)
        }
    }

    @Test("full-batch descent in chunks by block, every optimiser, ends where the dense step does",
          arguments: [([128], 1), ([128], 2), ([192], 2), ([64], 1)])
    func chunksByBlockMatchDense(hidden: [Int], bands: Int) throws {
        let dataset = sparseDataset(count: 24)
        let network = try Network(sizes: [49] + hidden + [3], activation: .relu, seed: 4)
        for (kind, decay) in [(OptimizerKind.gd, Float(0)), (.gd, 0.01), (.momentum, 0.001), (.adam, 0)] {
            // Batches larger than the capacity of 4 go in chunks, their gradients accumulated.
            // Adam's first step moves a weight by about rate * g / (|g| + epsilon): with the
            // usual epsilon of 1e-8, a unit whose gradients are that small (one here, after the
            // first batch) turns their rounding, which differs between BLAS's kernels and ours
            // and between CPUs, into steps 1e-4 apart (seen on AVX2, not AVX-512). An epsilon
            // far above rounding keeps the comparison about the sums: a chunk lost or counted
            // twice still changes the steps by a large share of the rate.
            let optimizer = { Optimizer(kind, for: network, weightDecay: decay, epsilon: 1e-3) }
            let sparse = SparseStep(network, training: dataset, capacity: 4, optimizer: optimizer(), bands: bands)
            let dense = DenseStep(network, training: dataset, capacity: 4, optimizer: optimizer())
            #expect(SparseBatch.forward(for: network.layers[0], capacity: 4) == .byBlock)
            for batch in [Array(0..<11), Array(5..<24), [3, 1]] {
                _ = sparse.train(batch[...], rate: 0.05)
                _ = dense.train(batch[...], rate: 0.05)
            }
            let a = sparse.networkParameters(), b = dense.networkParameters()
            let worst = zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
            #expect(worst < 1e-5, "\(kind) decay \(decay), \(hidden) in \(bands) bands: parameters differ by \(worst)")
            #expect(a != network.parameters)
        }
    }

    @Test("the first layer held in blocks puts each weight where the kernels look, and gives it back",
          arguments: [(5, 128), (5, 2), (7, 3), (200, 128), (256, 128)])
    func blockLayout(outputs: Int, width: Int) throws {
        let network = try Network(sizes: [6, outputs, 3], activation: .relu, seed: 2)
        let layout = TrainingLayout.firstLayerInBlocks(width: width)
        // Every parameter a different value, so a misplaced one shows.
        let values = (0..<network.parameters.count).map(Float.init)
        let held = layout.holding(values, of: network)
        let first = network.layers[0]
        for output in 0..<outputs {
            let start = output / width * width, span = min(width, outputs - start)
            for input in 0..<first.inputs {
                let plain = first.weightOffset + output * first.inputs + input
                #expect(held[first.weightOffset + start * first.inputs + input * span + output - start] == values[plain],
                        "output \(output), input \(input)")
            }
        }
        #expect(held[first.biasOffset...] == values[first.biasOffset...])
        #expect(layout.network(held, of: network) == values)
    }

    @Test("only passes big enough to pay for the handing over are split across cores")
    func splitsOnlyBigPasses() throws {
        func worth(_ hidden: [Int], _ capacity: Int) throws -> Bool {
            SparseStep.worthSplitting(try Network(sizes: [784] + hidden + [10], activation: .relu), capacity: capacity)
        }
        #expect(try !worth([10], 64))
        #expect(try worth([128], 64))
        #expect(try worth([1024, 128], 64))
        #expect(try worth([10], 1000))
        for count in [0, 1, 5, 64, 65] {
            for members in 1...4 {
                let shares = (0..<members).map { Workspace.share($0, of: members, count: count) }
                #expect(shares.first?.lowerBound == 0 && shares.last?.upperBound == count)
                #expect(zip(shares, shares.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            }
        }
    }

    @Test("the sparse pass's gradients match finite differences")
    func finiteDifferences() throws {
        let dataset = sparseDataset(count: 6)
        var network = try Network(sizes: [49, 20, 3], activation: .sigmoid, seed: 2)
        var generator = SeededGenerator(seed: 12)
        network.parameters = network.parameters.map { $0 + generator.nextNormal() * 0.1 }
        let step = SparseStep(network, training: dataset, capacity: 6, optimizer: Optimizer(.sgd, for: network),
                              bands: 2)
        let indices = Array(0..<6)
        func loss(_ parameters: [Float]) -> Double {
            step.parameters.values = parameters
            return step.pass(indices[...], meanOver: 6, accumulating: false, update: nil).loss / 6
        }
        let parameters = step.parameters.values
        _ = loss(parameters)
        let analytic = Array(step.workspace.gradients)
        // Every bias and a spread of weights of both layers, in the trainer's layout.
        for i in stride(from: 0, to: parameters.count, by: 7) {
            var plus = parameters, minus = parameters
            plus[i] += 1e-2; minus[i] -= 1e-2
            let numeric = (loss(plus) - loss(minus)) / 2e-2
            // The loss is a Float near 1: one unit in its last place, over the 2e-2 step, is
            // 6e-6 of noise in the numeric derivative, so tiny gradients get an absolute margin.
            let difference = abs(Double(analytic[i]) - numeric)
            let relative = difference / max(abs(Double(analytic[i])) + abs(numeric), 1e-4)
            #expect(difference < 2e-5 || relative < 2e-2, "parameter \(i): analytic \(analytic[i]), numeric \(numeric)")
        }
    }

    @Test("an optimiser step applied range by range equals one whole step", arguments: OptimizerKind.allCases)
    func splitStep(kind: OptimizerKind) throws {
        let network = try Network(sizes: [6, 5, 3], activation: .relu, seed: 2)
        var generator = SeededGenerator(seed: 6)
        let gradients = network.parameters.map { _ in generator.nextNormal() }
        let whole = Optimizer(kind, for: network, weightDecay: 0.01)
        let split = Optimizer(kind, for: network, weightDecay: 0.01)
        var a = network.parameters, b = network.parameters
        for _ in 0..<3 {
            var ga = gradients, gb = gradients
            let stepA = whole.nextStep(rate: 0.1), stepB = split.nextStep(rate: 0.1)
            stepA.apply(0..<a.count, parameters: &a, gradients: &ga)
            for range in [0..<7, 7..<19, 19..<b.count] { stepB.apply(range, parameters: &b, gradients: &gb) }
        }
        #expect(a == b)
        #expect(a != network.parameters)
    }

    @Test("a test set's inked pixels in the training set's bands hold every pixel once, in those bands")
    func sparseImagesInGivenBands() {
        let training = sparseDataset(count: 40), test = sparseDataset(count: 9, seed: 11)
        for bands in [1, 2, 3] {
            let bandStart = SparseImages(training, bands: bands).bandStart
            let sparse = SparseImages(test, bandStart: bandStart)
            #expect(sparse.bands == bands && sparse.bandStart == bandStart)
            for image in 0..<test.count {
                var listed: [(Int, UInt8)] = []
                for band in 0..<bands {
                    for entry in sparse.entryStart[image * bands + band]..<sparse.entryStart[image * bands + band + 1] {
                        let pixel = Int(sparse.pixel[entry])
                        #expect(bandStart[band] <= pixel && pixel < bandStart[band + 1])
                        listed.append((pixel, sparse.value[entry]))
                    }
                }
                let inked = test.image(image).enumerated().filter { $0.element != 0 }.map { ($0.offset, $0.element) }
                #expect(listed.map(\.0) == inked.map(\.0) && listed.map(\.1) == inked.map(\.1))
            }
        }
    }

    @Test("a sparse step measures a test set as the plain forward pass does, through every walk",
          arguments: [
            ([10], 1, nil), ([10], 2, nil), ([100], 2, nil), ([24], 3, .byPixel), ([128, 5], 2, nil),
            ([256], 2, nil), ([192, 7], 3, nil), ([320], 2, .byRow), ([], 2, nil),
          ] as [([Int], Int, SparseBatch.Forward?)])
    func measuresAsDense(hidden: [Int], bands: Int, forward: SparseBatch.Forward?) throws {
        let training = sparseDataset(count: 24)
        // More images than the step holds, not a multiple of it, the last chunk one row (fewer
        // than the members, so some take none), inked unlike the training set.
        let test = sparseDataset(count: 25, seed: 12), other = sparseDataset(count: 17, seed: 13)
        var network = try Network(sizes: [49] + hidden + [3], activation: .relu, seed: 4)
        var generator = SeededGenerator(seed: 8)
        network.parameters = network.parameters.map { $0 + generator.nextNormal() * 0.05 }
        // Through the protocol, as the trainer calls it.
        let step: any TrainingStep = SparseStep(network, training: training, capacity: 8,
                                                optimizer: Optimizer(.sgd, for: network), bands: bands, forward: forward)
        func agrees(_ set: Dataset) throws {
            let sparse = try #require(step.measure(set)), dense = Trainer.measureChecked(network, on: set)
            #expect(sparse.accuracy == dense.accuracy)
            #expect(abs(sparse.loss - dense.loss) < 1e-5 * max(1, dense.loss))
        }
        // Twice (the second from the inked pixels kept from the first), then another set of the
        // same shape, then the first again.
        for set in [test, test, other, test] { try agrees(set) }
        // After training on, it measures the parameters it has come to, not the ones it began with.
        _ = step.train([0, 1, 2, 3, 4, 5, 6, 7][...], rate: 0.5)
        network.parameters = step.networkParameters()
        try agrees(test)
        // Images that are not mostly blank, or of another size, go through the plain pass.
        let inked = Dataset(images: test.images.map { $0 == 0 ? 9 : $0 }, labels: test.labels, rows: 7, columns: 7)
        #expect(step.measure(inked) == nil)
        #expect(step.measure(sparseDataset(count: 4, width: 56)) == nil)
        // So does a step for batches too small to measure in.
        let small = SparseStep(network, training: training, capacity: SparseStep.smallestMeasuringCapacity - 1,
                               optimizer: Optimizer(.sgd, for: network), bands: bands, forward: forward)
        #expect(small.measure(test) == nil)
    }

    @Test("a worker team runs every member of every job, and wakes after sleeping")
    func workerTeam() async throws {
        let team = WorkerTeam(size: 3)
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 3 * 16)
        counts.initialize(repeating: 0, count: 3 * 16)
        defer { counts.deallocate() }
        for _ in 0..<20_000 { team.run { member in counts[member * 16] += 1 } }
        #expect((0..<3).map { counts[$0 * 16] } == [20_000, 20_000, 20_000])
        try await Task.sleep(for: .milliseconds(30))  // long enough for the helpers to sleep
        for _ in 0..<5 { team.run { member in counts[member * 16] += 1 } }
        #expect((0..<3).map { counts[$0 * 16] } == [20_005, 20_005, 20_005])
        // Teams come and go with their threads.
        for _ in 0..<20 { WorkerTeam(size: 2).run { _ in } }
    }

    @Test("a worker team lets go of each job, and what it holds, when the run returns")
    func workerTeamDropsJob() {
        final class Token: Sendable {}
        let team = WorkerTeam(size: 3)
        weak var released: Token?
        do {
            let token = Token()
            released = token
            team.run { _ in withExtendedLifetime(token) {} }
        }
        #expect(released == nil)
    }

    @Test("training through the sparse layer ends where the dense path does")
    func trainerAgrees() throws {
        let training = barsDataset(count: 600, seed: 1), test = barsDataset(count: 130, seed: 2)
        for kind in [OptimizerKind.sgd, .momentum, .adam] {
            let config = TrainingConfiguration(hiddenSizes: [24], optimizer: kind,
                                               learningRate: kind == .adam ? 0.005 : 0.05,
                                               batchSize: 32, epochs: 2, seed: 5, weightDecay: 1e-4)
            var sparseTrainer = Trainer(configuration: config)
            var denseTrainer = sparseTrainer
            sparseTrainer.allowsSparseInput = true
            denseTrainer.allowsSparseInput = false
            let untrained = try sparseTrainer.makeNetwork(inputSize: 64, classes: 3)
            var sparseNetwork = untrained, denseNetwork = untrained
            // Each epoch's test figures, measured by the sparse step, are the plain pass's.
            try sparseTrainer.train(&sparseNetwork, on: training, testingOn: test) { event in
                guard case .epoch(let summary) = event else { return }
                let plain = Trainer.measureChecked(summary.network, on: test)
                #expect(summary.testAccuracy == plain.accuracy)
                #expect(abs((summary.testLoss ?? .nan) - plain.loss) < 1e-5 * max(1, plain.loss))
            }
            try denseTrainer.train(&denseNetwork, on: training)
            let largest = zip(sparseNetwork.parameters, denseNetwork.parameters).map { abs($0 - $1) }.max()!
            #expect(largest < 1e-3, "\(kind): parameters differ by \(largest)")
            #expect(sparseNetwork.parameters != untrained.parameters)
        }
    }

    @Test("batches larger than a step's buffers, minibatch or full, train alike sparse and dense",
          arguments: [OptimizerKind.momentum, .gd])
    func chunkedBatchesAgree(kind: OptimizerKind) throws {
        let training = barsDataset(count: 600, seed: 1)
        let config = TrainingConfiguration(hiddenSizes: [24], optimizer: kind, learningRate: 0.05,
                                           batchSize: 100, epochs: 2, seed: 5, weightDecay: 1e-4)
        var results: [Network] = []
        for sparse in [true, false] {
            var trainer = Trainer(configuration: config)
            trainer.allowsSparseInput = sparse
            trainer.chunkSize = 32  // 100 images, or all 600, in chunks of 32
            var network = try trainer.makeNetwork(inputSize: 64, classes: 3)
            try trainer.train(&network, on: training)
            results.append(network)
        }
        let largest = zip(results[0].parameters, results[1].parameters).map { abs($0 - $1) }.max()!
        #expect(largest < 1e-3, "\(kind): sparse and dense differ by \(largest)")
    }

    @Test("a run stopped mid-epoch hands back the weights so far, in the network's layout")
    func stoppedRunAgrees() throws {
        let training = barsDataset(count: 600, seed: 1)
        var results: [Network] = []
        for sparse in [true, false] {
            var trainer = Trainer(configuration: TrainingConfiguration(hiddenSizes: [24], batchSize: 10, epochs: 3))
            trainer.allowsSparseInput = sparse
            let control = TrainingControl()
            var batches = 0
            var network = try trainer.makeNetwork(inputSize: 64, classes: 3)
            let outcome = try trainer.train(&network, on: training, control: control) { event in
                if case .batch = event {
                    batches += 1
                    if batches == 75 { control.stop() }  // halfway through epoch 2
                }
            }
            guard case .cancelled(epochs: 1) = outcome else { Issue.record("outcome \(outcome)"); return }
            results.append(network)
        }
        let largest = zip(results[0].parameters, results[1].parameters).map { abs($0 - $1) }.max()!
        #expect(largest < 1e-3, "sparse and dense stopped runs differ by \(largest)")
    }
}
