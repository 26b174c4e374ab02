extension EvaluationReport {
    /// Runs every image of `dataset` through `network`, `batchSize` images at a time, and
    /// collects the report. Pixels are converted to floats one batch at a time, so memory stays
    /// at one batch of floats beside the byte images.
    ///
    /// Throws when the network's input width is not the images' pixel count or a label is not
    /// one of the network's classes (its output width).
    public static func evaluate(_ network: Network, on dataset: Dataset,
                                batchSize: Int = 1000) throws(EvaluationError) -> EvaluationReport {
        guard network.inputSize == dataset.pixelsPerImage else {
            throw .inputSizeMismatch(networkInputs: network.inputSize,
                                     imageRows: dataset.rows, imageColumns: dataset.columns)
        }
        let classes = network.outputSize
        guard classes >= 2 else { throw .tooFewClasses(classes) }
        if let bad = dataset.labels.firstIndex(where: { Int($0) >= classes }) {
            throw .labelOutOfRange(index: bad, label: Int(dataset.labels[bad]), classCount: classes)
        }
        let count = dataset.count
        let capacity = max(1, min(batchSize, count))
        let workspace = Workspace(for: network, capacity: capacity, training: false)
        let input = UnsafeMutablePointer<Float>.allocate(capacity: capacity * dataset.pixelsPerImage)
        defer { input.deallocate() }
        var probabilities: [Float] = []
        probabilities.reserveCapacity(count * classes)
        var start = 0
        while start < count {
            let end = min(start + capacity, count)
            dataset.copyBatch(start..<end, into: input)
            workspace.infer(network, input: input, batch: end - start)
            probabilities.append(contentsOf: workspace.probabilities(batch: end - start))
            start = end
        }
        return try EvaluationReport(trueLabels: dataset.labels, probabilities: probabilities,
                                    classCount: classes)
    }
}
