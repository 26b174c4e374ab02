import Foundation

extension Trainer {
    /// Accuracy and mean loss of `network` on `dataset`, in chunks. Throws when the images do
    /// not fit the network's input or a label is not one of its outputs.
    public static func measure(_ network: Network, on dataset: Dataset) throws(TrainingError) -> (accuracy: Float, loss: Float) {
        try check(dataset, fits: network)
        return measureChecked(network, on: dataset)
    }

    /// Refuses `dataset` unless its images have the network's input width and every label is
    /// below its output width: the loss reads the probability a label picks.
    static func check(_ dataset: Dataset, fits network: Network) throws(TrainingError) {
        guard dataset.pixelsPerImage == network.inputSize else {
            throw .imageSizeMismatch(pixels: dataset.pixelsPerImage, networkInputs: network.inputSize)
        }
        if let maxLabel = dataset.labels.max(), Int(maxLabel) >= network.outputSize {
            throw .labelOutOfRange(label: Int(maxLabel), outputs: network.outputSize)
        }
    }

    /// `measure` for a dataset `check` has passed.
    static func measureChecked(_ network: Network, on dataset: Dataset) -> (accuracy: Float, loss: Float) {
        let chunk = min(dataset.count, largestChunk)
        guard chunk > 0 else { return (0, 0) }
        let workspace = Workspace(for: network, capacity: chunk, training: false)
        let input = UnsafeMutablePointer<Float>.allocate(capacity: chunk * dataset.pixelsPerImage)
        defer { input.deallocate() }
        var correct = 0
        var loss = 0.0
        dataset.labels.withUnsafeBufferPointer { labels in
            for start in stride(from: 0, to: dataset.count, by: chunk) {
                let rows = min(chunk, dataset.count - start)
                dataset.copyBatch(start..<(start + rows), into: input)
                workspace.infer(network, input: input, batch: rows)
                let score = workspace.score(labels: labels.baseAddress! + start, batch: rows)
                correct += score.correct
                loss += score.loss
            }
        }
        return (Float(correct) / Float(dataset.count), Float(loss / Double(dataset.count)))
    }
}
