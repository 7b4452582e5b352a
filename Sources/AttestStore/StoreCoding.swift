import Foundation

/// How the store turns values into columns: dates and JSON.
///
/// Dates are stored as REAL seconds since 1970-01-01 UTC (readable in SQL with
/// `datetime(column, 'unixepoch', 'subsec')`); a `Date` read back is within
/// 0.2 µs of the one written, and equal for dates with a binary-exact fraction
/// (such as the test clock's). JSON columns hold compact UTF-8 JSON with sorted keys.
enum StoreCoding {
    static func seconds(_ date: Date) -> Double { date.timeIntervalSince1970 }
    static func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    static func json<T: Encodable>(_ value: T) throws -> String {
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, json: String, column: String) throws -> T {
        do {
            return try decoder.decode(type, from: Data(json.utf8))
        } catch {
            throw StoreError.database(detail: "the \(column) column holds JSON this version cannot read")
        }
    }

    static func enumValue<T: RawRepresentable>(_ type: T.Type, _ raw: String, column: String) throws -> T
    where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw StoreError.database(detail: "the \(column) column holds an unknown value \"\(raw)\"")
        }
        return value
    }

    static func displayDate(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
