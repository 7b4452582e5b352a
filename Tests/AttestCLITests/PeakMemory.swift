import AttestTestSupport
import Foundation

/// Runs `attest` under GNU `time`, which forks it from its own small process, so the peak resident set
/// size reported is exactly attest's. Spawning attest straight from the test runner (posix_spawn shares
/// the runner's memory until exec) makes the kernel carry the runner's own peak into the child's, and a
/// runner that loaded big packs in process made a bound fail that attest kept.
/// Without `/usr/bin/time` (scripts/test installs it) `peakBytes` is nil and the bounds are skipped with a note.
enum PeakMemory {
    struct Run {
        var status: Int32
        /// Killed by this signal, or 0.
        var signal: Int32
        /// Peak resident set size in bytes, or 0 when it cannot be measured (see the type's note).
        var peakBytes: Int
        var seconds: Double
        var standardOutput: String
        var standardError: String
    }

    /// Whether these tests (and so the `attest` built with them) run under AddressSanitizer or
    /// ThreadSanitizer, whose shadow memory and slowdown make memory and time bounds meaningless.
    static let instrumented: Bool = {
        let program = dlopen(nil, RTLD_NOW)
        let names: [String] = ["__asan_init", "__tsan_init"]
        return names.contains { name in dlsym(program, name) != nil }
    }()

    /// `bound` when the binary is not instrumented; no bound under a sanitizer.
    static func bound(_ bytes: Int) -> Int { instrumented ? Int.max : bytes }

    /// GNU time, which reports the peak of the process it forks.
    static let timeCommand = "/usr/bin/time"

    static func run(_ sandbox: AttestSandbox, _ arguments: [String], input: String? = nil) throws -> Run {
        guard let binary = AttestBinary.path else { throw AttestSandbox.SandboxError.binaryMissing }
        let outPath = sandbox.root.appendingPathComponent("peak-\(UUID().uuidString).out").path
        let errPath = outPath + ".err"
        var inPath = "/dev/null"
        if let input { inPath = try sandbox.write(input, to: "peak-\(UUID().uuidString).in") }
        defer { for path in [outPath, errPath] { try? FileManager.default.removeItem(atPath: path) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let timePath = outPath + ".peak"
        let measured = FileManager.default.isExecutableFile(atPath: timeCommand)
        if !measured { print("PeakMemory: \(timeCommand) is missing (apt-get install time): memory bounds are not checked") }
        let command = measured ? [timeCommand, "-f", "%M", "-o", timePath, binary] + arguments : [binary] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let envp = sandbox.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        defer { try? FileManager.default.removeItem(atPath: timePath) }
        var pid: pid_t = 0
        let started = Date()
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let seconds = Date().timeIntervalSince(started)
        var exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
        var signal = status & 0x7F
        var peakKilobytes = 0
        if measured {
            // GNU time's report: an optional "Command exited with non-zero status N" or
            // "Command terminated by signal N" line, then the peak in kilobytes.
            let report = (try? String(contentsOfFile: timePath, encoding: .utf8)) ?? ""
            for line in report.split(separator: "\n") {
                if line.hasPrefix("Command terminated by signal "), let number = Int32(line.split(separator: " ").last ?? "") {
                    signal = number
                    exitStatus = -1
                } else if let kilobytes = Int(line) {
                    peakKilobytes = kilobytes
                }
            }
        }
        return Run(
            status: exitStatus, signal: signal, peakBytes: peakKilobytes * 1024, seconds: seconds,
            standardOutput: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
