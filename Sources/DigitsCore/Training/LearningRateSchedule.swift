import Foundation

/// How the learning rate changes from epoch to epoch.
public enum LearningRateSchedule: String, Sendable, CaseIterable, Codable {
    /// The same rate throughout.
    case constant
    /// Multiplied by the decay factor after every epoch.
    case exponential
    /// Cosine annealing from the rate down to near zero over the epochs, stepped per batch:
    /// short runs end on small, careful steps, which is worth a few tenths of a percent.
    case cosine

    /// The rate at `progress` (epochs done, fractional) of `epochs`.
    public func rate(base: Float, decay: Float, progress: Double, epochs: Int) -> Float {
        switch self {
        case .constant:
            return base
        case .exponential:
            return base * Float(pow(Double(decay), progress.rounded(.down)))
        case .cosine:
            let fraction = min(max(progress / Double(max(epochs, 1)), 0), 1)
            return base * Float(0.02 + 0.98 * 0.5 * (1 + cos(Double.pi * fraction)))
        }
    }
}
