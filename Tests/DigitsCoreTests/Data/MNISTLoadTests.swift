import Foundation
import Testing
@testable import DigitsCore

@Suite("MNIST-format data sets: loading")
struct MNISTLoadTests {
    @Test("a directory written by MNIST.write loads back, compressed or raw")
    func roundTrip() throws {
        for compressed in [true, false] {
            let directory = try DataFixtures.makeDirectory()
            defer { DataFixtures.remove(directory) }
            let train = DataFixtures.dataset(count: 40, rows: 28, columns: 28, seed: 1)
            let test = DataFixtures.dataset(count: 10, rows: 28, columns: 28, seed: 2)
            try MNIST.write(train, as: .train, to: directory, compressed: compressed)
            try MNIST.write(test, as: .test, to: directory, compressed: compressed)
            #expect(MNIST.missingFiles(in: directory).isEmpty)
            let loaded = try MNIST.load(directory: directory)
            #expect(loaded.train == train)
            #expect(loaded.test == test)
            #expect(try MNIST.loadTest(directory: directory) == test)
            #expect(try MNIST.loadTrain(directory: directory) == train)
        }
    }

    @Test("the dotted spelling some copies use is found too, and other image sizes load")
    func dottedNamesAndOtherSizes() throws {
        let directory = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(directory) }
        let set = DataFixtures.dataset(count: 7, rows: 32, columns: 20)
        try DataFixtures.write(Gzip.compress(DataFixtures.imageFile(set)), to: directory, name: "t10k-images.idx3-ubyte.gz")
        try DataFixtures.write(DataFixtures.labelFile(set), to: directory, name: "t10k-labels.idx1-ubyte")
        let loaded = try MNIST.loadTest(directory: directory)
        #expect(loaded == set)
        #expect(loaded.rows == 32 && loaded.columns == 20)
    }

    @Test("a missing file names the file and the directory")
    func missingFile() throws {
        let directory = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(directory) }
        let set = DataFixtures.dataset()
        try DataFixtures.write(DataFixtures.imageFile(set), to: directory, name: "t10k-images-idx3-ubyte")
        let error = DataFixtures.dataError { () throws(DataError) in try MNIST.loadTest(directory: directory) }
        #expect(error?.problem == .missingFile)
        #expect(error?.path == directory + "/t10k-labels-idx1-ubyte")
        #expect(MNIST.missingFiles(in: directory) == ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte"])
    }

    @Test("images and labels that disagree in number")
    func countMismatch() throws {
        let directory = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(directory) }
        let images = try DataFixtures.write(DataFixtures.imageFile(DataFixtures.dataset(count: 12)), to: directory, name: "i")
        let labels = try DataFixtures.write(DataFixtures.labelFile(DataFixtures.dataset(count: 11)), to: directory, name: "l")
        let error = DataFixtures.dataError { () throws(DataError) in try MNIST.load(imagesAt: images, labelsAt: labels) }
        #expect(error?.problem == .countMismatch(images: 12, labels: 11, imagesPath: images))
        #expect(error?.path == labels)
        #expect(error?.description == "\(labels): byte 4: 11 labels but \(images) has 12 images; the two files must hold the same records")
    }

    @Test("labels beyond the ten outputs are refused, with the range found")
    func labelRange() throws {
        let set = DataFixtures.dataset(count: 6)
        var labels = DataFixtures.labelFile(set)
        labels[8 + 4] = 12
        labels[8 + 5] = 61
        let images = try IDXFile.parse(DataFixtures.imageFile(set), path: "i", as: .images)
        let labelFile = try IDXFile.parse(labels, path: "emnist-labels", as: .labels)
        let error = DataFixtures.dataError { () throws(DataError) in try MNIST.dataset(images: images, labels: labelFile) }
        #expect(error?.problem == .labelOutOfRange(label: 12, record: 4, range: 0...61, classCount: 10))
        #expect(error?.offset == 12)
        #expect(error?.description.contains("the network has 10 outputs") == true)
        #expect(error?.description.contains("0...61") == true)
        // With room for more classes the same files load.
        #expect(try MNIST.dataset(images: images, labels: labelFile, classCount: 62).labels[5] == 61)
    }

    @Test("the errors of a file in a directory name that file", arguments: ["truncated gzip", "corrupt gzip", "wrong magic"])
    func badFileInDirectory(kind: String) throws {
        let directory = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(directory) }
        let set = DataFixtures.dataset(count: 50, rows: 28, columns: 28)
        try MNIST.write(set, as: .test, to: directory)
        var images = Gzip.compress(DataFixtures.imageFile(set))
        switch kind {
        case "truncated gzip": images = Array(images.prefix(images.count / 2))
        case "corrupt gzip": images[images.count / 2] ^= 0x55; images[images.count / 2 + 1] ^= 0xaa
        default: images = Gzip.compress([0x12, 0x34] + DataFixtures.imageFile(set).dropFirst(2))
        }
        let path = try DataFixtures.write(images, to: directory, name: "t10k-images-idx3-ubyte.gz")
        let error = DataFixtures.dataError { () throws(DataError) in try MNIST.loadTest(directory: directory) }
        #expect(error?.path == path)
        switch kind {
        case "truncated gzip": #expect(error?.problem == .truncatedCompression)
        case "corrupt gzip":
            if case .corruptCompression = error?.problem {} else { Issue.record("got \(String(describing: error))") }
        default: #expect(error?.problem == .notIDX(magic: 0x1234_0803))
        }
    }
}

/// Needs the real MNIST files: set DIGITS_DATA to their directory (CI does).
@Suite("MNIST-format data sets: the real MNIST",
       .enabled(if: DataFixtures.realDataDirectory != nil, "DIGITS_DATA not set: point it at the MNIST directory to test loading it"))
struct RealMNISTTests {
    @Test("loads 60,000 training and 10,000 test images of 28x28 with labels 0...9")
    func counts() throws {
        let (train, test) = try MNIST.load(directory: DataFixtures.realDataDirectory ?? "")
        #expect(train.count == 60_000 && train.images.count == 60_000 * 784)
        #expect(test.count == 10_000 && test.images.count == 10_000 * 784)
        #expect(train.rows == 28 && train.columns == 28)
        #expect(Set(train.labels) == Set(0...9))
        #expect(test.labels.prefix(5) == [7, 2, 1, 0, 4])
        #expect(train.labels.prefix(5) == [5, 0, 4, 1, 9])
    }

    // SHA-256 runs at a few MB/s in debug builds, so each byte is hashed once: the training
    // set as loaded (which proves the files and the loader at once), the test set on disk and
    // as loaded, in two tests that can run side by side.
    @Test("the training set as loaded has the pinned SHA-256 of the uncompressed files")
    func trainingChecksums() throws {
        let train = try MNIST.loadTrain(directory: DataFixtures.realDataDirectory ?? "")
        let images = IDXFile.encode(dimensions: [train.count, train.rows, train.columns], data: train.images)
        #expect(SHA256.hexDigest(of: images) == DownloadItem.mnist[0].sha256)
        #expect(SHA256.hexDigest(of: IDXFile.encode(dimensions: [train.count], data: train.labels)) == DownloadItem.mnist[1].sha256)
    }

    @Test("the test files have the pinned SHA-256, on disk and as loaded")
    func testChecksums() throws {
        let directory = DataFixtures.realDataDirectory ?? ""
        for item in DownloadItem.mnist where item.name.hasPrefix("t10k") {
            let path = try #require(MNIST.locate(item.baseName, in: directory))
            #expect(try DownloadItem.contentDigest(ofFileAt: path) == item.sha256, "\(item.name)")
        }
        let test = try MNIST.loadTest(directory: directory)
        let images = IDXFile.encode(dimensions: [test.count, test.rows, test.columns], data: test.images)
        #expect(SHA256.hexDigest(of: images) == DownloadItem.mnist[2].sha256)
        #expect(SHA256.hexDigest(of: IDXFile.encode(dimensions: [test.count], data: test.labels)) == DownloadItem.mnist[3].sha256)
    }

    @Test("DataLocation finds the data through DIGITS_DATA")
    func throughEnvironment() throws {
        let location = DataLocation.resolve(explicit: nil, environment: ["DIGITS_DATA": DataFixtures.realDataDirectory ?? ""])
        #expect(location.source == .environment)
        #expect(location.missingFiles.isEmpty)
        #expect(try location.loadTest().count == 10_000)
    }
}
