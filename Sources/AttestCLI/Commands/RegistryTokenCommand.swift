import ArgumentParser

/// `registry token create --label NAME`: an administrator token for revoking (`attest-registry token`).
struct RegistryTokenCommand: RegistryOperatorCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create an administrator token: 'create --label NAME [--database URL]' (printed once, stored hashed)."
    )
    static let subcommand = "token"

    @Argument(parsing: .captureForPassthrough, help: "create --label NAME [--database URL].")
    var arguments: [String] = []
}
