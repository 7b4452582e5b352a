import Foundation

/// The `attest-registry` executable installed beside `attest`. The registry's server, its PostgreSQL driver
/// and the HTTP client live there, so `attest` itself links neither SwiftNIO nor FoundationNetworking and
/// starts as fast as before; the commands that need them run that binary.
enum RegistryBinary {
    static let name = "attest-registry"

    /// Its path: `ATTEST_REGISTRY_BINARY`, else beside the running `attest`.
    static func path(environment: [String: String]) throws -> String {
        if let explicit = environment["ATTEST_REGISTRY_BINARY"], !explicit.isEmpty { return explicit }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let beside = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: beside) else {
            throw CommandFailure(
                "\(name) is not installed beside attest (looked for \(CommandFailure.quote(beside))); reinstall Attest or set ATTEST_REGISTRY_BINARY.")
        }
        return beside
    }

    /// Replaces this process with `attest-registry SUBCOMMAND ARGUMENTS…` (its exit status becomes ours).
    static func exec(_ subcommand: String, _ arguments: [String], environment: [String: String]) throws -> Never {
        let path = try path(environment: environment)
        let argv = [name, subcommand] + arguments
        var pointers = argv.map { strdup($0) }
        pointers.append(nil)
        execv(path, pointers)
        throw CommandFailure("Cannot run \(CommandFailure.quote(path)): \(String(cString: strerror(errno))).")
    }
}
