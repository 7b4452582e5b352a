import ArgumentParser

/// `registry stats`: learners, submissions, credentials per pack, revocations (`attest-registry stats`).
struct RegistryStatsCommand: RegistryOperatorCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Learners, submissions, credentials per pack and revocations [--database URL].")
    static let subcommand = "stats"

    @Argument(parsing: .captureForPassthrough, help: "[--database URL].")
    var arguments: [String] = []
}
