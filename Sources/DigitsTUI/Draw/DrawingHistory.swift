/// The operations that made the drawing, and those undone since (for redo). A new operation
/// after an undo drops the redo list, as in every editor.
public struct DrawingHistory: Hashable, Sendable {
    public private(set) var operations: [DrawingOperation] = []
    public private(set) var undone: [DrawingOperation] = []

    public init() {}

    public var canUndo: Bool { !operations.isEmpty }
    public var canRedo: Bool { !undone.isEmpty }

    /// The operations that still show: those after the last clear.
    public var visibleStrokes: [Stroke] {
        let start = operations.lastIndex(of: .clear).map { $0 + 1 } ?? 0
        return operations[start...].compactMap {
            if case .stroke(let stroke) = $0 { stroke } else { nil }
        }
    }

    public mutating func record(_ operation: DrawingOperation) {
        operations.append(operation)
        undone.removeAll()
    }

    /// Takes back the last operation; false when there is none.
    public mutating func undo() -> Bool {
        guard let last = operations.popLast() else { return false }
        undone.append(last)
        return true
    }

    /// Puts back the last undone operation; false when there is none.
    public mutating func redo() -> Bool {
        guard let last = undone.popLast() else { return false }
        operations.append(last)
        return true
    }

    /// Every stroke, done and undone, scaled and moved (after a resize).
    mutating func transform(scale factor: Float, dx: Float, dy: Float) {
        func apply(_ operation: DrawingOperation) -> DrawingOperation {
            if case .stroke(let stroke) = operation {
                return .stroke(stroke.transformed(scale: factor, dx: dx, dy: dy))
            }
            return operation
        }
        operations = operations.map(apply)
        undone = undone.map(apply)
    }
}
