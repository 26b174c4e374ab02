import Foundation

/// Softmax over each row of logits followed by the cross-entropy with the true labels.
///
/// The row's maximum is subtracted before `exp`, so large logits cannot overflow; the
/// log-probability of the true class is computed as `z - max - log(sum)`, so a confident wrong
/// answer gives a large finite loss instead of `log(0)`.
public enum SoftmaxCrossEntropy {
    /// Writes softmax probabilities for each of `batch` rows of `classes` logits into `probabilities`
    /// (which may be the same memory as `logits`).
    public static func softmax(
        logits: UnsafePointer<Float>, probabilities: UnsafeMutablePointer<Float>,
        batch: Int, classes: Int
    ) {
        for row in 0..<batch {
            let z = logits + row * classes
            let p = probabilities + row * classes
            var largest = z[0]
            for c in 1..<classes { largest = max(largest, z[c]) }
            var sum: Float = 0
            for c in 0..<classes {
                let e = exp(z[c] - largest)
                p[c] = e
                sum += e
            }
            let scale = 1 / sum
            for c in 0..<classes { p[c] *= scale }
        }
    }

    /// Writes each row's softmax probabilities (which may be the same memory as `logits`) and
    /// returns the mean cross-entropy against `labels`, computed stably from the logits in the
    /// same pass. Every label must be below `classes`: it is checked, as it picks the memory read.
    public static func forward(
        logits: UnsafePointer<Float>, probabilities: UnsafeMutablePointer<Float>,
        labels: UnsafePointer<UInt8>, batch: Int, classes: Int
    ) -> Float {
        var total: Double = 0
        for row in 0..<batch {
            let label = Int(labels[row])
            precondition(label < classes, "label \(label) of row \(row) is not one of \(classes) classes")
            let z = logits + row * classes
            let p = probabilities + row * classes
            var largest = z[0]
            for c in 1..<classes { largest = max(largest, z[c]) }
            var sum: Float = 0
            for c in 0..<classes { sum += exp(z[c] - largest) }
            let logSum = log(sum)
            total -= Double(z[label] - largest - logSum)
            for c in 0..<classes { p[c] = exp(z[c] - largest - logSum) }
        }
        return Float(total / Double(batch))
    }

    /// dL/dlogits of the mean loss over `meanOver` rows (the batch, unless a batch is processed in
    /// chunks): (p - onehot(label)) / meanOver, written into `logitGradients` (which may be the
    /// same memory as `probabilities`). Labels are checked as in `forward`.
    public static func backward(
        probabilities: UnsafePointer<Float>, labels: UnsafePointer<UInt8>,
        batch: Int, classes: Int, meanOver: Int? = nil, logitGradients: UnsafeMutablePointer<Float>
    ) {
        let scale = 1 / Float(meanOver ?? batch)
        for row in 0..<batch {
            let label = Int(labels[row])
            precondition(label < classes, "label \(label) of row \(row) is not one of \(classes) classes")
            let p = probabilities + row * classes
            let g = logitGradients + row * classes
            // The true class's subtraction is rounded before the scaling, as it always was, so
            // a seed still gives the same model bit for bit.
            for c in 0..<classes { g[c] = (c == label ? p[c] - 1 : p[c]) * scale }
        }
    }
}
