import CAttestBuild

/// What `attest --version` prints: the release number and the commit the binary was built from,
/// so a bug report or a lab's machines can say exactly which Attest they run.
///
/// The commit is stamped by the scripts that build Attest (install, package, attest); a binary
/// built some other way says so instead of guessing.
enum BuildVersion {
    /// The commit text stamped at build time, nil when the build was not stamped.
    static var commit: String? {
        let stamped = String(cString: attest_build_commit())
        return stamped.isEmpty ? nil : stamped
    }

    /// `0.1.0 (commit 3f2a9c1)`, or `0.1.0 (commit unknown: not built by the scripts)`.
    static var description: String {
        "\(AttestCommand.version) (commit \(commit ?? "unknown: not built by the scripts"))"
    }
}
