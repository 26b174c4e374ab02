/// Which input pixels push a digit's logit up and which push it down: for every pixel, the
/// logit's gradient with respect to it times its value ("gradient x input"). Blank pixels have
/// no evidence; a positive value means the ink there argues for the digit. For a ReLU network
/// without biases the map adds up to the logit exactly; with biases it is a first-order share
/// of it, the attribution Simonyan et al. and Shrikumar et al. describe.
public enum PixelEvidence {
    /// The evidence map for `digit`, one value per input.
    public static func map(network: Network, trace: NetworkTrace, digit: Int) -> [Float] {
        let gradient = inputGradient(network: network, trace: trace, digit: digit)
        return zip(gradient, trace.input).map { $0 * $1 }
    }

    /// d logit[digit] / d input, by back-propagating from the one output unit.
    static func inputGradient(network: Network, trace: NetworkTrace, digit: Int) -> [Float] {
        precondition((0..<network.outputSize).contains(digit), "digit \(digit) is not an output of the network")
        let last = network.layers.count - 1
        // The gradient of one logit with respect to the last layer's inputs is that digit's
        // row of weights.
        var gradient = Array(network.weights(ofLayer: last)[rowOf: digit, width: network.layers[last].inputs])
        for index in stride(from: last - 1, through: 0, by: -1) {
            let layer = network.layers[index]
            let activations = trace.hiddenActivations[index]
            gradient.withUnsafeMutableBufferPointer { values in
                activations.withUnsafeBufferPointer { output in
                    network.activation.backward(output: output.baseAddress!, gradient: values.baseAddress!,
                                                count: layer.outputs)
                }
            }
            gradient = transposedProduct(network.weights(ofLayer: index), rows: layer.outputs,
                                         columns: layer.inputs, vector: gradient)
        }
        return gradient
    }

    /// W^T v for W [rows, columns] row-major, by BLAS.
    static func transposedProduct(_ weights: ArraySlice<Float>, rows: Int, columns: Int,
                                  vector: [Float]) -> [Float] {
        var result = [Float](repeating: 0, count: columns)
        weights.withUnsafeBufferPointer { matrix in
            vector.withUnsafeBufferPointer { v in
                result.withUnsafeMutableBufferPointer { out in
                    matrixVectorProduct(.transposed, m: rows, n: columns, a: matrix.baseAddress!,
                                        x: v.baseAddress!, y: out.baseAddress!)
                }
            }
        }
        return result
    }
}

extension ArraySlice where Element == Float {
    /// Row `row` of a row-major matrix `width` values wide held in this slice.
    public subscript(rowOf row: Int, width width: Int) -> ArraySlice<Float> {
        let start = startIndex + row * width
        return self[start..<(start + width)]
    }
}
