/// Everything that can happen to the app: the input of an Elm-style `update`.
public enum Event: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The terminal has a new size; the screen re-lays out at once.
    case resize(Size)
    /// A timer tick, sent only while the app asks for them (`App.tickInterval`), for animation.
    case tick
    /// A value posted by background work through an `EventPoster` (training progress, a file
    /// loaded): the screen that started the work knows its type.
    case message(any Sendable)
    /// The process was asked to stop (SIGINT, SIGTERM, SIGHUP) or input ended.
    case terminate
}
