import DigitsCore

/// The `digits` app's screens, in tab order: number keys 1, 2, 3 follow it.
public enum DigitsScreen: Int, CaseIterable, Sendable {
    case draw, train, browse
}

extension App {
    /// The `digits` app: the Draw, Train and Browse screens, with `first` in front.
    public static func digits(model: DrawModel?, modelProblem: String? = nil, size: Size,
                              capabilities: Capabilities,
                              training: TrainScreenSetup = TrainScreenSetup(),
                              testData: DataLocation? = nil, drawingsPath: String? = nil,
                              fallbackDrawingsPath: String? = nil, first: DigitsScreen = .draw) -> App {
        App(screens: [
            DrawScreen(model: model, modelProblem: modelProblem, drawingsPath: drawingsPath,
                       fallbackDrawingsPath: fallbackDrawingsPath, size: size),
            TrainScreen(setup: training, drawModel: model),
            BrowseScreen(model: model, modelProblem: modelProblem, testData: testData, size: size),
        ], size: size, capabilities: capabilities, activeIndex: first.rawValue)
    }
}
