/// Where a trained model goes unless told otherwise. Not on `ModelFile`: the Train screen
/// names this file in its form, and the screens may not touch `ModelFile`, which does I/O.
public enum TrainingOutput {
    /// The file a trained model is saved to, in the current directory: `digits train --output`
    /// and the Train screen's "Save to" field both start from it.
    public static let defaultPath = "digits-model.safetensors"
}
