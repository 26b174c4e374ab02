import Foundation
import Testing

/// The screens stay pure because the module graph and this check say so: DigitsTUI does not
/// depend on ncurses (Package.swift), and its sources use no threads, no file access and no
/// process environment. Work of that kind is an `Effect` that DigitsTerminal's runtime runs.
@Suite("Module boundary: DigitsTUI is pure")
struct ModuleBoundaryTests {
    /// What only the runtime may do, as it appears in source.
    static let forbidden = [
        "import CNcurses", "import Dispatch", "Thread.", "Thread(", "DispatchQueue", "NSLock",
        "NSCondition", "pthread_", "FileManager", "FileHandle", "fopen(", "contentsOf:",
        "ModelFile.", ".missingFiles", ".load(", ".loadTest(", "ProcessInfo", "getenv(",
        "Task {", "Task.detached",
    ]

    static var sourceDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/DigitsTUI")
    }

    @Test func screensStartNoThreadsAndTouchNoFiles() throws {
        let files = try #require(FileManager.default.enumerator(atPath: Self.sourceDirectory.path))
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 30, "found the DigitsTUI sources")
        for file in files {
            let text = try String(contentsOfFile: Self.sourceDirectory.appendingPathComponent(file).path,
                                  encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                for pattern in Self.forbidden where code.contains(pattern) {
                    Issue.record("Sources/DigitsTUI/\(file):\(number + 1) uses \(pattern): make it an Effect")
                }
            }
        }
    }
}
