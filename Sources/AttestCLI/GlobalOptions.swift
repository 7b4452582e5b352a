import ArgumentParser
import AttestCore
import Foundation

/// Options every command accepts, so each works the same from the shell and the REPL.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file (default: $XDG_DATA_HOME/attest/attest.sqlite, or ATTEST_STORE).", valueName: "path"))
    public var store: String?

    @Option(name: .long, help: ArgumentHelp("Another folder of packs to use (repeatable).", valueName: "dir"))
    public var packs: [String] = []

    @Option(name: .long, help: ArgumentHelp("Whose attempts and credentials (default: ATTEST_LEARNER or the login name).", valueName: "name"))
    public var learner: String?

    @Flag(name: .customLong("no-color"), help: "Never use colour (also when NO_COLOR is set).")
    public var noColor = false

    @Flag(name: .long, help: "Accessible mode: plain lines for screen readers, no countdown redrawn in place (also ACCESSIBLE=1).")
    public var accessible = false

    public init() {}

    /// A `--packs` folder that does not exist is a mistake worth stopping for: silently searching
    /// nothing would look like a pack with no quizzes.
    public func validate() throws {
        for folder in packs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandFailure("--packs \(CommandFailure.quote(folder)): no such folder. Give a folder holding *.json packs.")
            }
        }
    }

    /// The REPL's context when running inside it, else a new one from these options.
    public func context() -> AppContext {
        if let current = AppContext.current { return current }
        let environment = ProcessInfo.processInfo.environment
        let context = AppContext(
            console: .standard(noColor: noColor, environment: environment), environment: environment,
            storePath: store, learner: learner, extraPackDirectories: packs
        )
        context.accessibleRequested = accessible
        return context
    }
}
