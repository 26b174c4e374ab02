import Foundation

/// Fills a directory with data files from mirrors: each file is fetched from the first mirror
/// that delivers it whole with the right SHA-256 (of its uncompressed content), written
/// atomically, and skipped next time once present and verified.
///
/// The file list and mirrors are plain values so tests can serve small synthetic files from a
/// server on 127.0.0.1.
public struct Downloader: Sendable {
    /// Where the files go; created, with its parents, when missing.
    public var directory: String
    /// Base URLs tried in order for each file; a file's URL is the base followed by its name.
    public var mirrors: [URL]
    /// The files to fetch.
    public var files: [DownloadItem]
    /// Fetch and replace files even when a verified copy is present.
    public var force: Bool
    /// Seconds without any data before a request is abandoned.
    public var timeout: Double = 30
    /// The largest body accepted from a mirror, so a broken mirror cannot fill the memory.
    public var maximumFileSize: Int = 64 << 20

    /// A downloader of `files` from `mirrors` into `directory`.
    public init(directory: String, mirrors: [URL] = DownloadItem.defaultMirrors,
                files: [DownloadItem] = DownloadItem.mnist, force: Bool = false) {
        self.directory = directory
        self.mirrors = mirrors
        self.files = files
        self.force = force
    }

    /// Fetches every file that is not already present and verified, reporting progress to
    /// `report` (from a background thread). Stops at the first file that no mirror delivers;
    /// the files finished before it stay.
    ///
    /// - Returns: the path of each file, in the order of `files`.
    /// - Throws: `DownloadError`; its description is one line listing what each mirror did.
    @discardableResult
    public func run(report: @escaping @Sendable (DownloadEvent) -> Void = { _ in }) throws(DownloadError) -> [String] {
        guard !mirrors.isEmpty else { throw DownloadError.noMirrors }
        if let problem = Downloader.makeDirectory(directory) {
            throw DownloadError.cannotCreateDirectory(path: directory, reason: problem)
        }
        var paths: [String] = []
        for item in files {
            if !force, let path = verifiedCopy(of: item) {
                report(.skipped(file: item.name, path: path))
                paths.append(path)
                continue
            }
            paths.append(try fetch(item, report: report))
        }
        return paths
    }

    /// The path of a copy of `item` in `directory` (under its name, with or without `.gz`)
    /// whose uncompressed content has the expected SHA-256, if there is one.
    public func verifiedCopy(of item: DownloadItem) -> String? {
        for name in MNIST.candidateNames(for: item.baseName) {
            let path = join(directory, name)
            if let digest = try? DownloadItem.contentDigest(ofFileAt: path), digest == item.sha256 {
                return path
            }
        }
        return nil
    }

    /// Tries each mirror in turn for `item`; returns the path written.
    private func fetch(_ item: DownloadItem, report: @escaping @Sendable (DownloadEvent) -> Void) throws(DownloadError) -> String {
        var attempts: [DownloadAttempt] = []
        for mirror in mirrors {
            let url = Downloader.url(of: item.name, on: mirror)
            let address = url.absoluteString
            report(.started(file: item.name, url: address))
            let body: [UInt8]
            switch HTTPFetch.fetch(url, timeout: timeout, maximumSize: maximumFileSize,
                                   progress: { report(.progress(file: item.name, received: $0, expected: $1)) }) {
            case .failure(let failure):
                attempts.append(DownloadAttempt(url: address, reason: failure.reason))
                report(.failed(file: item.name, url: address, reason: failure.reason))
                continue
            case .success(let bytes):
                body = bytes
            }
            report(.verifying(file: item.name))
            if let problem = Downloader.problem(with: body, expected: item, url: address) {
                attempts.append(DownloadAttempt(url: address, reason: problem))
                report(.failed(file: item.name, url: address, reason: problem))
                continue
            }
            // Kept as delivered: compressed bodies under the .gz name, raw ones without it.
            let name = Gzip.isCompressed(body.prefix(2)) ? item.baseName + ".gz" : item.baseName
            let path = join(directory, name)
            do {
                try AtomicFile.write(Data(body), to: path)
            } catch {
                throw DownloadError.cannotWrite(error)
            }
            // Other spellings of the same file would shadow or duplicate the verified one.
            for other in MNIST.candidateNames(for: item.baseName) where other != name {
                unlink(join(directory, other))
            }
            report(.finished(file: item.name, path: path, bytes: body.count))
            return path
        }
        throw DownloadError.allMirrorsFailed(file: item.name, attempts: attempts)
    }

    /// Why `body` is not the file `expected`, or nil when it is.
    private static func problem(with body: [UInt8], expected: DownloadItem, url: String) -> String? {
        guard !body.isEmpty else { return "empty body" }
        let digest: String
        do {
            digest = try DownloadItem.contentDigest(of: body, path: url)
        } catch {
            switch error.problem {
            case .truncatedCompression: return "truncated gzip data"
            case .corruptCompression(let why): return "corrupt gzip data: \(why)"
            default: return error.problem.description
            }
        }
        guard digest == expected.sha256 else {
            return "wrong SHA-256 of the content: \(digest.prefix(16))..., expected \(expected.sha256.prefix(16))..."
        }
        return nil
    }

    /// The URL of `name` under the base URL `mirror`, whether or not the base ends in a slash.
    static func url(of name: String, on mirror: URL) -> URL {
        let base = mirror.absoluteString
        let joined = base.hasSuffix("/") ? base + name : base + "/" + name
        return URL(string: joined) ?? mirror.appendingPathComponent(name)
    }

    /// Creates `path` and its missing parents (`mkdir -p`); returns why it could not, in the
    /// system's words, or nil on success. Done by hand because Foundation's error on Linux
    /// does not say what went wrong.
    private static func makeDirectory(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? nil : "\(path) exists and is not a directory"
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, let problem = makeDirectory(parent) {
            return problem
        }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            return "\(path): \(systemMessage(errno))"
        }
        return nil
    }

    private func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
