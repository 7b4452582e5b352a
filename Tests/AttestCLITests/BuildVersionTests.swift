import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// `attest --version` on the real binary: the release number and the commit stamped by the scripts.
@Suite("BuildVersion")
struct BuildVersionTests {
    @Test func versionNamesTheReleaseAndTheCommitOrSaysTheBuildWasNotStamped() throws {
        let printed = try AttestSandbox().run(["--version"])
        #expect(printed.status == 0)
        let line = printed.standardOutput.trimmingCharacters(in: .newlines)
        let prefix = AttestCommand.version + " (commit "
        #expect(line.hasPrefix(prefix) && line.hasSuffix(")"), "\(line)")
        let commit = line.dropFirst(prefix.count).dropLast()
        #expect(commit.wholeMatch(of: /[0-9a-f]{12}(-dirty)?|unknown: not built by the scripts/) != nil, "\(line)")
    }
}
