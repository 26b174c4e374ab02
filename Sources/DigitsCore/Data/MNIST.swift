import Foundation

/// The MNIST data set and any other in its format (Fashion-MNIST, KMNIST): four IDX files in one
/// directory, each raw or gzip-compressed, found by their standard names.
public enum MNIST {
    /// The number of classes the network distinguishes; labels must be below it.
    public static let classCount = 10

    /// The training or the test half of the data set.
    public enum Split: String, Sendable, CaseIterable {
        /// 60,000 images for MNIST.
        case train
        /// 10,000 images for MNIST.
        case test

        /// The standard name of the image file, without `.gz`.
        public var imagesFileName: String { self == .train ? "train-images-idx3-ubyte" : "t10k-images-idx3-ubyte" }
        /// The standard name of the label file, without `.gz`.
        public var labelsFileName: String { self == .train ? "train-labels-idx1-ubyte" : "t10k-labels-idx1-ubyte" }
    }

    /// The four standard file names, without `.gz`: train images, train labels, test images, test labels.
    public static let fileNames: [String] = Split.allCases.flatMap { [$0.imagesFileName, $0.labelsFileName] }

    /// The path of the file called `name` (a standard name without `.gz`) in `directory`, as
    /// the raw file, the `.gz` file, or the same with a dot before `idx` as some copies have it;
    /// nil when none exists.
    public static func locate(_ name: String, in directory: String) -> String? {
        for candidate in candidateNames(for: name) {
            let path = join(directory, candidate)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return path
            }
        }
        return nil
    }

    /// The names a file called `name` (without `.gz`) may have on disk, in the order they are
    /// preferred: raw before compressed, the standard spelling before the dotted one.
    static func candidateNames(for name: String) -> [String] {
        let dotted = name.replacingOccurrences(of: "-idx", with: ".idx")
        return dotted == name ? [name, name + ".gz"] : [name, name + ".gz", dotted, dotted + ".gz"]
    }

    /// The standard names from `fileNames` for which `directory` holds no file.
    public static func missingFiles(in directory: String) -> [String] {
        fileNames.filter { locate($0, in: directory) == nil }
    }

    /// Loads both halves of the data set from `directory`.
    public static func load(directory: String) throws(DataError) -> (train: Dataset, test: Dataset) {
        (try load(.train, directory: directory), try load(.test, directory: directory))
    }

    /// Loads the training half from `directory`.
    public static func loadTrain(directory: String) throws(DataError) -> Dataset {
        try load(.train, directory: directory)
    }

    /// Loads the test half from `directory`.
    public static func loadTest(directory: String) throws(DataError) -> Dataset {
        try load(.test, directory: directory)
    }

    /// Loads one half of the data set from `directory`.
    ///
    /// - Throws: `DataError` with `.missingFile` (its path the standard name in `directory`)
    ///   when a file is absent, or whatever `load(imagesAt:labelsAt:)` finds wrong.
    public static func load(_ split: Split, directory: String) throws(DataError) -> Dataset {
        guard let images = locate(split.imagesFileName, in: directory) else {
            throw DataError(path: join(directory, split.imagesFileName), problem: .missingFile)
        }
        guard let labels = locate(split.labelsFileName, in: directory) else {
            throw DataError(path: join(directory, split.labelsFileName), problem: .missingFile)
        }
        return try load(imagesAt: images, labelsAt: labels)
    }

    /// Loads an image file and a label file, checking each and that they agree: the same number
    /// of records, and every label below `classCount`.
    public static func load(imagesAt imagesPath: String, labelsAt labelsPath: String, classCount: Int = MNIST.classCount) throws(DataError) -> Dataset {
        let images = try IDXFile.read(contentsOf: imagesPath, as: .images)
        let labels = try IDXFile.read(contentsOf: labelsPath, as: .labels)
        return try dataset(images: images, labels: labels, classCount: classCount)
    }

    /// A data set from an already read image file and label file, checking that they agree.
    public static func dataset(images: IDXFile, labels: IDXFile, classCount: Int = MNIST.classCount) throws(DataError) -> Dataset {
        guard images.count == labels.count else {
            throw DataError(path: labels.path, offset: 4,
                            problem: .countMismatch(images: images.count, labels: labels.count, imagesPath: images.path))
        }
        let range = labels.data.withUnsafeBufferPointer { values -> ClosedRange<UInt8> in
            var low = UInt8.max, high = UInt8.min
            for value in values {
                low = min(low, value)
                high = max(high, value)
            }
            return low...high
        }
        if Int(range.upperBound) >= classCount, let record = labels.data.firstIndex(where: { Int($0) >= classCount }) {
            throw DataError(path: labels.path, offset: labels.headerSize + record,
                            problem: .labelOutOfRange(label: labels.data[record], record: record, range: range, classCount: classCount))
        }
        return Dataset(images: images.data, labels: labels.data, rows: images.rows, columns: images.columns)
    }

    /// Writes `dataset` into `directory` under the standard names of `split`, gzip-compressed
    /// (with `.gz`) or raw, each file atomically. For tests and for saving subsets.
    public static func write(_ dataset: Dataset, as split: Split, to directory: String, compressed: Bool = true) throws(FileWriteError) {
        let images = IDXFile.encode(dimensions: [dataset.count, dataset.rows, dataset.columns], data: dataset.images)
        let labels = IDXFile.encode(dimensions: [dataset.count], data: dataset.labels)
        let suffix = compressed ? ".gz" : ""
        try AtomicFile.write(Data(compressed ? Gzip.compress(images) : images), to: join(directory, split.imagesFileName + suffix))
        try AtomicFile.write(Data(compressed ? Gzip.compress(labels) : labels), to: join(directory, split.labelsFileName + suffix))
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty || directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
