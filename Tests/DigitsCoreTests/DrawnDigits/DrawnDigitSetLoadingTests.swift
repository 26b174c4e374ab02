import Foundation
import Testing
@testable import DigitsCore

/// One broken drawn-digit file and the error it must give.
struct BadDrawnDigitsCase: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let problem: DrawnDigitsProblem
    /// Where the error must point: the first occurrence of this text in the file.
    var at: String?

    var testDescription: String { name }
}

@Suite("Drawn digits: loading")
struct DrawnDigitSetLoadingTests {
    typealias F = DrawnDigitsFixture

    static func drawingJSON(label: String = "1", writer: String = #""w""#,
                            canvas: String = #"{"columns":28,"rows":20}"#,
                            strokes: String = "[[[14,3],[14,16]]]", extra: String = "") -> String {
        #"{"id":"a","label":"# + label + #","writer":"# + writer + #","canvas":"# + canvas
            + #","strokes":"# + strokes + extra + "}"
    }

    static let cases: [BadDrawnDigitsCase] = [
        BadDrawnDigitsCase(name: "empty file", text: "", problem: .invalidJSON(expected: "a JSON value")),
        BadDrawnDigitsCase(name: "trailing comma", text: F.json() + ",",
                           problem: .invalidJSON(expected: "end of header after the JSON value")),
        BadDrawnDigitsCase(name: "not an object", text: "[]",
                           problem: .badValue(field: "the file", expected: "an object")),
        BadDrawnDigitsCase(name: "another format",
                           text: F.json().replacingOccurrences(of: "digits-drawn-strokes", with: "strokes"),
                           problem: .wrongFormat(found: "strokes"), at: #""strokes""#),
        BadDrawnDigitsCase(name: "version 2", text: F.json().replacingOccurrences(of: #""version":1"#, with: #""version":2"#),
                           problem: .unsupportedVersion(2), at: "2,"),
        BadDrawnDigitsCase(name: "no writers field",
                           text: #"{"format":"digits-drawn-strokes","version":1,"drawings":[]}"#,
                           problem: .missingField("writers"), at: "{"),
        BadDrawnDigitsCase(name: "a misspelt field", text: F.json(extra: #","drawing":[]"#),
                           problem: .unknownField("drawing", allowed: ["format", "version", "writers", "drawings", "description"]),
                           at: #""drawing":"#),
        BadDrawnDigitsCase(name: "a key twice", text: F.json(extra: #","version":1"#),
                           problem: .duplicateKey("version"), at: #""version":1}"#),
        BadDrawnDigitsCase(name: "no writers", text: F.json(writers: "[]"), problem: .noWriters, at: "[]"),
        BadDrawnDigitsCase(name: "a writer twice",
                           text: F.json(writers: #"[{"name":"w","split":"held-out"},{"name":"w","split":"development"}]"#),
                           problem: .duplicateWriter("w"), at: #"{"name":"w","split":"development"}"#),
        BadDrawnDigitsCase(name: "an unknown split", text: F.json(writers: #"[{"name":"w","split":"test"}]"#),
                           problem: .badValue(field: "writers[0].split", expected: "'development' or 'held-out'"),
                           at: #""test""#),
        BadDrawnDigitsCase(name: "a writer without a name", text: F.json(writers: #"[{"name":"","split":"held-out"}]"#),
                           problem: .badValue(field: "writers[0].name", expected: "a non-empty string"), at: #""""#),
        BadDrawnDigitsCase(name: "no drawings",
                           text: #"{"format":"digits-drawn-strokes","version":1,"writers":[{"name":"w","split":"held-out"}],"drawings":[]}"#,
                           problem: .noDrawings, at: "[]"),
        BadDrawnDigitsCase(name: "label 10", text: F.json(drawing: drawingJSON(label: "10")),
                           problem: .badValue(field: "drawings[0].label", expected: "an integer 0...9"), at: "10,"),
        BadDrawnDigitsCase(name: "label -1", text: F.json(drawing: drawingJSON(label: "-1")),
                           problem: .badValue(field: "drawings[0].label", expected: "an integer 0...9"), at: "-1"),
        BadDrawnDigitsCase(name: "label as a string", text: F.json(drawing: drawingJSON(label: #""7""#)),
                           problem: .badValue(field: "drawings[0].label", expected: "an integer 0...9"), at: #""7""#),
        BadDrawnDigitsCase(name: "label 7.0", text: F.json(drawing: drawingJSON(label: "7.0")),
                           problem: .badValue(field: "drawings[0].label", expected: "an integer 0...9"), at: "7.0"),
        BadDrawnDigitsCase(name: "an undeclared writer", text: F.json(drawing: drawingJSON(writer: #""someone""#)),
                           problem: .unknownWriter(field: "drawings[0].writer", name: "someone"), at: #""someone""#),
        BadDrawnDigitsCase(name: "a canvas without rows", text: F.json(drawing: drawingJSON(canvas: #"{"columns":28}"#)),
                           problem: .missingField("drawings[0].canvas.rows"), at: #"{"columns":28}"#),
        BadDrawnDigitsCase(name: "a canvas 0 columns wide",
                           text: F.json(drawing: drawingJSON(canvas: #"{"columns":0,"rows":20}"#)),
                           problem: .badValue(field: "drawings[0].canvas.columns", expected: "an integer 1...1024"),
                           at: "0,"),
        BadDrawnDigitsCase(name: "a brush of 5%",
                           text: F.json(drawing: drawingJSON(extra: #","brushPercent":5"#)),
                           problem: .badValue(field: "drawings[0].brushPercent", expected: "an integer 10...400"),
                           at: "5}"),
        BadDrawnDigitsCase(name: "a misspelt drawing field",
                           text: F.json(drawing: drawingJSON(extra: #","lable":3"#)),
                           problem: .unknownField("drawings[0].lable", allowed: ["id", "label", "writer", "canvas", "strokes",
                                                                                   "terminal", "brushPercent", "template"]),
                           at: #""lable""#),
        BadDrawnDigitsCase(name: "no strokes", text: F.json(drawing: drawingJSON(strokes: "[]")),
                           problem: .badValue(field: "drawings[0].strokes", expected: "at least one stroke"), at: "[]"),
        BadDrawnDigitsCase(name: "an empty stroke", text: F.json(drawing: drawingJSON(strokes: "[[[1,1]],[]]")),
                           problem: .badValue(field: "drawings[0].strokes[1]", expected: "at least one point"), at: "[]"),
        BadDrawnDigitsCase(name: "a point of three numbers", text: F.json(drawing: drawingJSON(strokes: "[[[1,1],[2,2,2]]]")),
                           problem: .badValue(field: "drawings[0].strokes[0][1]",
                                              expected: "a point [column, row] of two integers"), at: "[2,2,2]"),
        BadDrawnDigitsCase(name: "a fractional point", text: F.json(drawing: drawingJSON(strokes: "[[[1.5,1]]]")),
                           problem: .badValue(field: "drawings[0].strokes[0][0]",
                                              expected: "a point [column, row] of two integers"), at: "[1.5,1]"),
        BadDrawnDigitsCase(name: "a point right of the canvas", text: F.json(drawing: drawingJSON(strokes: "[[[1,1],[28,3]]]")),
                           problem: .pointOutsideCanvas(field: "drawings[0].strokes[0][1]", point: CellPoint(column: 28, row: 3),
                                                        canvas: CellSize(columns: 28, rows: 20)), at: "[28,3]"),
        BadDrawnDigitsCase(name: "a point above the canvas", text: F.json(drawing: drawingJSON(strokes: "[[[1,-1]]]")),
                           problem: .pointOutsideCanvas(field: "drawings[0].strokes[0][0]", point: CellPoint(column: 1, row: -1),
                                                        canvas: CellSize(columns: 28, rows: 20)), at: "[1,-1]"),
        BadDrawnDigitsCase(name: "an id twice",
                           text: F.json(drawing: drawingJSON() + "," + drawingJSON()),
                           problem: .duplicateDrawing("a"), at: #"{"id":"a","label":1,"writer":"w","canvas":{"columns":28,"rows":20},"strokes":[[[14,3],[14,16]]]}]"#),
    ]

    @Test(arguments: cases)
    func badFileIsReportedWithFieldAndOffset(_ bad: BadDrawnDigitsCase) {
        do {
            _ = try DrawnDigitSet.decode(Array(bad.text.utf8), path: "bad.json")
            Issue.record("decoded a bad file")
        } catch {
            #expect(error.problem == bad.problem)
            #expect(error.path == "bad.json")
            if let at = bad.at {
                let offset = bad.text.range(of: at).map { bad.text.utf8.distance(from: bad.text.startIndex, to: $0.lowerBound) }
                #expect(error.offset == offset, "\(error)")
            }
            #expect(!error.description.contains("\n"))
            #expect(error.description.hasPrefix("bad.json: "))
        }
    }

    @Test func validFileDecodesEveryField() throws {
        let drawing = #"{"id":"w/7/0","label":7,"writer":"w","canvas":{"columns":44,"rows":26},"terminal":{"columns":100,"rows":30},"brushPercent":125,"template":"seven_plain","strokes":[[[3,2],[20,2],[12,17]],[[8,9]]]}"#
        let text = F.json(drawing: drawing, extra: #","description":"some digits""#)
        let set = try DrawnDigitSet.decode(Array(text.utf8), path: "x.json")
        #expect(set.description == "some digits")
        #expect(set.writers == [DrawnWriter(name: "w", split: .heldOut, style: "s")])
        #expect(set.drawings == [DrawnDigit(
            id: "w/7/0", label: 7, writer: "w", canvas: CellSize(columns: 44, rows: 26),
            terminal: CellSize(columns: 100, rows: 30), brushPercent: 125,
            strokes: [[CellPoint(column: 3, row: 2), CellPoint(column: 20, row: 2), CellPoint(column: 12, row: 17)],
                      [CellPoint(column: 8, row: 9)]],
            template: "seven_plain")])
        #expect(set.drawings(in: .heldOut).count == 1)
        #expect(set.drawings(in: .development).isEmpty)
    }

    @Test func optionalFieldsHaveDefaults() throws {
        let set = try DrawnDigitSet.decode(Array(F.json().utf8), path: "x.json")
        let drawing = try #require(set.drawings.first)
        #expect(drawing.brushPercent == 100)
        #expect(drawing.terminal == nil)
        #expect(drawing.template == nil)
        #expect(set.description == "")
    }

    @Test("a drawing without a label is no digit; it encodes without one and reads back the same")
    func drawingWithoutLabelIsNoDigit() throws {
        let drawing = #"{"id":"scribble/0","writer":"w","canvas":{"columns":28,"rows":20},"strokes":[[[3,2],[20,9]]]}"#
        let set = try DrawnDigitSet.decode(Array(F.json(drawing: drawing).utf8), path: "x.json")
        #expect(set.drawings.first?.label == nil)
        let encoded = set.encoded()
        #expect(!String(decoding: encoded, as: UTF8.self).contains("\"label\""))
        #expect(try DrawnDigitSet.decode(encoded, path: "y.json") == set)
        // A null label is not "no label": it is refused like any other non-integer.
        let null = #"{"id":"a","label":null,"writer":"w","canvas":{"columns":28,"rows":20},"strokes":[[[3,2]]]}"#
        #expect(throws: DrawnDigitsError.self) { try DrawnDigitSet.decode(Array(F.json(drawing: null).utf8), path: "z.json") }
    }

    @Test func missingFileAndDirectoryAreNamed() throws {
        let missing = "/nonexistent/drawn-digits.json"
        #expect(throws: DrawnDigitsError(path: missing, problem: .notFound)) {
            try DrawnDigitSet.load(path: missing)
        }
        let directory = FileManager.default.temporaryDirectory.path
        #expect(throws: DrawnDigitsError(path: directory, problem: .notAFile)) {
            try DrawnDigitSet.load(path: directory)
        }
    }

    @Test func errorDescriptionsAreOneLineWithTheOffset() {
        let error = DrawnDigitsError(path: "f.json", offset: 12,
                                     problem: .pointOutsideCanvas(field: "drawings[3].strokes[0][4]",
                                                                  point: CellPoint(column: 28, row: 3),
                                                                  canvas: CellSize(columns: 28, rows: 20)))
        #expect(error.description == "f.json: byte 12: drawings[3].strokes[0][4]: point [28, 3] is outside the 28x20 canvas (columns 0...27, rows 0...19)")
        #expect(DrawnDigitsError(path: "f.json", problem: .unknownWriter(field: "drawings[0].writer", name: "x\ny")).description
                == #"f.json: drawings[0].writer: writer 'x\ny' is not declared in writers"#)
    }
}
