import Testing
@testable import DigitsTUI

/// Every state of the Draw screen as a golden file under Snapshots/ (see `Snapshot`).
@Suite("Draw screen: snapshots")
struct DrawSnapshotTests {
    static let cases: [SnapshotCase<ScreenStates.DrawStage>] = ScreenStates.DrawStage.allCases.flatMap {
        [SnapshotCase("draw", $0), SnapshotCase("draw", $0, size: ScreenStates.large)]
    } + [
        // Between the two: the network view doubles from 140 columns and 36 rows.
        SnapshotCase("draw", .drawn, size: Size(width: 160, height: 48)),
        SnapshotCase("draw", .drawn, capabilities: .eightColors),
        SnapshotCase("draw", .drawn, capabilities: .ascii),
        SnapshotCase("draw", .inside, size: Size(width: 120, height: 40)),
        SnapshotCase("draw", .inside, capabilities: .eightColors),
        SnapshotCase("draw", .inside, capabilities: .ascii),
        SnapshotCase("draw", .number, size: Size(width: 160, height: 48)),
        SnapshotCase("draw", .number, capabilities: .ascii),
        SnapshotCase("draw", .unsure, capabilities: .ascii),
    ]

    @Test(arguments: cases)
    func snapshot(_ shot: SnapshotCase<ScreenStates.DrawStage>) throws {
        let app = try ScreenStates.draw(shot.stage, size: shot.size, capabilities: shot.capabilities)
        expectSnapshot(app.render(), named: shot.name, styles: shot.styles)
    }

    /// Below 80x24 every screen gives way to one message.
    @Test func tooSmall() throws {
        var app = try ScreenStates.draw(.drawn)
        app.send([.resize(Size(width: 60, height: 20))])
        expectSnapshot(app.render(), named: "draw-too-small")
    }
}
