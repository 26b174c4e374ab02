/// One step of training on a batch of one training set: forward, backward, and the optimiser's
/// update. A step owns everything that touches the parameters while a run lasts: the parameters
/// in its `TrainingLayout`, the optimiser (whose state follows that layout), the workspace's
/// buffers, and whatever its fast path needs (threads, scratch memory). The `Trainer` above it
/// only picks the batches, the learning rate and what to report.
///
/// `DenseStep` is the plain path the gradient checks prove; `SparseStep`, for mostly blank
/// images, is checked against it. Full-batch descent is `train` on a batch larger than a step's
/// buffers (see `trainInChunks`).
protocol TrainingStep: AnyObject {
    /// The most images one pass takes.
    var capacity: Int { get }
    /// The optimiser the step updates its parameters with.
    var optimizer: Optimizer { get }

    /// Forward and backward over the training images at `images` (at most `capacity`): leaves
    /// the gradients of the mean loss over `meanOver` images, added to those already there with
    /// `accumulating`. With `update`, also applies it to every parameter (a step may do part of
    /// that while the gradients are still in cache). Returns the images' summed loss and how many
    /// the network got right. A plain-descent `update` may be taken straight from the sums,
    /// leaving the weights' gradients (the biases' are written) in the buffer stale: read them
    /// only after passes without an update.
    func pass(_ images: ArraySlice<Int>, meanOver: Int, accumulating: Bool, update: OptimizerStep?) -> BatchResult

    /// Applies `update` to every parameter, from the gradients the passes left.
    func apply(_ update: OptimizerStep)

    /// The parameters so far, in the network's layout.
    func networkParameters() -> [Float]

    /// Accuracy and mean loss of the parameters so far on `dataset` (whose images fit the
    /// network and whose labels are its outputs), when the step has a faster way to them than
    /// the plain forward pass (`Trainer.measureChecked`); else nil.
    func measure(_ dataset: Dataset) -> (accuracy: Float, loss: Float)?
}

extension TrainingStep {
    /// No faster way: the trainer measures through the plain forward pass.
    func measure(_ dataset: Dataset) -> (accuracy: Float, loss: Float)? { nil }

    /// Trains on the training images `batch` at learning rate `rate`: one optimiser step. A
    /// batch that fits the buffers is one pass; a larger one is full-batch descent, in chunks.
    func train(_ batch: ArraySlice<Int>, rate: Float) -> BatchResult {
        let update = optimizer.nextStep(rate: rate)
        guard batch.count <= capacity else { return trainInChunks(batch, update: update) }
        return pass(batch, meanOver: batch.count, accumulating: false, update: update)
    }
}
