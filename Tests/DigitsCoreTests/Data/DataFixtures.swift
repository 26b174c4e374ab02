import Foundation
import Testing
@testable import DigitsCore

/// Small hand-made IDX files and temporary directories for the data tests.
enum DataFixtures {
    /// The MNIST directory from DIGITS_DATA, nil when unset.
    static let realDataDirectory = ProcessInfo.processInfo.environment["DIGITS_DATA"]

    /// A small data set of `count` images of `rows` x `columns` with labels 0...9, its pixels
    /// a function of the seed so each fixture differs.
    static func dataset(count: Int = 12, rows: Int = 4, columns: Int = 3, seed: UInt64 = 1) -> Dataset {
        var generator = SeededGenerator(seed: seed)
        let images = (0..<(count * rows * columns)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let labels = (0..<count).map { UInt8($0 % 10) }
        return Dataset(images: images, labels: labels, rows: rows, columns: columns)
    }

    /// The uncompressed bytes of an image file holding `dataset`'s images.
    static func imageFile(_ dataset: Dataset) -> [UInt8] {
        IDXFile.encode(dimensions: [dataset.count, dataset.rows, dataset.columns], data: dataset.images)
    }

    /// The uncompressed bytes of a label file holding `dataset`'s labels.
    static func labelFile(_ dataset: Dataset) -> [UInt8] {
        IDXFile.encode(dimensions: [dataset.count], data: dataset.labels)
    }

    /// A header with arbitrary magic and sizes, then `data`.
    static func header(_ magic: UInt32, _ sizes: [UInt32], data: [UInt8] = []) -> [UInt8] {
        var bytes: [UInt8] = []
        for word in [magic] + sizes {
            bytes += [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16),
                      UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)]
        }
        return bytes + data
    }

    /// A fresh empty directory under the system's temporary directory.
    static func makeDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "digits-data-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Removes a directory made by `makeDirectory`.
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `bytes` to `directory/name` and returns the path.
    @discardableResult
    static func write(_ bytes: [UInt8], to directory: String, name: String) throws -> String {
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The names in `directory`, sorted.
    static func contents(of directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// The `DataError` thrown by `body`, or nil (recorded as a test failure) when it succeeds.
    static func dataError<T>(_ body: () throws(DataError) -> T, sourceLocation: SourceLocation = #_sourceLocation) -> DataError? {
        do {
            _ = try body()
            Issue.record("expected a DataError, got success", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }
}
