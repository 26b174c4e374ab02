import DigitsCore
import DigitsTUI

extension BrowseData {
    /// Loads the test half of MNIST from `location` and evaluates `model` on it. Slow (a second
    /// or so): the runtime runs it for `Effect.evaluateTestSet`. Failures come back as lines for the
    /// screen to show, saying where it looked and how to get the data.
    public static func load(model: DrawModel, from location: DataLocation) -> Result<BrowseData, BrowseProblem> {
        let test: Dataset
        do throws(DataError) {
            test = try location.loadTest()
        } catch {
            return .failure(BrowseProblem(title: "The MNIST test set could not be loaded.",
                                          details: [error.description],
                                          advice: BrowseProblem.dataAdvice))
        }
        do throws(EvaluationError) {
            let report = try EvaluationReport.evaluate(model.network, on: test)
            return .success(BrowseData(images: test, report: report, modelName: model.name, network: model.network,
                                       rejection: model.rejection))
        } catch {
            return .failure(BrowseProblem(title: "The model cannot be evaluated on the test set.",
                                          details: [error.description], advice: []))
        }
    }
}
