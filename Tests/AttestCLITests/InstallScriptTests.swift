import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// `scripts/install` and `scripts/uninstall` on the release build: installed into a temporary prefix,
/// the binary runs with an empty environment, its man page renders and its completions load.
///
/// They need the release binary, which `scripts/test` builds once and announces with
/// `ATTEST_TEST_RELEASE_BUILD=1` (the scripts themselves cannot build inside `swift test`).
@Suite("InstallScript", .enabled(if: ReleaseBuild.isAnnounced))
final class InstallScriptTests {
    let prefix: String
    let root = AttestBinary.repositoryRoot.path

    init() throws {
        prefix = FileManager.default.temporaryDirectory.appendingPathComponent("attest-prefix-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: prefix, withIntermediateDirectories: true)
        let installed = try ReleaseBuild.script("install", ["--prefix", prefix, "--no-build"])
        try #require(installed.status == 0, "\(installed.standardError)")
    }

    deinit {
        try? FileManager.default.removeItem(atPath: prefix)
    }

    @Test func theInstalledBinaryFindsItsPacksAndNamesItsCommitWithAnEmptyEnvironment() throws {
        let packs = try ExternalCommand.run(prefix + "/bin/attest", ["packs", "--json"])
        #expect(packs.status == 0, "\(packs.standardError)")
        for pack in ShippedPacks.paths.map({ URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }) {
            #expect(packs.standardOutput.contains("\"\(pack)\""), "\(pack) is missing from: \(packs.standardOutput)")
        }
        #expect(FileManager.default.fileExists(atPath: prefix + "/share/attest/Assessments/schema/attest-pack-v1.schema.json"))

        let version = try ExternalCommand.run(prefix + "/bin/attest", ["--version"])
        let head = try ExternalCommand.run("/usr/bin/git", ["-C", root, "rev-parse", "--short=12", "HEAD"])
        #expect(version.status == 0)
        #expect(version.standardOutput.hasPrefix(
            "\(AttestCommand.version) (commit \(head.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))"),
            "\(version.standardOutput)")
    }

    @Test(.enabled(if: ExternalCommand.which("man") != nil))
    func manRendersThePageWithoutWarnings() throws {
        let page = prefix + "/share/man/man1/attest.1"
        let rendered = try ExternalCommand.run(
            try #require(ExternalCommand.which("man")), ["--warnings", "-l", page],
            environment: ["PATH": "/usr/bin:/bin", "MANPAGER": "cat", "MANWIDTH": "100", "LANG": "C.UTF-8"])
        #expect(rendered.status == 0)
        #expect(rendered.standardError.isEmpty, "\(rendered.standardError)")
        for text in ["NAME", "Timed skill quizzes, honest competency per skill", "SYNOPSIS", "--store path", "attest credentials export",
                     "attest pack lint", "ATTEST_BUNDLED_PACKS", "EXIT STATUS"] {
            #expect(rendered.standardOutput.contains(text), "\(text) is missing from the page")
        }
        #expect(!rendered.standardOutput.contains("manual-page"), "hidden commands stay out of the page")
    }

    @Test(.enabled(if: ExternalCommand.which("bash") != nil))
    func bashLoadsItsCompletionAndCompletesACommand() throws {
        let script = """
            source "$1" || exit 1
            complete -p attest || exit 1
            COMP_WORDS=(attest cre); COMP_CWORD=1; COMP_LINE='attest cre'; COMP_POINT=${#COMP_LINE}
            _attest attest cre attest
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let loaded = try ExternalCommand.run(
            try #require(ExternalCommand.which("bash")),
            ["--norc", "--noprofile", "-c", script, "bash", prefix + "/share/bash-completion/completions/attest"],
            environment: ["PATH": prefix + "/bin:/usr/bin:/bin"])
        #expect(loaded.status == 0 && loaded.standardError.isEmpty, "\(loaded.standardError)")
        #expect(loaded.standardOutput.contains("credentials"), "\(loaded.standardOutput)")
    }

    @Test(.enabled(if: ExternalCommand.which("zsh") != nil))
    func zshLoadsItsCompletion() throws {
        let script = """
            fpath=("$1" $fpath)
            autoload -Uz compinit && compinit -u -D || exit 1
            autoload +X _attest || exit 1
            [[ ${_comps[attest]} == _attest ]] || { print "attest is not bound to _attest"; exit 1 }
            """
        let loaded = try ExternalCommand.run(
            try #require(ExternalCommand.which("zsh")), ["-f", "-c", script, "zsh", prefix + "/share/zsh/site-functions"],
            environment: ["PATH": prefix + "/bin:/usr/bin:/bin", "HOME": prefix])
        #expect(loaded.status == 0 && loaded.standardError.isEmpty, "\(loaded.standardOutput)\(loaded.standardError)")
    }

    @Test(.enabled(if: ExternalCommand.which("fish") != nil))
    func fishLoadsItsCompletionAndCompletesACommand() throws {
        let completed = try ExternalCommand.run(
            try #require(ExternalCommand.which("fish")),
            ["--no-config", "-c", "source $argv[1]; and complete -C 'attest cre'", prefix + "/share/fish/vendor_completions.d/attest.fish"],
            environment: ["PATH": prefix + "/bin:/usr/bin:/bin", "HOME": prefix])
        #expect(completed.status == 0 && completed.standardError.isEmpty, "\(completed.standardError)")
        #expect(completed.standardOutput.contains("credentials"), "\(completed.standardOutput)")
    }

    @Test func uninstallRemovesExactlyWhatInstallWrote() throws {
        let mine = prefix + "/share/attest/Assessments/my-notes.txt"
        try Data("mine".utf8).write(to: URL(fileURLWithPath: mine))
        let changed = prefix + "/share/attest/Assessments/ux-design.json"
        try Data("{}".utf8).write(to: URL(fileURLWithPath: changed))

        let removed = try ReleaseBuild.script("uninstall", ["--prefix", prefix])
        #expect(removed.status == 0, "\(removed.standardError)")
        #expect(removed.standardError.contains("keeping \(changed)"))
        let left = try FileManager.default.subpathsOfDirectory(atPath: prefix).sorted()
        #expect(left == ["share", "share/attest", "share/attest/Assessments", "share/attest/Assessments/my-notes.txt",
                         "share/attest/Assessments/ux-design.json"])

        // The folders stayed because they held those files; with them gone, install creates them again.
        try FileManager.default.removeItem(atPath: prefix + "/share")
        let again = try ReleaseBuild.script("install", ["--prefix", prefix, "--no-build"])
        #expect(again.status == 0, "\(again.standardError)")
        let reinstalled = try ReleaseBuild.script("install", ["--prefix", prefix, "--no-build"])
        #expect(reinstalled.status == 0, "\(reinstalled.standardError)")
        #expect(try ReleaseBuild.script("uninstall", ["--prefix", prefix]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: prefix).isEmpty, "the folders install made are gone")
        let none = try ReleaseBuild.script("uninstall", ["--prefix", prefix])
        #expect(none.status == 1 && none.standardError.contains("no Attest install in \(prefix)"))
    }
}

/// The release build that `scripts/test` makes once for the install and package tests.
enum ReleaseBuild {
    static var isAnnounced: Bool {
        ProcessInfo.processInfo.environment["ATTEST_TEST_RELEASE_BUILD"] == "1"
            && FileManager.default.isExecutableFile(atPath: AttestBinary.repositoryRoot.path + "/.build/release/attest")
    }

    /// Runs `scripts/NAME arguments` with the tests' own environment.
    static func script(_ name: String, _ arguments: [String]) throws -> ExternalCommand.Run {
        try ExternalCommand.run(
            AttestBinary.repositoryRoot.path + "/scripts/" + name, arguments,
            environment: ProcessInfo.processInfo.environment)
    }
}
