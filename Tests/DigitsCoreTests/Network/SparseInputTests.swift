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
    func sparseImages(parts: Int) {
        let dataset = sparseDataset(count: 40)
        let sparse = SparseImages(dataset, parts: parts)
        #expect(sparse.bandStart.count == parts + 1)
        #expect(sparse.bandStart.first == 0 && sparse.bandStart.last == 49)
        #expect(zip(sparse.bandStart, sparse.bandStart.dropFirst()).allSatisfy { $0 <= $1 })
        var inkPerBand = [Int](repeating: 0, count: parts)
        for image in 0..<dataset.count {
            var listed: [(Int, UInt8)] = []
            for band in 0..<parts {
                let entries = sparse.entryStart[image * parts + band]..<sparse.entryStart[image * parts + band + 1]
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
        for ink in inkPerBand { #expect(abs(ink * parts - total) < total / 4, "bands \(inkPerBand)") }
    }

    @Test("a batch's columns list, for each pixel, the rows inked there")
    func columns() {
        let dataset = sparseDataset(count: 30)
        let sparse = SparseImages(dataset, parts: 2)
        let batch = SparseBatch(for: sparse, capacity: 8, width: 4)
        let indices = [7, 0, 29, 13, 2]
        for band in 0..<2 {
            let columns = batch.bands[band]
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

    @Test("the sparse pass gives the dense pass's loss, probabilities and gradients", arguments: [
        ([5], 1, false), ([16], 2, false), ([100], 2, false), ([130, 7], 3, false), ([64], 1, false),
        ([5], 1, true), ([100], 2, true), ([130, 7], 3, true), ([64], 2, true),
    ])
    func matchesDense(hidden: [Int], parts: Int, byRow: Bool) throws {
        let dataset = sparseDataset(count: 12)
        var network = try Network(sizes: [49] + hidden + [3], activation: .relu, seed: 4)
        var generator = SeededGenerator(seed: 8)
        network.parameters = network.parameters.map { $0 + generator.nextNormal() * 0.05 }
        let indices = [3, 11, 0, 5, 8, 9]
        let labels = indices.map { dataset.labels[$0] }

        // Dense: the images as floats, as the trainer converts them.
        let dense = Workspace(for: network, capacity: 6)
        var input = [Float](repeating: 0, count: 6 * 49)
        input.withUnsafeMutableBufferPointer { dataset.copyBatch(indices, into: $0.baseAddress!) }
        var denseProbabilities: [Float] = []
        let denseLoss = dense.forwardBackward(network, input: input, labels: labels, batch: 6) {
            denseProbabilities = Array($0)
        }

        // Sparse, in two chunks accumulated, so `accumulate` is covered too.
        let layout = TrainingLayout(for: network, transposesFirstLayer: true)
        var parameters = layout.training(network.parameters)
        let sparse = SparseImages(dataset, parts: parts)
        let team = WorkerTeam(size: parts)
        let scratch = SparseBatch(for: sparse, capacity: 3, width: hidden[0], forwardsByRow: byRow)
        let workspace = Workspace(for: network, capacity: 3)
        var sparseLoss: Float = 0
        var sparseProbabilities: [Float] = []
        for chunk in 0..<2 {
            let rows = Array(indices[(chunk * 3)..<(chunk * 3 + 3)])
            let chunkLabels = Array(labels[(chunk * 3)..<(chunk * 3 + 3)])
            sparseLoss += parameters.withUnsafeMutableBufferPointer { parameters in
                rows.withUnsafeBufferPointer { rows in
                    workspace.forwardBackward(
                        network, parameters: parameters.baseAddress!, images: sparse, indices: rows,
                        scratch: scratch, team: team, labels: chunkLabels, meanOver: 6,
                        accumulate: chunk == 1, step: nil) { sparseProbabilities += Array($0) }
                }
            } / 2
        }
        #expect(abs(sparseLoss - denseLoss) < 1e-5 * max(1, abs(denseLoss)))
        for (a, b) in zip(sparseProbabilities, denseProbabilities) { #expect(abs(a - b) < 1e-5) }
        let gradients = layout.network(Array(workspace.gradients))
        for (index, (a, b)) in zip(gradients, dense.gradients).enumerated() {
            #expect(abs(a - b) <= 1e-5 + 1e-4 * abs(b), "parameter \(index)")
        }
        // The layout round-trips.
        #expect(layout.network(parameters) == network.parameters)
    }

    @Test("the sparse pass's gradients match finite differences")
    func finiteDifferences() throws {
        let dataset = sparseDataset(count: 6)
        var network = try Network(sizes: [49, 20, 3], activation: .sigmoid, seed: 2)
        var generator = SeededGenerator(seed: 12)
        network.parameters = network.parameters.map { $0 + generator.nextNormal() * 0.1 }
        let layout = TrainingLayout(for: network, transposesFirstLayer: true)
        let sparse = SparseImages(dataset, parts: 2)
        let team = WorkerTeam(size: 2)
        let scratch = SparseBatch(for: sparse, capacity: 6, width: 20)
        let workspace = Workspace(for: network, capacity: 6)
        let indices = Array(0..<6)
        func loss(_ parameters: [Float]) -> Double {
            var parameters = parameters
            return Double(parameters.withUnsafeMutableBufferPointer { parameters in
                indices.withUnsafeBufferPointer { indices in
                    workspace.forwardBackward(
                        network, parameters: parameters.baseAddress!, images: sparse, indices: indices,
                        scratch: scratch, team: team, labels: dataset.labels, meanOver: nil,
                        accumulate: false, step: nil) { _ in }
                }
            })
        }
        let parameters = layout.training(network.parameters)
        _ = loss(parameters)
        let analytic = Array(workspace.gradients)
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
        var whole = Optimizer(kind, for: network, weightDecay: 0.01)
        var split = Optimizer(kind, for: network, weightDecay: 0.01)
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

    @Test("training through the sparse layer ends where the dense path does")
    func trainerAgrees() throws {
        let training = barsDataset(count: 600, seed: 1)
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
            try sparseTrainer.train(&sparseNetwork, on: training)
            try denseTrainer.train(&denseNetwork, on: training)
            let largest = zip(sparseNetwork.parameters, denseNetwork.parameters).map { abs($0 - $1) }.max()!
            #expect(largest < 1e-3, "\(kind): parameters differ by \(largest)")
            #expect(sparseNetwork.parameters != untrained.parameters)
        }
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
