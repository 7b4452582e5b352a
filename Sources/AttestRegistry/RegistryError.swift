/// A request the registry cannot meet, with the HTTP status it answers and a one-line reason.
public enum RegistryError: Error, Equatable, CustomStringConvertible {
    /// The request is malformed or its submission does not verify (400/422).
    case badRequest(String)
    case unprocessable(String)
    case notFound(String)
    case unauthorized(String)
    case conflict(String)
    /// The database cannot be reached or answered too slowly: try again later (503).
    case unavailable(String)

    public var description: String {
        switch self {
        case let .badRequest(reason), let .unprocessable(reason), let .notFound(reason), let .unauthorized(reason),
             let .conflict(reason), let .unavailable(reason):
            reason
        }
    }

    public var statusCode: Int {
        switch self {
        case .badRequest: 400
        case .unauthorized: 401
        case .notFound: 404
        case .conflict: 409
        case .unprocessable: 422
        case .unavailable: 503
        }
    }
}
