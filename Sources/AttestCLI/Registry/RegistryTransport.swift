import Foundation

/// HTTP for the learner's side of a registry, carried out by `attest-registry http` (which has the HTTP
/// client and TLS), so `attest` never loads them: the body goes in on standard input, the status line and
/// body come back on standard output.
struct RegistryTransport {
    /// The registry could not be reached or did not answer; the request may be tried again later.
    struct Unreachable: Error, CustomStringConvertible {
        let description: String
    }

    let executable: String
    var timeoutSeconds = 30

    init(environment: [String: String]) throws {
        executable = try RegistryBinary.path(environment: environment)
    }

    /// The status and body the registry answered `method url` with.
    func send(_ method: String, _ url: String, body: String? = nil, accept: String = "application/json") throws -> (status: Int, body: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["http", method, url, "--accept", accept, "--timeout", String(timeoutSeconds)] + (body == nil ? [] : ["--body"])
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        do { try process.run() } catch { throw Unreachable(description: "cannot run \(executable): \(error.localizedDescription)") }
        let errorText = ErrorCollector(error.fileHandleForReading)
        if let body { try? input.fileHandleForWriting.write(contentsOf: Data(body.utf8)) }
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0, let newline = text.firstIndex(of: "\n"), let status = Int(text[..<newline]) else {
            let reason = errorText.text().trimmingCharacters(in: .whitespacesAndNewlines)
            throw Unreachable(description: reason.isEmpty ? "no answer from \(url)" : reason)
        }
        return (status, String(text[text.index(after: newline)...]))
    }
}

/// Reads a pipe to its end on another thread, so a chatty child never blocks on a full pipe.
private final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
