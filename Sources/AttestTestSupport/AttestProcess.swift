import Foundation

/// Runs the real `attest` binary in a private sandbox (its own HOME, XDG folders and store),
/// the way a person would from a shell: arguments, piped standard input, exit status.
public final class AttestSandbox: @unchecked Sendable {
    /// What one run printed and how it ended.
    public struct Run: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// The sandbox folder; removed when the sandbox is released.
    public let root: URL
    public var storePath: String { root.appendingPathComponent("data/attest/attest.sqlite").path }

    public init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("attest-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// The environment every run gets: sandboxed folders, no colour, a fixed learner, a UTF-8 locale.
    public var environment: [String: String] {
        var variables = ProcessInfo.processInfo.environment
        for name in ["ATTEST_STORE", "ATTEST_LEARNER", "NO_COLOR", "XDG_DATA_HOME", "XDG_STATE_HOME"] {
            variables[name] = nil
        }
        variables["HOME"] = root.appendingPathComponent("home").path
        variables["XDG_DATA_HOME"] = root.appendingPathComponent("data").path
        variables["XDG_STATE_HOME"] = root.appendingPathComponent("state").path
        variables["ATTEST_LEARNER"] = "ada"
        // A UTF-8 locale whatever the machine's: outputs are compared with ✓, bars and box drawing.
        variables["LC_ALL"] = ""
        variables["LC_CTYPE"] = ""
        variables["LANG"] = "C.UTF-8"
        variables["ATTEST_BUNDLED_PACKS"] = AttestBinary.repositoryRoot.appendingPathComponent("Assessments").path
        return variables
    }

    /// Writes `text` to a file in the sandbox and returns its path.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> String {
        let url = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Runs `attest arguments` with `input` on standard input; kills it after `timeout` seconds.
    public func run(
        _ arguments: [String], input: String = "", extraEnvironment: [String: String] = [:], timeout: Double = 60
    ) throws -> Run {
        guard let binary = AttestBinary.path else { throw SandboxError.binaryMissing }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment.merging(extraEnvironment) { _, new in new }
        process.currentDirectoryURL = root
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let collector = OutputCollector()
        let group = DispatchGroup()
        for (pipe, isError) in [(stdout, false), (stderr, true)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collector.set(data, isError: isError)
                group.leave()
            }
        }
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            process.waitUntilExit()
            finished.signal()
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = finished.wait(timeout: .now() + 5)
            throw SandboxError.timedOut(arguments: arguments)
        }
        group.wait()
        return Run(
            status: process.terminationStatus, standardOutput: collector.text(isError: false),
            standardError: collector.text(isError: true))
    }

    /// Why a sandboxed run could not happen.
    public enum SandboxError: Error, CustomStringConvertible {
        case binaryMissing
        case timedOut(arguments: [String])

        public var description: String {
            switch self {
            case .binaryMissing: "the attest binary was not built next to the tests"
            case let .timedOut(arguments): "attest \(arguments.joined(separator: " ")) did not finish in time"
            }
        }
    }
}

private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    func set(_ data: Data, isError: Bool) {
        lock.withLock { if isError { err = data } else { out = data } }
    }

    func text(isError: Bool) -> String {
        lock.withLock { String(decoding: isError ? err : out, as: UTF8.self) }
    }
}
