import DigitsFuzz
import Foundation
import Testing

/// Replays the fuzz corpus (Tests/Fuzz/Corpus/TARGET/) through every target in an ordinary
/// test run: the hand-made seeds, the edge cases, and each input a fuzzer ever crashed on
/// (kept as `crash-*` after the fix). Every file must come back accepted or rejected with a
/// typed error's one-line message; a trap ends the test run, which is the point.
@Suite struct FuzzCorpusTests {
    /// The corpus in the source tree, found from this file.
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Corpus")

    static func files(of target: FuzzTarget) -> [URL] {
        let folder = corpus.appendingPathComponent(target.name)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTarget.all.map(\.name))
    func everyCorpusFileIsAcceptedOrRejectedWithAMessage(name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let files = Self.files(of: target)
        #expect(files.count >= 5, "the \(name) corpus has only \(files.count) files")
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: file))
            switch target.run(bytes) {
            case .accepted:
                #expect(!file.lastPathComponent.hasPrefix("invalid-"),
                        "\(name)/\(file.lastPathComponent) is named invalid but was accepted")
            case .rejected(let message):
                #expect(!file.lastPathComponent.hasPrefix("valid-"),
                        "\(name)/\(file.lastPathComponent) should be accepted: \(message)")
                #expect(!message.isEmpty && !message.contains("\n"),
                        "\(name)/\(file.lastPathComponent): not a one-line message: \(message)")
            }
        }
    }

    @Test func everyTargetHasACorpusFolderAndEveryFolderATarget() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
            .filter { !$0.hasPrefix(".") }
        #expect(Set(folders) == Set(FuzzTarget.all.map(\.name)))
    }

    @Test func targetNamesAreUnique() {
        #expect(Set(FuzzTarget.all.map(\.name)).count == FuzzTarget.all.count)
    }
}
