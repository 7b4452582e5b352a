import ArgumentParser

/// `registry serve`: run the organisation's registry (`attest-registry serve`).
struct RegistryServeCommand: RegistryOperatorCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the registry on PostgreSQL: --database URL --keyring FILE [--packs DIR] [--port N] [--public-url URL].",
        discussion: "Runs attest-registry serve; 'attest registry serve --help' lists every option."
    )
    static let subcommand = "serve"

    @Argument(parsing: .captureForPassthrough, help: "Options for attest-registry serve.")
    var arguments: [String] = []
}
