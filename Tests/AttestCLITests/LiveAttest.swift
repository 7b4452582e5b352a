import AttestTestSupport
import Foundation

/// A running `attest` fed one line at a time through a pipe while its output is watched, so a test can
/// act at a chosen moment (after an answer was accepted, while a write is in flight) and then kill it.
///
/// `AttestSandbox.run` only hands over all input at once and waits for the end; crash and
/// failure tests need to interleave input, observation and signals.
final class LiveAttest: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    private let drained = DispatchGroup()

    init(_ sandbox: AttestSandbox, _ arguments: [String], extraEnvironment: [String: String] = [:]) throws {
        guard let binary = AttestBinary.path else { throw AttestSandbox.SandboxError.binaryMissing }
        // Writing to a killed child must fail with EPIPE, not kill the test runner.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = sandbox.environment.merging(extraEnvironment) { _, new in new }
        process.currentDirectoryURL = sandbox.root
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = input
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        for (pipe, isError) in [(stdout, false), (stderr, true)] {
            drained.enter()
            Thread.detachNewThread { [self] in
                let handle = pipe.fileHandleForReading
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    lock.withLock { if isError { err.append(chunk) } else { out.append(chunk) } }
                }
                drained.leave()
            }
        }
    }

    var processIdentifier: Int32 { process.processIdentifier }
    var standardOutput: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    var standardError: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// Writes `line` and a newline to standard input; false when the process no longer reads it.
    @discardableResult
    func send(_ line: String) -> Bool {
        (try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))) != nil
    }

    /// Ends standard input.
    func closeInput() {
        try? input.fileHandleForWriting.close()
    }

    /// How many times `text` appears in standard output so far.
    func occurrences(of text: String) -> Int {
        standardOutput.components(separatedBy: text).count - 1
    }

    /// Polls until `condition` holds for the output so far; false after `timeout` seconds or when the process ended.
    func wait(timeout: Double = 20, until condition: (LiveAttest) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(self) { return true }
            if !process.isRunning { return condition(self) }
            usleep(1_000)
        }
        return false
    }

    /// Sends SIGKILL (or `signal`) and waits for the process and its output to end.
    func kill(_ signal: Int32 = SIGKILL) {
        Glibc.kill(process.processIdentifier, signal)
        _ = finish(timeout: 10)
    }

    /// Waits for the process to end; its exit status, or nil when it was still running after `timeout` (then killed).
    func finish(timeout: Double = 60) -> Int32? {
        closeInput()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(2_000) }
        if process.isRunning {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            drained.wait()
            return nil
        }
        process.waitUntilExit()
        drained.wait()
        return process.terminationStatus
    }

    var terminationReason: Process.TerminationReason { process.terminationReason }
}
