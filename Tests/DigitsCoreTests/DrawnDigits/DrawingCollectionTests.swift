import Foundation
import Testing
@testable import DigitsCore

/// The user's drawings file: what is written reads back, ids stay unique, and a file that is
/// not a set is never written over.
@Suite("Drawing collection")
struct DrawingCollectionTests {
    func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("digits-drawings-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func drawing(_ label: Int) -> DrawnDigit {
        DrawnDigit(id: "", label: label, writer: "me", canvas: CellSize(columns: 28, rows: 20),
                   terminal: CellSize(columns: 80, rows: 24), brushPercent: 100,
                   strokes: [[CellPoint(column: 14, row: 2), CellPoint(column: 14, row: 17)]])
    }

    @Test func appendedDrawingsReadBackWithUniqueIDs() throws {
        let folder = try directory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/nested/my-drawings.json"
        #expect(try DrawingCollection.load(path: path) == nil)
        _ = try DrawingCollection.append([drawing(1)], to: path)
        let written = try DrawingCollection.append([drawing(1), drawing(7)], to: path)
        let read = try DrawnDigitSet.load(path: path)
        #expect(read == written)
        #expect(read.drawings.map(\.label) == [1, 1, 7])
        #expect(Set(read.drawings.map(\.id)).count == 3)
        #expect(read.drawings[0].strokes == drawing(1).strokes)
    }

    @Test func aFileThatIsNotASetIsLeftAlone() throws {
        let folder = try directory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/my-drawings.json"
        try Data("my shopping list".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: DrawingCollectionError.self) { try DrawingCollection.append([drawing(3)], to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "my shopping list")
    }

    @Test func namesAndDescriptionsSurviveEscaping() throws {
        let set = DrawnDigitSet(description: "quotes \" and \\ and\nnewlines \u{1}",
                                writers: [DrawnWriter(name: "Zoë \"Z\"", split: .heldOut, style: "tab\there")],
                                drawings: [DrawnDigit(id: "a", label: 4, writer: "Zoë \"Z\"", canvas: CellSize(columns: 5, rows: 5),
                                                      strokes: [[CellPoint(column: 1, row: 1)]], template: "t")])
        #expect(try DrawnDigitSet.decode(set.encoded(), path: "x.json") == set)
    }

    @Test func theDefaultIsInTheDataDirectory() {
        #expect(DrawingCollection.defaultPath(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/digits/my-drawings.json")
        #expect(DrawingCollection.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/share/digits/my-drawings.json")
    }
}
