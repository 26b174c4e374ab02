extension App {
    /// The `digits` app: Draw, then the Train and Browse screens (placeholders until they are
    /// built). Number keys follow this order.
    public static func digits(model: DrawModel?, modelProblem: String? = nil, size: Size,
                              capabilities: Capabilities) -> App {
        App(screens: [
            DrawScreen(model: model, modelProblem: modelProblem, size: size),
            ComingSoonScreen(title: "Train",
                             summary: "Train a network here and watch loss and accuracy live."),
            ComingSoonScreen(title: "Browse",
                             summary: "Step through the test digits the model gets wrong."),
        ], size: size, capabilities: capabilities)
    }
}
