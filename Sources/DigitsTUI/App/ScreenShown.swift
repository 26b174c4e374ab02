/// Sent (as `.message`) to a screen when it becomes the active one, so work only its user
/// needs — Browse evaluating the test set — waits until somebody looks.
public struct ScreenShown: Sendable, Equatable {
    public init() {}
}
