import AttestCore
import Foundation

/// Test fixtures read from the source tree (Package.swift declares no test resources).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let brokenDirectory = directory.appendingPathComponent("broken")
    static let validDirectory = directory.appendingPathComponent("valid")
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    /// Decodes `Fixtures/broken/<name>.json`, reported under its file name.
    static func decodeBroken(_ name: String) throws -> PackLoadResult {
        let bytes = try bytes(brokenDirectory.appendingPathComponent(name + ".json"))
        return PackDecoder().decode(bytes: bytes, file: name + ".json")
    }

    static func jsonFiles(in directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
