import Foundation

/// Where Attest keeps its files, following the XDG base-directory rules.
///
/// The store defaults to `$XDG_DATA_HOME/attest/attest.sqlite`
/// (`~/.local/share/attest/attest.sqlite`), overridable with `--store PATH` or
/// `ATTEST_STORE`; history lives under `$XDG_STATE_HOME/attest`.
public struct StoreLocation: Sendable, Hashable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    private var home: String {
        environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }

    private func base(_ variable: String, default fallback: String) -> String {
        if let value = environment[variable], value.hasPrefix("/") { return value }
        return home + "/" + fallback
    }

    /// `$XDG_DATA_HOME/attest`.
    public var dataDirectory: String { base("XDG_DATA_HOME", default: ".local/share") + "/attest" }

    /// `$XDG_STATE_HOME/attest`.
    public var stateDirectory: String { base("XDG_STATE_HOME", default: ".local/state") + "/attest" }

    /// The store file: `explicit` (from `--store`) wins, then `ATTEST_STORE`, then the data directory.
    public func storePath(explicit: String? = nil) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["ATTEST_STORE"], !fromEnvironment.isEmpty { return fromEnvironment }
        return dataDirectory + "/attest.sqlite"
    }

    /// Where learners' own packs live: `$XDG_DATA_HOME/attest/packs`.
    public var userPacksDirectory: String { dataDirectory + "/packs" }

    /// The line-editor history file.
    public var historyPath: String { stateDirectory + "/history" }
}
