import Testing
@testable import DigitsTUI

/// Every state of the Browse screen as a golden file under Snapshots/ (see `Snapshot`).
@Suite("Browse screen: snapshots")
struct BrowseSnapshotTests {
    /// Large terminals get full-scale art and half-scale thumbnails.
    static let cases: [SnapshotCase<ScreenStates.BrowseStage>] = ScreenStates.BrowseStage.allCases.map {
        SnapshotCase("browse", $0)
    } + [ScreenStates.BrowseStage.list, .grid, .image, .matrix].map {
        SnapshotCase("browse", $0, size: ScreenStates.large)
    } + [
        SnapshotCase("browse", .list, capabilities: .eightColors),
        SnapshotCase("browse", .image, capabilities: .ascii),
        SnapshotCase("browse", .explained, capabilities: .ascii),
        SnapshotCase("browse", .explainedUnsure, size: ScreenStates.large),
    ]

    @Test(arguments: cases)
    func snapshot(_ shot: SnapshotCase<ScreenStates.BrowseStage>) throws {
        let app = try ScreenStates.browse(shot.stage, size: shot.size, capabilities: shot.capabilities)
        expectSnapshot(app.render(), named: shot.name, styles: shot.styles)
    }
}
