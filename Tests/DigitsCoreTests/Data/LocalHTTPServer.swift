import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for testing downloads without
/// the internet: it serves fixed responses by path, one connection at a time, and closes each
/// connection after one response.
final class LocalHTTPServer: @unchecked Sendable {
    /// What to send for a path.
    enum Response: Sendable {
        /// 200 with this body.
        case body([UInt8])
        /// A bare status with a short text body, e.g. 404 or 500.
        case status(Int)
        /// 200 announcing the whole body's Content-Length but sending only `sent` bytes, then
        /// closing: a connection dropped mid-transfer.
        case cut([UInt8], sent: Int)
    }

    /// The port the server listens on.
    let port: UInt16
    private let routes: [String: Response]
    private let listener: Int32
    private let lock = NSLock()
    private var served: [String] = []
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    /// Starts serving `routes` (path, e.g. "/good/file.gz", to response); other paths get 404.
    init(routes: [String: Response]) throws {
        self.routes = routes
        let socketType: Int32
        #if canImport(Glibc)
        socketType = Int32(SOCK_STREAM.rawValue)
        #else
        socketType = SOCK_STREAM
        #endif
        let listener = socket(AF_INET, socketType, 0)
        guard listener >= 0 else { throw ServerError("socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            close(listener)
            throw ServerError("bind/listen: \(String(cString: strerror(errno)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in self.serve() }
        thread.start()
    }

    deinit { stop() }

    /// The base URL of a "mirror": everything under `/prefix/`.
    func mirror(_ prefix: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)/\(prefix)/")!
    }

    /// The paths requested so far, in order.
    var requests: [String] {
        lock.lock()
        defer { lock.unlock() }
        return served
    }

    /// Stops accepting connections and waits for the serving thread to end.
    func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        _ = finished.wait(timeout: .now() + 5)
    }

    private func serve() {
        defer { finished.signal() }
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            handle(connection)
            close(connection)
            lock.lock()
            let done = stopped
            lock.unlock()
            if done { return }
        }
    }

    private func handle(_ connection: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        #if canImport(Darwin)
        var noSignal: Int32 = 1
        setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &noSignal, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.containsHeaderEnd, request.count < 65_536 {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { return }
            request += buffer[0..<count]
        }
        let firstLine = String(decoding: request.prefix { $0 != 0x0d }, as: UTF8.self)
        let parts = firstLine.split(separator: " ")
        let path = parts.count >= 2 ? String(parts[1]) : "/"
        lock.lock()
        served.append(path)
        lock.unlock()

        switch routes[path] ?? .status(404) {
        case .body(let body):
            send(connection, header(200, length: body.count) + body)
        case .status(let code):
            let body = Array("status \(code)\n".utf8)
            send(connection, header(code, length: body.count) + body)
        case .cut(let body, let sent):
            send(connection, header(200, length: body.count) + body.prefix(sent))
        }
    }

    private func header(_ status: Int, length: Int) -> [UInt8] {
        let reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Error"
        return Array("HTTP/1.1 \(status) \(reason)\r\nContent-Length: \(length)\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n".utf8)
    }

    private func send(_ connection: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { buffer -> Int in
                #if canImport(Glibc)
                // MSG_NOSIGNAL: a client that hung up must not kill the test process with SIGPIPE.
                return Glibc.send(connection, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
                #else
                return Darwin.send(connection, buffer.baseAddress, buffer.count, 0)
                #endif
            }
            if count <= 0 { return }
            offset += count
        }
    }
}

struct ServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

private extension [UInt8] {
    var containsHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for index in 0...(count - 4) where self[index] == 0x0d && self[index + 1] == 0x0a && self[index + 2] == 0x0d && self[index + 3] == 0x0a {
            return true
        }
        return false
    }
}
