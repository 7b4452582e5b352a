import AttestCLI
import AttestTestSupport
import Foundation
import Testing

@Suite("AttestCommand")
struct VersionTests {
    @Test func binaryPrintsItsVersion() throws {
        let binary = try #require(AttestBinary.path, "attest was not built next to the tests")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--version"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == AttestCommand.version)
    }
}
