import ArgumentParser
import Foundation

/// `registry`: join an organisation's registry as a learner, or run one as its operator.
struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Join an organisation's credential registry, or run one (see docs/registry.md).",
        subcommands: [
            RegistryJoinCommand.self, RegistryServeCommand.self, RegistryTokenCommand.self, RegistryStatsCommand.self,
            RegistryExportCommand.self,
        ]
    )
}

/// The operator's commands run the `attest-registry` binary with the same arguments (see `RegistryBinary`).
protocol RegistryOperatorCommand: ParsableCommand {
    static var subcommand: String { get }
    var arguments: [String] { get }
}

extension RegistryOperatorCommand {
    func run() throws {
        try RegistryBinary.exec(Self.subcommand, arguments, environment: ProcessInfo.processInfo.environment)
    }
}
