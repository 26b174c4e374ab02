import Testing
@testable import DigitsTUI

/// One picture a snapshot test takes: a state, the terminal it is drawn for, and the file it
/// is compared with. Its description is the file name, so a failing case names its file.
struct SnapshotCase<Stage: RawRepresentable & Sendable>: Sendable, CustomTestStringConvertible
where Stage.RawValue == String {
    let stage: Stage
    let size: Size
    let capabilities: Capabilities
    /// Whether the file records the cells' styles too (`StyledText`): for the 8-colour and
    /// ASCII terminals, whose few styles are what tells a selection or a warning apart.
    let styles: Bool
    let name: String

    /// Named `<screen>-<stage>`, then the size when it is not 80x24, then the terminal when it
    /// is not the full 256-colour UTF-8 one: "train-running-200x60", "draw-drawn-ascii".
    init(_ screen: String, _ stage: Stage, size: Size = ScreenStates.standard, capabilities: Capabilities = .full) {
        self.stage = stage
        self.size = size
        self.capabilities = capabilities
        var name = "\(screen)-\(Self.kebab(stage.rawValue))"
        if size != ScreenStates.standard { name += "-\(size)" }
        styles = capabilities != .full
        if capabilities == .ascii {
            name += "-ascii"
        } else if capabilities != .full {
            name += "-\(capabilities.colors)colors"
        }
        self.name = name
    }

    /// "quitConfirm" as "quit-confirm", for file names.
    static func kebab(_ camel: String) -> String {
        camel.reduce(into: "") { result, character in
            if character.isUppercase { result += "-" + character.lowercased() } else { result.append(character) }
        }
    }

    var testDescription: String { name }
}
