import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Loopback ports for tests that start servers of their own (PostgreSQL, a static file server) or need an
/// address nobody answers on.
public enum LoopbackPort {
    /// The port could not be found or reached.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// A loopback port nothing listens on now (bound then released; a server started right after takes it).
    public static func free() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "cannot open a socket") }
        defer { close(socket) }
        var address = address(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw Failure(description: "cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits until something accepts connections on `port`, polling every 50 ms: a server started as another
    /// process gives no other sign that it is ready.
    public static func waitUntilListening(_ port: Int, timeout: TimeInterval = 10) throws {
        let limit = Date().addingTimeInterval(timeout)
        while Date() < limit {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { throw Failure(description: "cannot open a socket") }
            var target = address(port: port)
            let connected = withUnsafeMutablePointer(to: &target) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(socket)
            if connected { return }
            usleep(50_000)
        }
        throw Failure(description: "nothing listens on 127.0.0.1:\(port) after \(Int(timeout)) s")
    }

    private static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return address
    }
}
