import Foundation
import Testing
@testable import DigitsCore

@Suite("Data location")
struct DataLocationTests {
    @Test("--data wins over the environment, which wins over the cache")
    func precedence() {
        let environment = ["DIGITS_DATA": "/env/mnist", "HOME": "/example-home/ada"]
        #expect(DataLocation.resolve(explicit: "/example-data/mnist", environment: environment)
                == DataLocation(directory: "/example-data/mnist", source: .option))
        #expect(DataLocation.resolve(explicit: nil, environment: environment)
                == DataLocation(directory: "/env/mnist", source: .environment))
        #expect(DataLocation.resolve(explicit: nil, environment: ["HOME": "/example-home/ada"]).source == .cache)
    }

    @Test("empty values count as not given")
    func emptyValues() {
        let location = DataLocation.resolve(explicit: "", environment: ["DIGITS_DATA": "", "HOME": "/example-home/ada"])
        #expect(location.source == .cache)
    }

    @Test("the cache follows XDG_CACHE_HOME when absolute, else HOME")
    func cache() {
        #expect(DataLocation.cacheDirectory(environment: ["XDG_CACHE_HOME": "/var/cache/ada", "HOME": "/example-home/ada"])
                == "/var/cache/ada/digits/mnist")
        #if os(macOS)
        let home = "/example-home/ada/Library/Caches/digits/mnist"
        #else
        let home = "/example-home/ada/.cache/digits/mnist"
        #endif
        #expect(DataLocation.cacheDirectory(environment: ["HOME": "/example-home/ada"]) == home)
        // A relative XDG_CACHE_HOME is invalid by the specification and ignored.
        #expect(DataLocation.cacheDirectory(environment: ["XDG_CACHE_HOME": "cache", "HOME": "/example-home/ada/"]) == home)
    }

    @Test("a leading ~/ is expanded, as the shell does not for --data=~/x")
    func tilde() {
        let environment = ["HOME": "/example-home/ada"]
        #expect(DataLocation.resolve(explicit: "~/mnist", environment: environment).directory == "/example-home/ada/mnist")
        #expect(DataLocation.resolve(explicit: nil, environment: ["DIGITS_DATA": "~/m", "HOME": "/h"]).directory == "/h/m")
        #expect(DataLocation.resolve(explicit: "a~/b", environment: environment).directory == "a~/b")
    }

    @Test("the hint says where it looked, why there, and how to get the data", arguments: [
        (DataLocation.Source.option, "given by --data"),
        (.environment, "from DIGITS_DATA"),
        (.cache, "the download cache"),
    ])
    func hint(source: DataLocation.Source, why: String) {
        let hint = DataLocation(directory: "/somewhere/mnist", source: source).lookedIn
        #expect(hint.contains("looked in /somewhere/mnist"))
        #expect(hint.contains(why))
        #expect(hint.contains("digits download"))
        #expect(!hint.contains("\n"))
    }

    @Test("loading from a place without data says where it looked and how to get data")
    func missingData() {
        let location = DataLocation.resolve(explicit: "/nonexistent/digits-data", environment: [:])
        #expect(location.missingFiles.count == 4)
        let error = DataFixtures.dataError { () throws(DataError) in try location.load() }
        #expect(error?.problem == .dataNotFound(file: "train-images-idx3-ubyte(.gz) and train-labels-idx1-ubyte(.gz)",
                                               hint: location.lookedIn))
        let message = error?.description ?? ""
        #expect(message.hasPrefix("/nonexistent/digits-data: no data: train-images-idx3-ubyte(.gz)"))
        #expect(message.contains("/nonexistent/digits-data"))
        #expect(message.contains("digits download --data /nonexistent/digits-data"))
        #expect(!message.contains("\n"))
    }

    @Test("loading through a location reads the files there")
    func loads() throws {
        let directory = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(directory) }
        let train = DataFixtures.dataset(count: 20, seed: 3)
        let test = DataFixtures.dataset(count: 10, seed: 4)
        try MNIST.write(train, as: .train, to: directory)
        try MNIST.write(test, as: .test, to: directory)
        let location = DataLocation.resolve(explicit: directory, environment: [:])
        let loaded = try location.load()
        #expect(loaded.train == train && loaded.test == test)
        #expect(try location.loadTest() == test)
        #expect(try location.loadTrain() == train)
    }

    @Test("a bad file behind a location is reported as itself, not as missing data")
    func badFile() throws {
        let directory = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(directory) }
        try MNIST.write(DataFixtures.dataset(), as: .test, to: directory)
        try DataFixtures.write([1, 2, 3, 4, 5, 6, 7, 8, 9], to: directory, name: "t10k-labels-idx1-ubyte.gz")
        let error = DataFixtures.dataError { () throws(DataError) in
            try DataLocation(directory: directory, source: .option).loadTest()
        }
        #expect(error?.path == directory + "/t10k-labels-idx1-ubyte.gz")
        #expect(error?.problem == .notIDX(magic: 0x0102_0304))
    }
}
