import Testing
@testable import DigitsTUI

/// Every state of the Train screen as a golden file under Snapshots/ (see `Snapshot`).
@Suite("Train screen: snapshots")
struct TrainSnapshotTests {
    /// Large terminals get an epoch table and full-size weights, so the states with a run are
    /// pictured there too.
    static let cases: [SnapshotCase<ScreenStates.TrainStage>] = ScreenStates.TrainStage.allCases.map {
        SnapshotCase("train", $0)
    } + [ScreenStates.TrainStage.intro, .running, .finished].map {
        SnapshotCase("train", $0, size: ScreenStates.large)
    } + [
        SnapshotCase("train", .running, capabilities: .eightColors),
        SnapshotCase("train", .running, capabilities: .ascii),
    ]

    @Test(arguments: cases)
    func snapshot(_ shot: SnapshotCase<ScreenStates.TrainStage>) throws {
        let app = try ScreenStates.train(shot.stage, size: shot.size, capabilities: shot.capabilities)
        expectSnapshot(app.render(), named: shot.name, styles: shot.styles)
    }
}
