import Foundation
import Testing
@testable import DigitsCore

/// Downloads from a server on 127.0.0.1 that each test starts, serving small synthetic IDX
/// files (and the real test set when DIGITS_DATA is set) from good and broken "mirrors".
@Suite("Downloader")
struct DownloaderTests {
    static let set = DataFixtures.dataset(count: 30, rows: 8, columns: 8, seed: 7)
    static let imagesRaw = DataFixtures.imageFile(set)
    static let labelsRaw = DataFixtures.labelFile(set)
    static let imagesGzip = Gzip.compress(imagesRaw)
    static let labelsGzip = Gzip.compress(labelsRaw)
    static let items = [
        DownloadItem(name: "tiny-images-idx3-ubyte.gz", sha256: SHA256.hexDigest(of: imagesRaw)),
        DownloadItem(name: "tiny-labels-idx1-ubyte.gz", sha256: SHA256.hexDigest(of: labelsRaw)),
    ]

    /// Collects events from any thread.
    final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [DownloadEvent] = []
        func add(_ event: DownloadEvent) {
            lock.lock()
            list.append(event)
            lock.unlock()
        }
        var all: [DownloadEvent] {
            lock.lock()
            defer { lock.unlock() }
            return list
        }
        var failures: [(url: String, reason: String)] {
            all.compactMap { if case .failed(_, let url, let reason) = $0 { (url, reason) } else { nil } }
        }
    }

    /// Routes serving the good files under /good/ and `bad` under /bad/.
    static func routes(bad: (String, [UInt8]) -> LocalHTTPServer.Response?) -> [String: LocalHTTPServer.Response] {
        var routes: [String: LocalHTTPServer.Response] = [:]
        for (name, body) in [(items[0].name, imagesGzip), (items[1].name, labelsGzip)] {
            routes["/good/" + name] = .body(body)
            if let response = bad(name, body) { routes["/bad/" + name] = response }
        }
        return routes
    }

    static func downloader(_ directory: String, _ mirrors: [URL]) -> Downloader {
        var downloader = Downloader(directory: directory, mirrors: mirrors, files: items)
        downloader.timeout = 10
        return downloader
    }

    /// The downloaded files hold the right content and nothing else is in the directory.
    static func expectComplete(_ directory: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(DataFixtures.contents(of: directory) == items.map(\.name).sorted(), sourceLocation: sourceLocation)
        for item in items {
            #expect((try? DownloadItem.contentDigest(ofFileAt: directory + "/" + item.name)) == item.sha256,
                    sourceLocation: sourceLocation)
        }
    }

    @Test("a good mirror fills the directory, creating it, with verified files")
    func goodMirror() throws {
        let server = try LocalHTTPServer(routes: Self.routes { _, _ in nil })
        defer { server.stop() }
        let root = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(root) }
        let directory = root + "/nested/cache"
        let events = Events()
        let paths = try Self.downloader(directory, [server.mirror("good")]).run(report: events.add)
        #expect(paths == Self.items.map { directory + "/" + $0.name })
        Self.expectComplete(directory)
        #expect(events.all.first == .started(file: Self.items[0].name, url: server.mirror("good").absoluteString + Self.items[0].name))
        #expect(events.all.contains(.finished(file: Self.items[1].name, path: paths[1], bytes: Self.labelsGzip.count)))
        #expect(events.all.contains(.progress(file: Self.items[0].name, received: Self.imagesGzip.count, expected: Self.imagesGzip.count)))
        #expect(events.failures.isEmpty)
    }

    @Test("a bad first mirror falls back to the good second", arguments: [
        "corrupt gzip", "wrong content", "connection cut", "HTTP 404", "HTTP 500", "empty body", "raw wrong content",
    ])
    func fallback(problem: String) throws {
        let server = try LocalHTTPServer(routes: Self.routes { name, body in
            switch problem {
            case "corrupt gzip":
                var damaged = body
                damaged[damaged.count / 2] ^= 0xff
                damaged[damaged.count - 7] ^= 0xff
                return .body(damaged)
            case "wrong content":
                return .body(Gzip.compress(DataFixtures.imageFile(DataFixtures.dataset(count: 30, rows: 8, columns: 8, seed: 8))))
            case "connection cut":
                return .cut(body, sent: body.count / 2)
            case "HTTP 404":
                return nil
            case "HTTP 500":
                return .status(500)
            case "empty body":
                return .body([])
            default:
                return .body([0, 0, 8, 1, 0, 0, 0, 1, 5])
            }
        })
        defer { server.stop() }
        let directory = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(directory) }
        let events = Events()
        try Self.downloader(directory, [server.mirror("bad"), server.mirror("good")]).run(report: events.add)
        Self.expectComplete(directory)
        let failures = events.failures
        #expect(failures.count == 2)
        let expectedReason = [
            "corrupt gzip": "gzip", "wrong content": "wrong SHA-256", "connection cut": "short body: ",
            "HTTP 404": "HTTP 404", "HTTP 500": "HTTP 500", "empty body": "empty body",
            "raw wrong content": "wrong SHA-256",
        ][problem] ?? ""
        for failure in failures {
            #expect(failure.url.hasPrefix(server.mirror("bad").absoluteString))
            #expect(failure.reason.contains(expectedReason), "\(failure.reason)")
        }
        #expect(server.requests == Self.items.flatMap { ["/bad/" + $0.name, "/good/" + $0.name] })
    }

    @Test("when every mirror fails the error lists each one and no file is left")
    func allMirrorsFail() throws {
        let cut = try LocalHTTPServer(routes: Self.routes { _, body in .cut(body, sent: 100) })
        defer { cut.stop() }
        let corrupt = try LocalHTTPServer(routes: Self.routes { _, body in .body(Array(body.dropLast(9))) })
        defer { corrupt.stop() }
        let refused = try LocalHTTPServer(routes: [:])
        let refusedMirror = refused.mirror("gone")
        refused.stop()
        let directory = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(directory) }
        let mirrors = [cut.mirror("bad"), corrupt.mirror("bad"), refusedMirror, corrupt.mirror("missing")]
        var thrown: DownloadError?
        do {
            try Self.downloader(directory, mirrors).run()
        } catch {
            thrown = error
        }
        let name = Self.items[0].name
        guard case .allMirrorsFailed(let file, let attempts) = thrown else {
            Issue.record("expected every mirror to fail, got \(String(describing: thrown))")
            return
        }
        #expect(file == name)
        #expect(attempts.map(\.url) == mirrors.map { $0.absoluteString + name })
        #expect(attempts[0].reason == "short body: 100 of \(Self.imagesGzip.count) bytes")
        #expect(attempts[1].reason == "truncated gzip data")
        #expect(attempts[2].reason == "could not connect")
        #expect(attempts[3].reason == "HTTP 404")
        let message = thrown?.description ?? ""
        #expect(message.hasPrefix("cannot download \(name): every mirror failed: "))
        #expect(!message.contains("\n"))
        for mirror in mirrors { #expect(message.contains(mirror.absoluteString + name)) }
        // No partial file under the final name, and no temporary file either.
        #expect(DataFixtures.contents(of: directory).isEmpty)
    }

    @Test("verified files are skipped unless forced; a damaged one is replaced")
    func skipAndForce() throws {
        let server = try LocalHTTPServer(routes: Self.routes { _, _ in nil })
        defer { server.stop() }
        let directory = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(directory) }
        try Self.downloader(directory, [server.mirror("good")]).run()
        #expect(server.requests.count == 2)

        let events = Events()
        try Self.downloader(directory, [server.mirror("good")]).run(report: events.add)
        #expect(server.requests.count == 2)
        #expect(events.all == Self.items.map { .skipped(file: $0.name, path: directory + "/" + $0.name) })

        var forced = Self.downloader(directory, [server.mirror("good")])
        forced.force = true
        try forced.run()
        #expect(server.requests.count == 4)

        // A damaged copy is not trusted: it is fetched again and replaced.
        try DataFixtures.write(Array(Self.imagesGzip.dropLast(20)), to: directory, name: Self.items[0].name)
        try Self.downloader(directory, [server.mirror("good")]).run()
        #expect(server.requests.count == 5)
        Self.expectComplete(directory)
    }

    @Test("a mirror serving uncompressed files is fine; the file is stored under its raw name")
    func uncompressedBody() throws {
        let server = try LocalHTTPServer(routes: [
            "/raw/" + Self.items[0].name: .body(Self.imagesRaw),
            "/raw/" + Self.items[1].name: .body(Self.labelsRaw),
        ])
        defer { server.stop() }
        let directory = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(directory) }
        // A stale compressed copy that would otherwise sit beside the new raw file.
        try DataFixtures.write([1, 2, 3], to: directory, name: Self.items[0].name)
        let paths = try Self.downloader(directory, [server.mirror("raw")]).run()
        #expect(paths == Self.items.map { directory + "/" + $0.baseName })
        #expect(DataFixtures.contents(of: directory) == Self.items.map(\.baseName).sorted())
    }

    @Test("a body larger than allowed is refused")
    func tooLarge() throws {
        let server = try LocalHTTPServer(routes: Self.routes { _, _ in nil })
        defer { server.stop() }
        let directory = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(directory) }
        var downloader = Self.downloader(directory, [server.mirror("good")])
        downloader.maximumFileSize = 100
        #expect(throws: DownloadError.self) { try downloader.run() }
        #expect(DataFixtures.contents(of: directory).isEmpty)
    }

    @Test("no mirrors, or a directory that cannot be made, fail cleanly")
    func setupFailures() throws {
        let root = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(root) }
        #expect(throws: DownloadError.noMirrors) { try Downloader(directory: root, mirrors: []).run() }
        let file = try DataFixtures.write([1], to: root, name: "plain-file")
        do {
            try Downloader(directory: file + "/sub", mirrors: [URL(string: "http://127.0.0.1:9/")!]).run()
            Issue.record("expected a failure")
        } catch {
            guard case .cannotCreateDirectory(let path, let reason) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(path == file + "/sub")
            #expect(reason == "\(file) exists and is not a directory")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("mirror URLs join with or without a trailing slash")
    func urlJoining() {
        #expect(Downloader.url(of: "a.gz", on: URL(string: "https://x.org/mnist/")!).absoluteString == "https://x.org/mnist/a.gz")
        #expect(Downloader.url(of: "a.gz", on: URL(string: "https://x.org/mnist")!).absoluteString == "https://x.org/mnist/a.gz")
    }

    @Test("the pinned MNIST list is the four standard files")
    func pinnedList() {
        #expect(DownloadItem.mnist.map(\.baseName) == MNIST.fileNames)
        #expect(DownloadItem.mnist.allSatisfy { $0.sha256.count == 64 })
        #expect(DownloadItem.defaultMirrors.map(\.absoluteString) == [
            "https://ossci-datasets.s3.amazonaws.com/mnist/", "https://storage.googleapis.com/cvdf-datasets/mnist/",
        ])
    }

    @Test("the real MNIST test files download and verify against the pinned checksums",
          .enabled(if: DataFixtures.realDataDirectory != nil, "DIGITS_DATA not set: no real MNIST files to serve"))
    func realTestSet() throws {
        let source = DataFixtures.realDataDirectory ?? ""
        let items = DownloadItem.mnist.filter { $0.name.hasPrefix("t10k") }
        var routes: [String: LocalHTTPServer.Response] = [:]
        for item in items {
            let path = try #require(MNIST.locate(item.baseName, in: source))
            let body = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            routes["/mnist/" + item.name] = .body(body)
            routes["/broken/" + item.name] = .cut(body, sent: body.count - 1)
        }
        let server = try LocalHTTPServer(routes: routes)
        defer { server.stop() }
        let directory = try DataFixtures.makeDirectory()
        defer { DataFixtures.remove(directory) }
        var downloader = Downloader(directory: directory, mirrors: [server.mirror("broken"), server.mirror("mnist")], files: items)
        downloader.timeout = 10
        try downloader.run()
        for item in items {
            #expect(try DownloadItem.contentDigest(ofFileAt: directory + "/" + item.name) == item.sha256)
        }
        #expect(try MNIST.loadTest(directory: directory).count == 10_000)
    }
}
