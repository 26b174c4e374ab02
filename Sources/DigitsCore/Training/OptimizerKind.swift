/// The update rule applied to the parameters after each batch's gradients.
public enum OptimizerKind: String, Sendable, CaseIterable, Codable {
    /// Full-batch gradient descent: one step per epoch over the whole training set, as the
    /// seed projects do. The batch size is ignored.
    case gd
    /// Minibatch stochastic gradient descent: w -= lr * g.
    case sgd
    /// SGD with (heavy-ball) momentum 0.9: v = 0.9 v + g; w -= lr * v.
    case momentum
    /// Adam (Kingma & Ba 2015) with beta1 0.9, beta2 0.999, epsilon 1e-8 and bias correction.
    case adam
}
