/// Work that `update` asks the event loop to do, so `update` itself stays pure.
public enum Effect: Sendable {
    /// Leave the loop and restore the terminal.
    case quit
    /// Run `work` on a background thread. It reports back by posting events through the
    /// `EventPoster`, which wakes the loop; `update` sees them as `.message` events.
    case background(@Sendable (EventPoster) -> Void)

    public var isQuit: Bool {
        if case .quit = self { true } else { false }
    }
}
