import Foundation

/// Runs a committed Python script that checks Attest's output with tools nobody on this team wrote,
/// or says the tools are missing so the test can report that it skipped.
public enum PythonChecker {
    /// What the script printed and how it exited.
    public struct Run: Sendable {
        public let status: Int32
        public let output: String
        public let error: String
    }

    /// Runs `python3 script arguments...`; nil when python3 cannot start or lacks `modules` (e.g. "pyld, cryptography").
    public static func run(_ script: String, _ arguments: [String], requiring modules: String) throws -> Run? {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import \(modules)"]
        probe.standardError = FileHandle.nullDevice
        do { try probe.run() } catch { return nil }
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self), error: String(decoding: error, as: UTF8.self))
    }
}
