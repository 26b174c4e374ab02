import Foundation
import Testing
@testable import DigitsTUI

/// Golden-file screen tests: a rendered frame compared with a text file under `Snapshots/`,
/// beside this file, like ratatui's TestBackend snapshots or Bubble Tea's teatest golden files.
///
/// A snapshot file holds the screen's rows, trailing spaces removed, one per line; with
/// `styles: true` it also holds a map of the cells' styles and a legend (see `StyledText`).
///
/// Record mode: run with `DIGITS_RECORD_SNAPSHOTS=1` and every snapshot compared is written
/// instead (only files whose text changed are touched), each write reported as a warning so a
/// run in record mode is visible but not red. Review the changed files with `git diff` before
/// committing them: a recorded snapshot is only as right as the screen it was taken of.
enum Snapshot {
    /// The environment variable that turns on record mode.
    static let recordVariable = "DIGITS_RECORD_SNAPSHOTS"

    static var isRecording: Bool {
        let value = ProcessInfo.processInfo.environment[recordVariable] ?? ""
        return !value.isEmpty && value != "0"
    }

    /// The folder of snapshot files, found from this source file's place so it works from any
    /// checkout; `#filePath` is the path the compiler was given, absolute under SwiftPM.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots", isDirectory: true)

    static func url(named name: String) -> URL {
        directory.appendingPathComponent(name + ".txt")
    }

    /// The text a snapshot file holds for `frame`.
    static func text(of frame: Frame, styles: Bool) -> String {
        let body = styles ? StyledText.describe(frame) : frame.lines()
        return body.joined(separator: "\n") + "\n"
    }
}

/// Compares `frame` with `Snapshots/<name>.txt` (with its styles encoded when `styles` is
/// true). A missing or different file is a failure whose message shows the lines that differ;
/// in record mode the file is written instead.
func expectSnapshot(_ frame: Frame, named name: String, styles: Bool = false,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = Snapshot.text(of: frame, styles: styles)
    let url = Snapshot.url(named: name)
    let expected = try? String(contentsOf: url, encoding: .utf8)
    if Snapshot.isRecording {
        guard expected != actual else { return }
        do {
            try FileManager.default.createDirectory(at: Snapshot.directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded snapshot \(name) (\(frame.size)): \(url.path)", severity: .warning,
                         sourceLocation: sourceLocation)
        } catch {
            Issue.record("cannot record snapshot \(name) at \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected else {
        Issue.record(Comment(rawValue: """
            no snapshot \(name): \(url.path) is missing. Record it with
              \(Snapshot.recordVariable)=1 swift test --filter SnapshotTests
            and look at the file before committing it. The screen was:
            \(actual)
            """), sourceLocation: sourceLocation)
        return
    }
    if let difference = SnapshotDiff(expected: expected, actual: actual) {
        Issue.record(Comment(rawValue: """
            snapshot \(name) differs from \(url.path):
            \(difference.report)
            If the new screen is right, record it with \(Snapshot.recordVariable)=1 and review the git diff.
            """), sourceLocation: sourceLocation)
    }
}
