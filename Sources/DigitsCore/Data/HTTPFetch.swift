import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches one URL into memory with URLSession, blocking the caller, reporting bytes as they
/// arrive, and turning every way it can go wrong into one short phrase for the user.
enum HTTPFetch {
    /// The body of `url`, or why there is none: a non-2xx status, a network error, a body
    /// shorter than its Content-Length, or one larger than `maximumSize`.
    static func fetch(_ url: URL, timeout: Double, maximumSize: Int,
                      progress: @escaping @Sendable (_ received: Int, _ expected: Int?) -> Void) -> Result<[UInt8], FetchFailure> {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = max(timeout, 3600)
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.urlCache = nil
        let delegate = FetchDelegate(maximumSize: maximumSize, progress: progress)
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        var request = URLRequest(url: url)
        // The files are gzip already; ask for them exactly as stored.
        request.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
        let task = session.dataTask(with: request)
        task.resume()
        if delegate.done.wait(timeout: .now() + configuration.timeoutIntervalForResource + 10) == .timedOut {
            task.cancel()
            session.invalidateAndCancel()
            return .failure(FetchFailure(reason: "timed out"))
        }
        session.finishTasksAndInvalidate()
        return delegate.result
    }
}

/// Why a fetch failed, in a few words.
struct FetchFailure: Error, Equatable {
    let reason: String
}

/// Collects one response. URLSession calls it on its own serial queue while the caller waits
/// on `done`; the lock makes the hand-over explicit.
private final class FetchDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private let maximumSize: Int
    private let progress: @Sendable (Int, Int?) -> Void
    private var body = Data()
    private var expected: Int?
    private var failure: String?

    init(maximumSize: Int, progress: @escaping @Sendable (Int, Int?) -> Void) {
        self.maximumSize = maximumSize
        self.progress = progress
    }

    var result: Result<[UInt8], FetchFailure> {
        lock.lock()
        defer { lock.unlock() }
        if let failure { return .failure(FetchFailure(reason: failure)) }
        return .success([UInt8](body))
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        lock.lock()
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            failure = "HTTP \(http.statusCode)"
        } else if response.expectedContentLength > Int64(maximumSize) {
            failure = "body of \(response.expectedContentLength) bytes is larger than the \(maximumSize) expected"
        } else if response.expectedContentLength >= 0 {
            expected = Int(response.expectedContentLength)
            body.reserveCapacity(Int(response.expectedContentLength))
        }
        let refuse = failure != nil
        lock.unlock()
        completionHandler(refuse ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        body.append(data)
        let received = body.count, expected = self.expected
        var tooLarge = false
        if received > maximumSize, failure == nil {
            failure = "body is larger than the \(maximumSize) bytes expected"
            tooLarge = true
        }
        lock.unlock()
        if tooLarge {
            dataTask.cancel()
        } else {
            progress(received, expected)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        lock.lock()
        if failure == nil {
            // A body cut short is the most useful thing to say, whatever error came with it.
            if let expected, body.count < expected {
                failure = "short body: \(body.count) of \(expected) bytes"
            } else if let error {
                failure = FetchDelegate.describe(error)
            } else if let expected, body.count != expected {
                failure = "body of \(body.count) bytes, but Content-Length said \(expected)"
            }
        }
        lock.unlock()
        done.signal()
    }

    /// A network error in a few words; the system's wording is often long or generic.
    private static func describe(_ error: any Error) -> String {
        guard let urlError = error as? URLError else { return "\(error.localizedDescription)" }
        switch urlError.code {
        case .cannotConnectToHost: return "could not connect"
        case .cannotFindHost, .dnsLookupFailed: return "host not found"
        case .notConnectedToInternet: return "no network"
        case .timedOut: return "timed out"
        case .networkConnectionLost: return "connection closed before the whole body arrived"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return "TLS failed (\(urlError.code.rawValue))"
        case .unsupportedURL: return "unsupported URL"
        default: return "network error \(urlError.code.rawValue)"
        }
    }
}
