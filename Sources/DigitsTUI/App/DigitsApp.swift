import DigitsCore

extension App {
    /// The `digits` app: the Draw, Train and Browse screens. Number keys follow this order.
    public static func digits(model: DrawModel?, modelProblem: String? = nil, size: Size,
                              capabilities: Capabilities,
                              training: TrainScreenSetup = TrainScreenSetup(),
                              testData: DataLocation? = nil) -> App {
        App(screens: [
            DrawScreen(model: model, modelProblem: modelProblem, size: size),
            TrainScreen(setup: training, drawModelName: model?.name),
            BrowseScreen(model: model, modelProblem: modelProblem, testData: testData, size: size),
        ], size: size, capabilities: capabilities)
    }
}
