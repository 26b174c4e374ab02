import Foundation

/// Softmax over each row of logits followed by the cross-entropy with the true labels.
///
/// A row labelled `uniformLabel` is not a digit (a generated scribble, letter or blot, see
/// `NonDigitGenerator`): its target is the uniform distribution, so the loss is the
/// cross-entropy against 1/classes in every class and the network learns to answer such
/// input with no confident class (outlier exposure, Hendrycks et al. 2019).
///
/// The row's maximum is subtracted before `exp`, so large logits cannot overflow; the
/// log-probability of the true class is computed as `z - max - log(sum)`, so a confident wrong
/// answer gives a large finite loss instead of `log(0)`.
public enum SoftmaxCrossEntropy {
    /// The label of a row whose target is uniform over the classes: a training example that is
    /// no digit at all. Labels are bytes; no data set has 255 classes.
    public static let uniformLabel: UInt8 = 255

    /// Writes softmax probabilities for each of `batch` rows of `classes` logits into `probabilities`
    /// (which may be the same memory as `logits`).
    public static func softmax(
        logits: UnsafePointer<Float>, probabilities: UnsafeMutablePointer<Float>,
        batch: Int, classes: Int
    ) {
        for row in 0..<batch {
            let z = logits + row * classes
            var largest = z[0]
            for c in 1..<classes { largest = max(largest, z[c]) }
            _ = normalize(z, largest: largest, into: probabilities + row * classes, classes: classes)
        }
    }

    /// Writes exp(z[c] - largest) / their sum into `p` (which may be `z`), one `exp` a class, and
    /// returns the sum: what `softmax` and `forward` both do with a row, so their probabilities
    /// are the same bit for bit.
    @inline(__always)
    private static func normalize(
        _ z: UnsafePointer<Float>, largest: Float, into p: UnsafeMutablePointer<Float>, classes: Int
    ) -> Float {
        var sum: Float = 0
        for c in 0..<classes {
            let e = exp(z[c] - largest)
            p[c] = e
            sum += e
        }
        let scale = 1 / sum
        for c in 0..<classes { p[c] *= scale }
        return sum
    }

    /// Writes each row's softmax probabilities (which may be the same memory as `logits`) and
    /// returns the mean cross-entropy against `labels`, computed stably from the logits in the
    /// same pass. Every label must be below `classes` or be `uniformLabel`: it is checked, as it
    /// picks the memory read.
    public static func forward(
        logits: UnsafePointer<Float>, probabilities: UnsafeMutablePointer<Float>,
        labels: UnsafePointer<UInt8>, batch: Int, classes: Int
    ) -> Float {
        var total: Double = 0
        for row in 0..<batch {
            let label = Int(labels[row])
            let uniform = labels[row] == uniformLabel
            precondition(uniform || label < classes, "label \(label) of row \(row) is not one of \(classes) classes")
            let z = logits + row * classes
            let p = probabilities + row * classes
            var largest = z[0]
            for c in 1..<classes { largest = max(largest, z[c]) }
            // What the loss needs of the logits, read before `p` (perhaps the same memory)
            // takes the probabilities: one `exp` a class, not one for the sum and another for
            // the probability (at 784-10-10 they were a twentieth of an epoch's samples).
            let labelled = uniform ? 0 : z[label]
            var logitSum: Double = 0
            if uniform { for c in 0..<classes { logitSum += Double(z[c]) } }
            let logSum = log(normalize(z, largest: largest, into: p, classes: classes))
            if uniform {
                // -(1/C) * sum over c of log p[c], each log p[c] being z[c] - largest - logSum.
                total += Double(largest) + Double(logSum) - logitSum / Double(classes)
            } else {
                total -= Double(labelled - largest - logSum)
            }
        }
        return Float(total / Double(batch))
    }

    /// dL/dlogits of the mean loss over `meanOver` rows (the batch, unless a batch is processed in
    /// chunks): (p - onehot(label)) / meanOver, or (p - 1/classes) / meanOver for a row labelled
    /// `uniformLabel`, written into `logitGradients` (which may be the same memory as
    /// `probabilities`). Labels are checked as in `forward`.
    public static func backward(
        probabilities: UnsafePointer<Float>, labels: UnsafePointer<UInt8>,
        batch: Int, classes: Int, meanOver: Int? = nil, logitGradients: UnsafeMutablePointer<Float>
    ) {
        let scale = 1 / Float(meanOver ?? batch)
        for row in 0..<batch {
            let label = Int(labels[row])
            let p = probabilities + row * classes
            let g = logitGradients + row * classes
            if labels[row] == uniformLabel {
                let share = 1 / Float(classes)
                for c in 0..<classes { g[c] = (p[c] - share) * scale }
                continue
            }
            precondition(label < classes, "label \(label) of row \(row) is not one of \(classes) classes")
            // The true class's subtraction is rounded before the scaling, the same in every
            // path, so a seed gives the same model bit for bit whichever step trained it.
            for c in 0..<classes { g[c] = (c == label ? p[c] - 1 : p[c]) * scale }
        }
    }
}
