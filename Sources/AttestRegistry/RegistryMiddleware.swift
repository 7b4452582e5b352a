import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// The request context: the client's address (for rate limits and logs) and the body size limit.
public struct RegistryRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// A signed submission of a long exam is a few hundred kilobytes; nothing the registry takes is larger.
    public var maxUploadSize: Int { 1024 * 1024 }
}

/// Logs one structured line per request (method, path, status, milliseconds, client) and turns
/// `RegistryError`s into their status with a JSON `{"error": …}` body.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = RegistryRequestContext
    let client: ClientAddress

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var status = 500
        defer {
            let elapsed = ContinuousClock.now - started
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            context.logger.info("request", metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)", "status": "\(status)",
                "ms": "\(String(format: "%.1f", milliseconds))", "client": "\(client.of(request, context))",
            ])
        }
        do {
            let response = try await next(request, context)
            status = response.status.code
            return response
        } catch let error as RegistryError {
            status = error.statusCode
            if case .unavailable = error { context.logger.warning("unavailable", metadata: ["reason": "\(error.description)"]) }
            return JSONResponse.error(error)
        } catch let error as HTTPResponseError {
            status = error.status.code
            throw error
        } catch {
            context.logger.error("failed", metadata: ["error": "\(String(reflecting: error))"])
            status = 503
            return JSONResponse.error(.unavailable("the registry could not complete the request; try again later"))
        }
    }
}

/// Refuses a client's requests beyond its rate (429 with Retry-After).
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = RegistryRequestContext
    let limiter: NIOLockedValueBox<RateLimiter>
    let client: ClientAddress

    init(perMinute: Int, burst: Int, client: ClientAddress) {
        limiter = NIOLockedValueBox(RateLimiter(perMinute: perMinute, burst: burst))
        self.client = client
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let now = Date().timeIntervalSinceReferenceDate
        let address = client.of(request, context)
        if let wait = limiter.withLockedValue({ $0.take(client: address, now: now) }) {
            var response = JSONResponse.error(.unavailable("too many requests from this client; retry in \(Int(wait.rounded(.up))) s"))
            response.status = .tooManyRequests
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return response
        }
        return try await next(request, context)
    }
}

/// Answers 503 (Retry-After) when a request takes longer than `timeout` — a database that restarted or a
/// pool with no connection to lend never holds a client, nor a graceful shutdown, longer than that. The
/// work runs in a task of its own that is cancelled and left to finish: a submission's transaction then
/// commits whole or not at all, and the client's retry is answered from what was stored.
struct RequestDeadline: Sendable {
    let timeout: Duration

    func run(_ work: @escaping @Sendable () async throws -> Response) async throws -> Response {
        let outcome = Race<Response>()
        let task = Task {
            do { outcome.finish(.success(try await work())) } catch { outcome.finish(.failure(error)) }
        }
        let timer = Task {
            try await Task.sleep(for: timeout)
            outcome.finish(.failure(RegistryError.unavailable("the request took longer than \(timeout); try again later")))
        }
        defer { timer.cancel() }
        do {
            return try await outcome.value()
        } catch let error as RegistryError {
            task.cancel()
            if case .unavailable = error {
                var response = JSONResponse.error(error)
                response.headers[.retryAfter] = "2"
                return response
            }
            throw error
        }
    }
}

/// The first of several results, delivered to one waiter.
final class Race<Value: Sendable>: Sendable {
    private let state = NIOLockedValueBox<(result: Result<Value, any Error>?, waiter: CheckedContinuation<Value, any Error>?)>((nil, nil))

    func finish(_ result: Result<Value, any Error>) {
        let waiter: CheckedContinuation<Value, any Error>? = state.withLockedValue { state in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: result)
    }

    func value() async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<Value, any Error>? = state.withLockedValue { state in
                if let result = state.result { return result }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}

/// The client a request came from: the peer address, or behind a reverse proxy (`--trust-proxy`) the
/// address the proxy appended last to X-Forwarded-For.
struct ClientAddress: Sendable {
    let trustProxy: Bool

    func of(_ request: Request, _ context: RegistryRequestContext) -> String {
        if trustProxy, let forwarded = request.headers.last(where: { $0.name.canonicalName == "x-forwarded-for" })?.value,
           let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            return last
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }
}

/// JSON and error responses.
enum JSONResponse {
    static func make(_ text: String, status: HTTPResponse.Status = .ok, type: String = "application/json") -> Response {
        Response(status: status, headers: [.contentType: type, .cacheControl: "no-store"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func error(_ error: RegistryError) -> Response {
        make("{\"error\":\(JSONText.quoted(error.description))}\n", status: HTTPResponse.Status(code: error.statusCode))
    }
}
