import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// `scripts/package` on the release build: the .deb's metadata and contents, read back with `dpkg-deb`.
@Suite("PackageScript", .enabled(if: ReleaseBuild.isAnnounced && ExternalCommand.which("dpkg-deb") != nil))
struct PackageScriptTests {
    @Test func theDebianPackageHoldsTheInstallLayoutUnderUsrAndNamesItsRuntimeLibraries() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("attest-deb-" + UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let built = try ReleaseBuild.script("package", ["--output", output, "--no-build"])
        try #require(built.status == 0, "\(built.standardError)")
        let architecture = try ExternalCommand.run("/usr/bin/dpkg", ["--print-architecture"])
            .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let deb = "\(output)/attest_\(AttestCommand.version)_\(architecture).deb"
        #expect(built.standardOutput == deb + "\n")

        let info = try ExternalCommand.run("/usr/bin/dpkg-deb", ["--info", deb])
        #expect(info.status == 0, "\(info.standardError)")
        #expect(info.standardOutput.contains(" Package: attest\n"))
        #expect(info.standardOutput.contains(" Version: \(AttestCommand.version)\n"))
        #expect(info.standardOutput.contains(" Architecture: \(architecture)\n"))
        let depends = try #require(info.standardOutput.split(separator: "\n").first { $0.hasPrefix(" Depends: ") })
        let packages = Set(depends.dropFirst(" Depends: ".count).split(separator: ",").map {
            String($0.trimmingCharacters(in: .whitespaces).split(separator: " ")[0])
        })
        // zlib1g too once the binary links the system zlib (the Debian names of the libraries it needs).
        let linked = try ExternalCommand.run("/usr/bin/ldd", [AttestBinary.repositoryRoot.path + "/.build/release/attest"])
        let needed: [String: String] = ["libc.so.6": "libc6", "libedit.so.2": "libedit2", "libsqlite3.so.0": "libsqlite3-0", "libz.so.1": "zlib1g"]
        let expected = Set(needed.filter { linked.standardOutput.contains($0.key + " ") }.values)
        #expect(expected.isSuperset(of: ["libc6", "libedit2", "libsqlite3-0"]), "\(linked.standardOutput)")
        #expect(packages.isSuperset(of: expected), "\(depends)")
        #expect(!packages.contains { $0.hasSuffix("-dev") }, "\(depends)")

        let contents = try ExternalCommand.run("/usr/bin/dpkg-deb", ["--contents", deb])
        #expect(contents.status == 0, "\(contents.standardError)")
        let entries = contents.standardOutput.split(separator: "\n").map { line in
            (owner: String(line.split(separator: " ", omittingEmptySubsequences: true)[1]),
             path: String(line.split(separator: " ", omittingEmptySubsequences: true).last!))
        }
        let paths = Set(entries.map(\.path))
        var files = ["./usr/bin/attest", "./usr/share/attest/Assessments/schema/attest-pack-v1.schema.json",
                        "./usr/share/man/man1/attest.1.gz", "./usr/share/bash-completion/completions/attest",
                        "./usr/share/zsh/site-functions/_attest", "./usr/share/fish/vendor_completions.d/attest.fish",
                        "./usr/share/doc/attest/copyright"]
        files += ShippedPacks.paths.map { "./usr/share/attest/Assessments/" + URL(fileURLWithPath: $0).lastPathComponent }
        for path in files { #expect(paths.contains(path), "\(path) is missing") }
        #expect(!paths.contains { $0.contains("install-manifest") }, "dpkg keeps its own list")
        #expect(entries.allSatisfy { $0.owner == "root/root" }, "every file belongs to root")
        #expect(contents.standardOutput.contains("-rwxr-xr-x root/root"), "the binary is executable")
    }
}
