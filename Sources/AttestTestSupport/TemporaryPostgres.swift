import Foundation

/// A throwaway PostgreSQL server for tests: `initdb` into a temporary folder and `pg_ctl` on a free loopback
/// port, with Debian's binaries (`/usr/lib/postgresql/VERSION/bin`, newest first). As root (CI containers)
/// the server runs as the `postgres` account, since PostgreSQL refuses to run as root. `stop()` (or the end
/// of the process, through `deinit`) shuts it down and removes the folder.
public final class TemporaryPostgres: @unchecked Sendable {
    /// Why no server could be started.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public let directory: URL
    public let port: Int
    public let binaries: String
    private let runAs: [String]
    private var stopped = false

    /// The folder holding `pg_ctl`, or nil when PostgreSQL is not installed (`scripts/test` installs it).
    public static func binaryDirectory() -> String? {
        let base = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        return versions.map { "\(base)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: $0 + "/pg_ctl") }
    }

    /// Starts a server with trust authentication on 127.0.0.1 only, and creates `database` in it.
    public init(database: String = "attest") throws {
        guard let binaries = Self.binaryDirectory() else {
            throw Unavailable(description: "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/pg_ctl); scripts/test installs Debian's postgresql")
        }
        self.binaries = binaries
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("attest-postgres-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if getuid() == 0 {
            runAs = ["/usr/sbin/runuser", "-u", "postgres", "--"]
            _ = try ExternalCommand.run("/bin/chown", ["postgres", directory.path])
        } else {
            runAs = []
        }
        port = try LoopbackPort.free()
        try run("initdb", ["-D", directory.path + "/data", "-A", "trust", "-U", "attest", "--no-sync", "-E", "UTF8", "--locale=C"])
        try start()
        try run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "attest", database])
        self.database = database
    }

    /// The database created at start.
    public private(set) var database = ""

    /// The URL of `database` on this server (default: the one created at start).
    public func url(database: String? = nil) -> String {
        "postgres://attest@127.0.0.1:\(port)/\(database ?? self.database)?sslmode=disable"
    }

    /// Starts (or restarts after `stop(removing: false)`) the server, waiting until it accepts connections.
    public func start() throws {
        try run("pg_ctl", [
            "-D", directory.path + "/data", "-l", directory.path + "/server.log", "-w", "-t", "30",
            "-o", "-h 127.0.0.1 -p \(port) -k '' -c fsync=off -c max_connections=200", "start",
        ])
    }

    /// Stops the server at once (`-m fast`: open transactions are rolled back, clients disconnected).
    public func stop(removing: Bool = true) {
        guard !stopped else { return }
        _ = try? run("pg_ctl", ["-D", directory.path + "/data", "-m", "fast", "-w", "stop"])
        if removing {
            stopped = true
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Runs SQL with `psql` in `database` (default: the one created at start) and returns what it printed
    /// (unaligned, tuples only); a failing statement throws with PostgreSQL's message.
    public func psql(_ sql: String, database: String? = nil) throws -> String {
        try run("psql", [
            "-h", "127.0.0.1", "-p", String(port), "-U", "attest", "-d", database ?? self.database, "-X", "-A", "-t",
            "-v", "ON_ERROR_STOP=1", "-c", sql,
        ]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit { stop() }

    /// Runs a PostgreSQL tool with posix_spawn and waitpid, its output through a file. Not Foundation's
    /// `Process`: the server `pg_ctl` starts inherits what the tool holds (pipes, and the descriptor
    /// `Process` watches to learn that its child ended), and would keep `Process` waiting while it runs.
    @discardableResult
    private func run(_ tool: String, _ arguments: [String]) throws -> String {
        let command = runAs + [binaries + "/" + tool] + arguments
        let output = directory.appendingPathComponent("tool-\(UUID().uuidString).out")
        guard FileManager.default.createFile(atPath: output.path, contents: nil, attributes: [.posixPermissions: 0o666]) else {
            throw Unavailable(description: "cannot create \(output.path)")
        }
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_APPEND, 0)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        let variables: [String] = ["PATH=/usr/bin:/bin", "LC_ALL=C"]
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
        guard spawned == 0 else { throw Unavailable(description: "cannot run \(command[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + status & 0x7f
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard exitCode == 0 else { throw Unavailable(description: "\(tool) failed (\(exitCode)): \(text)") }
        return text
    }
}
