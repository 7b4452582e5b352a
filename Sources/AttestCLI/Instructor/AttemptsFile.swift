import AttestCore
import AttestStore
import Foundation

/// Attempts as JSON Lines: one `RecordedAttempt` per line, the exchange format between a
/// learner's store and an instructor's (`attempts export` / `attempts import`, `stats --from`).
///
/// Dates are seconds since 1970 (UTC) so a round trip is exact. A line holds the attempt and its
/// effective responses as stored; learner names only, never keys or credentials.
enum AttemptsFile {
    /// Larger files are refused before reading.
    static let maximumFileSize = 512 * 1024 * 1024

    static func encode(_ attempts: [RecordedAttempt]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return try attempts.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
    }

    /// Every attempt of the file, or every line that could not be read.
    static func decode(_ text: String, file: String) throws(InstructorFileError) -> [RecordedAttempt] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        var attempts: [RecordedAttempt] = []
        var bad: [Int] = []
        var outOfRange: [String] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            if let attempt = try? decoder.decode(RecordedAttempt.self, from: Data(trimmed.utf8)) {
                outOfRange += attempt.outOfRange.map { "line \(offset + 1): \($0)" }
                attempts.append(attempt)
            } else {
                bad.append(offset + 1)
            }
        }
        if !bad.isEmpty { throw .unreadableLines(file: file, lines: bad) }
        if !outOfRange.isEmpty { throw .outOfRange(file: file, problems: outOfRange) }
        return attempts
    }

    static func read(path: String) throws(InstructorFileError) -> [RecordedAttempt] {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let attributes, attributes[.type] as? FileAttributeType != .typeDirectory,
              let data = FileManager.default.contents(atPath: path)
        else { throw .cannotRead(file: path) }
        if let size = attributes[.size] as? Int, size > maximumFileSize { throw .tooLarge(file: path) }
        guard let text = String(data: data, encoding: .utf8) else { throw .notText(file: path) }
        return try decode(text, file: path)
    }
}

/// Problems reading or writing the files instructor commands use (attempt exports, question banks).
enum InstructorFileError: LocalizedError, Equatable {
    case cannotRead(file: String)
    case tooLarge(file: String)
    case notText(file: String)
    case unreadableLines(file: String, lines: [Int])
    case outOfRange(file: String, problems: [String])
    case cannotWrite(file: String, reason: String)

    var errorDescription: String? {
        switch self {
        case let .cannotRead(file):
            "Cannot read \(file): it does not exist, is a folder, or is not readable."
        case let .tooLarge(file):
            "\(file) is larger than \(AttemptsFile.maximumFileSize / 1_048_576) MB; split it (an export can be limited with --pack)."
        case let .notText(file):
            "\(file) is not UTF-8 text; save it as UTF-8 and try again."
        case let .unreadableLines(file, lines):
            "\(file): line\(lines.count == 1 ? "" : "s") \(lines.prefix(10).map(String.init).joined(separator: ", "))"
                + (lines.count > 10 ? " and \(lines.count - 10) more" : "")
                + " \(lines.count == 1 ? "is" : "are") not an attempt written by 'attest attempts export'; nothing from this file was imported."
        case let .outOfRange(file, problems):
            "\(file): " + problems.prefix(10).joined(separator: "; ")
                + (problems.count > 10 ? " and \(problems.count - 10) more" : "")
                + "; nothing from this file was imported."
        case let .cannotWrite(file, reason):
            "Cannot write \(file): \(reason)"
        }
    }
}
