import AttestTestSupport
import Foundation

/// Runs `attest` as a direct child (posix_spawn + wait4) so the kernel's peak resident set size of
/// exactly that process can be read; `Process` reaps its children itself and hides it.
enum PeakMemory {
    struct Run {
        var status: Int32
        /// Killed by this signal, or 0.
        var signal: Int32
        /// Peak resident set size in bytes.
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
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp = sandbox.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let started = Date()
        let spawned = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let seconds = Date().timeIntervalSince(started)
        let signal = status & 0x7F
        return Run(
            status: signal == 0 ? (status >> 8) & 0xFF : -1, signal: signal, peakBytes: usage.ru_maxrss * 1024, seconds: seconds,
            standardOutput: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
