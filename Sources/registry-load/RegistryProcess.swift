import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The `attest-registry serve` process under test: started, killed with SIGKILL, stopped with SIGTERM.
final class RegistryProcess: @unchecked Sendable {
    let executable: String
    let arguments: [String]
    let environment: [String: String]
    let log: FileHandle
    private(set) var process: Process?

    init(executable: String, arguments: [String], environment: [String: String], logPath: String) throws {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        guard FileManager.default.createFile(atPath: logPath, contents: nil),
              let handle = FileHandle(forWritingAtPath: logPath) else { throw LoadError("cannot write \(logPath)") }
        handle.seekToEndOfFile()
        log = handle
    }

    /// Starts the service and waits until `GET /health` answers.
    func start(healthURL: URL) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
        for _ in 0..<300 {
            if let (_, response) = try? await URLSession.shared.data(from: healthURL), (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw LoadError("the registry did not answer /health within 30 s")
    }

    func kill() {
        guard let process else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, then the seconds until the process had exited (graceful shutdown).
    func terminate() -> Double {
        guard let process else { return 0 }
        let started = Date()
        process.terminate()
        process.waitUntilExit()
        return Date().timeIntervalSince(started)
    }
}
