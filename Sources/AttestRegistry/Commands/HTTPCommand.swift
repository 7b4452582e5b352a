import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `attest-registry http METHOD URL`: one HTTP request for `attest registry join` and `attest submit`, which
/// run it so that `attest` never loads an HTTP client. Prints the status code on its own line, then the body;
/// exits 69 with the reason when there is no answer.
struct HTTPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http",
        abstract: "Send one HTTP request (used by attest): prints the status code on a line, then the body.")

    @Argument(help: "GET or POST.")
    var method: String

    @Argument(help: "An http or https URL.")
    var url: String

    @Option(help: "The Accept header.")
    var accept = "application/json"

    @Option(help: "Seconds to wait for the answer.")
    var timeout = 30

    @Flag(help: "Send standard input as the body.")
    var body = false

    /// The most of an answer read: the largest thing a registry sends is a learner's credential bundle.
    static let maximumAnswer = 8 * 1024 * 1024

    func validate() throws {
        guard ["GET", "POST"].contains(method) else { throw ValidationError("METHOD must be GET or POST.") }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            throw ValidationError("URL must be an http:// or https:// address, not \(url).")
        }
    }

    func run() async throws {
        var request = URLRequest(url: URL(string: url)!, timeoutInterval: TimeInterval(timeout))
        request.httpMethod = method
        request.setValue(accept, forHTTPHeaderField: "Accept")
        request.setValue("attest", forHTTPHeaderField: "User-Agent")
        if body {
            request.httpBody = FileHandle.standardInput.readDataToEndOfFile()
            request.setValue("application/jwt", forHTTPHeaderField: "Content-Type")
        }
        let session = URLSession(configuration: .ephemeral)
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            FileHandle.standardError.write(Data("\(url): \(error.localizedDescription)\n".utf8))
            throw ExitCode(69)
        }
        guard let http = response as? HTTPURLResponse, data.count <= Self.maximumAnswer else {
            FileHandle.standardError.write(Data("\(url): not an HTTP answer of at most \(Self.maximumAnswer) bytes\n".utf8))
            throw ExitCode(69)
        }
        FileHandle.standardOutput.write(Data("\(http.statusCode)\n".utf8) + data)
    }
}
