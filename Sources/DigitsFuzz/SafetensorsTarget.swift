import DigitsCore
import Foundation

extension FuzzTarget {
    /// A whole model load from safetensors bytes, then what a loaded model is for: a forward
    /// pass, and saving it again (the saved file must load back to the same network).
    static let safetensors = FuzzTarget(
        name: "safetensors",
        summary: "model files (ModelFile.decode), then a forward pass and a save/load round trip"
    ) { bytes in
        let model: LoadedModel
        do throws(ModelFileError) {
            model = try ModelFile.decode(Data(bytes), path: FuzzTarget.path)
        } catch {
            return .rejected(error.description)
        }
        let network = model.network
        // A fixed grey input: the values do not matter to memory safety, the sizes do.
        let input = (0..<network.inputSize).map { Float($0 % 7) / 6 }
        let probabilities = network.probabilities(for: input)
        precondition(probabilities.count == network.outputSize, "forward pass gave the wrong number of outputs")

        let saved = ModelFile.encode(network, metadata: model.typedMetadata)
        do throws(ModelFileError) {
            let reloaded = try ModelFile.decode(saved, path: FuzzTarget.path)
            precondition(reloaded.network == network, "a saved model loads back different")
        } catch {
            preconditionFailure("a saved model does not load: \(error)")
        }
        return .accepted
    }
}
