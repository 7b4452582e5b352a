import ArgumentParser

/// `registry export --format csv|jsonl`: every issued credential for the institution's records.
struct RegistryExportCommand: RegistryOperatorCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Every issued credential as CSV or JSON Lines: --format csv|jsonl [--output FILE] [--database URL].")
    static let subcommand = "export"

    @Argument(parsing: .captureForPassthrough, help: "--format csv|jsonl [--output FILE] [--database URL].")
    var arguments: [String] = []
}
