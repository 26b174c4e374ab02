/// Full-batch gradient descent, as the seed projects train: a wrapper around any step.
extension TrainingStep {
    /// One update from the gradient of the mean loss over all of `batch`, accumulated chunk by
    /// chunk so that memory stays that of one chunk of `capacity` images. The update waits for
    /// the last chunk, so no pass applies it.
    func trainInChunks(_ batch: ArraySlice<Int>, update: OptimizerStep) -> BatchResult {
        var result = BatchResult()
        for start in stride(from: batch.startIndex, to: batch.endIndex, by: capacity) {
            let chunk = batch[start..<min(start + capacity, batch.endIndex)]
            result += pass(chunk, meanOver: batch.count, accumulating: start != batch.startIndex, update: nil)
        }
        apply(update)
        return result
    }
}
