/// A fully connected layer, y = x W^T + b, with W stored [outputs, inputs] row-major as PyTorch's
/// `nn.Linear` stores it. The layer owns no memory: it names where its weights, bias and
/// gradients live in the network's flat parameter and gradient buffers.
///
/// These passes read the network's layout (`TrainingLayout.network`). The sparse step holds the
/// first layer's weights by pixel (`.firstLayerInBlocks`), and only the kernels in
/// `DenseLayer+SparseInput` and `DenseLayer+SparseBlocks` read them so.
public struct DenseLayer: Sendable, Equatable {
    /// Width of the input vector.
    public let inputs: Int
    /// Width of the output vector.
    public let outputs: Int
    /// Offset of the weight matrix in the flat parameter buffer.
    public let weightOffset: Int
    /// Offset of the bias vector in the flat parameter buffer.
    public let biasOffset: Int

    /// Number of weights (`outputs * inputs`).
    public var weightCount: Int { inputs * outputs }

    /// Forward: `output[b, o] = sum_i input[b, i] * W[o, i] + bias[o]` for a batch of rows.
    public func forward(
        input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>
    ) {
        let bias = parameters + biasOffset
        // Broadcast the bias into the output, then let sgemm accumulate onto it (beta = 1).
        for row in 0..<batch {
            (output + row * outputs).update(from: bias, count: outputs)
        }
        if batch == 1 {
            matrixVectorProduct(m: outputs, n: inputs, a: parameters + weightOffset, x: input,
                                beta: 1, y: output)
        } else {
            matrixProduct(.none, .transposed, m: batch, n: outputs, k: inputs,
                          a: input, b: parameters + weightOffset, beta: 1, c: output)
        }
    }

    /// Backward: from dL/doutput, accumulate dL/dW and dL/db into `gradients` and, when
    /// `inputGradient` is given, write dL/dinput. With `accumulate`, gradients are added to what
    /// is there, so a full batch can be processed in chunks. The first layer passes nil: nobody needs
    /// the gradient with respect to the pixels, and it is the largest product of all.
    public func backward(
        input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int,
        parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>,
        accumulate: Bool = false
    ) {
        // dW[o, i] = sum_b dY[b, o] * X[b, i]  ->  dY^T X
        matrixProduct(.transposed, .none, m: outputs, n: inputs, k: batch,
                      a: outputGradient, b: input, beta: accumulate ? 1 : 0, c: gradients + weightOffset)
        biasBackward(outputGradient: outputGradient, batch: batch, gradients: gradients,
                     accumulate: accumulate)
        if let inputGradient {
            // dX[b, i] = sum_o dY[b, o] * W[o, i]  ->  dY W
            matrixProduct(.none, .none, m: batch, n: inputs, k: outputs,
                          a: outputGradient, b: parameters + weightOffset, beta: 0, c: inputGradient)
        }
    }

    /// dL/db[o] = sum over rows of dY[row, o], written or (with `accumulate`) added, for the
    /// outputs `share` (by default all).
    func biasBackward(
        outputGradient: UnsafePointer<Float>, batch: Int, gradients: UnsafeMutablePointer<Float>,
        accumulate: Bool, share: Range<Int>? = nil
    ) {
        let share = share ?? 0..<outputs
        let db = gradients + biasOffset
        if !accumulate { for o in share { db[o] = 0 } }
        for row in 0..<batch {
            let dy = outputGradient + row * outputs
            for o in share { db[o] += dy[o] }
        }
    }
}
