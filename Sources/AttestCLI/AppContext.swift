import AttestCore
import AttestStore
import Foundation
import LineEditor

/// Everything a command needs from the world outside the core, shared by the shell and the REPL.
///
/// In the shell each command builds one from its `GlobalOptions`; the REPL builds
/// one at start and binds it with `AppContext.$current`, so a command typed at
/// the prompt reuses the open store, the loaded packs and the line reader.
public final class AppContext: @unchecked Sendable {
    /// The context of the REPL a command runs in, if any.
    @TaskLocal public static var current: AppContext?

    public let console: Console
    public let environment: [String: String]
    public let clock: any WallClock
    /// The clock exams measure elapsed time with (see `ExamClock`): the wall clock itself when it is
    /// also monotonic (a test clock), else the system's.
    public let monotonic: any MonotonicClock
    public let location: StoreLocation
    public let storePath: String
    public let learner: String
    /// Folders searched for packs, in order: bundled, the user's, then `--packs` folders.
    public let packDirectories: [String]
    /// The line reader of the REPL, or of a quiz run from the shell.
    public var reader: (any LineReader)?
    /// `--accessible` was given (see `accessible` for the other ways to ask for it).
    public var accessibleRequested = false

    public init(
        console: Console, environment: [String: String], clock: any WallClock = SystemClock(),
        storePath: String? = nil, learner: String? = nil, extraPackDirectories: [String] = [],
        bundledPacks: String? = AppContext.bundledPacksDirectory()
    ) {
        self.console = console
        self.environment = environment
        self.clock = clock
        monotonic = (clock as? any MonotonicClock) ?? SystemClock()
        location = StoreLocation(environment: environment)
        self.storePath = location.storePath(explicit: storePath)
        self.learner = AppContext.learnerName(explicit: learner, environment: environment)
        packDirectories = [bundledPacks, location.userPacksDirectory].compactMap { $0 } + extraPackDirectories
    }

    /// `--learner`, then `ATTEST_LEARNER`, then the login name (from the environment or the user database).
    static func learnerName(explicit: String?, environment: [String: String]) -> String {
        let account = getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } }
        for candidate in [explicit, environment["ATTEST_LEARNER"], environment["USER"], environment["LOGNAME"], account] {
            if let name = candidate?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty { return name }
        }
        return "learner"
    }

    /// The `Assessments` folder shipped with Attest: `ATTEST_BUNDLED_PACKS`, else found
    /// upward from the executable (a checkout's `.build/release/attest`), else `share/attest/Assessments`.
    public static func bundledPacksDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        let fileManager = FileManager.default
        if let explicit = environment["ATTEST_BUNDLED_PACKS"], !explicit.isEmpty { return explicit }
        guard let executable = try? fileManager.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        for _ in 0..<5 {
            for candidate in ["Assessments", "share/attest/Assessments"] {
                let path = directory.appendingPathComponent(candidate).path
                if fileManager.fileExists(atPath: path + "/schema") { return path }
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// The packs in `packDirectories` plus any loaded by path, remembered in the store when there is one.
    public private(set) lazy var library = PackLibrary(
        directories: packDirectories, cache: PackCache { [unowned self] in self.existingStore() })

    private var openedStore: AttestDatabase?

    /// The store if it is open or its file exists: packs seen before come from its cache, but no store is
    /// created just to cache packs, and one that cannot be opened is reported by the command that needs it.
    func existingStore() -> AttestDatabase? {
        if let openedStore { return openedStore }
        guard FileManager.default.fileExists(atPath: storePath) else { return nil }
        return try? store()
    }

    /// Accessible mode (`--accessible`, `ACCESSIBLE=1`, or the learner's setting): plain lines a screen reader
    /// reads once — no colour, no countdown redrawn in place, no bell, bars given as numbers. Decided once.
    public private(set) lazy var accessible: Bool = {
        let variable = (self.environment["ACCESSIBLE"] ?? "").lowercased()
        let on = self.accessibleRequested || !["", "0", "no", "false", "off"].contains(variable)
            || (try? self.existingStore()?.setting(LearnerSettings.accessibleKey(self.learner))) == "on"
        if on {
            self.console.useColor = false
            self.console.accessible = true
        }
        return on
    }()

    /// The store, opened (and created, with its folder) on first use.
    public func store() throws -> AttestDatabase {
        if let openedStore { return openedStore }
        let store = try AttestDatabase.open(path: storePath)
        openedStore = store
        return store
    }
}
