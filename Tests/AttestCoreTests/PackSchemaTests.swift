import AttestCore
import Foundation
import Testing

/// The JSON Schema and the loader must agree: on every shipped pack, on the valid fixtures
/// and on every broken fixture (except the semantic rules listed in `schema-agreement.json`).
@Suite("PackSchema")
struct PackSchemaTests {
    static let schema = Fixtures.repositoryRoot.appendingPathComponent("Assessments/schema/attest-pack-v1.schema.json")

    /// Validates each file with Python's jsonschema (draft 2020-12); nil when python3 or jsonschema is missing.
    /// A file Python cannot parse as JSON counts as invalid.
    static func schemaVerdicts(_ files: [URL]) throws -> [String: Bool]? {
        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                print("MISSING jsonschema"); sys.exit(0)
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            for path in sys.argv[2:]:
                try:
                    document = json.load(open(path, encoding="utf-8"))
                except (ValueError, UnicodeDecodeError, RecursionError):
                    print("invalid", path); continue
                print("valid" if validator.is_valid(document) else "invalid", path)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema.path] + files.map(\.path)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 127 || output.hasPrefix("MISSING") { return nil }
        #expect(process.terminationStatus == 0, "the schema checker failed: \(output)")
        var verdicts: [String: Bool] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            verdicts[String(parts[1])] = parts[0] == "valid"
        }
        return verdicts
    }

    static func shippedPacks() throws -> [URL] {
        let folder = Fixtures.repositoryRoot.appendingPathComponent("Assessments")
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try Fixtures.jsonFiles(in: folder)
    }

    @Test func schemaAndLoaderAgreeOnValidPacks() throws {
        let files = try Self.shippedPacks() + Fixtures.jsonFiles(in: Fixtures.validDirectory)
        let scaffold = FileManager.default.temporaryDirectory.appendingPathComponent("attest-scaffold-\(UUID().uuidString).json")
        try Data(try PackScaffold.json(id: "scaffold-check").utf8).write(to: scaffold)
        defer { try? FileManager.default.removeItem(at: scaffold) }
        let all = files + [scaffold]
        for file in all {
            let result = PackDecoder().decode(bytes: try Fixtures.bytes(file), file: file.lastPathComponent)
            #expect(result.errors.isEmpty, "\(file.lastPathComponent): \(result.errors.map(\.description))")
        }
        guard let verdicts = try Self.schemaVerdicts(all) else {
            print("PackSchema: skipped the JSON Schema check: python3 with jsonschema is not available")
            return
        }
        for file in all {
            #expect(verdicts[file.path] == true, "schema rejects \(file.lastPathComponent)")
        }
    }

    @Test func schemaAndLoaderAgreeOnBrokenPacks() throws {
        let manifest = try JSONParser.parse(Fixtures.bytes(Fixtures.directory.appendingPathComponent("schema-agreement.json")))
        let semantic = Set(manifest.root.objectValue?["schemaValidLoaderInvalid"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let files = try Fixtures.jsonFiles(in: Fixtures.brokenDirectory)
        #expect(semantic.isSubset(of: Set(files.map { $0.deletingPathExtension().lastPathComponent })))
        for file in files {
            let result = PackDecoder().decode(bytes: try Fixtures.bytes(file), file: file.lastPathComponent)
            #expect(result.hasErrors, "the loader accepts \(file.lastPathComponent)")
        }
        guard let verdicts = try Self.schemaVerdicts(files) else {
            print("PackSchema: skipped the JSON Schema check: python3 with jsonschema is not available")
            return
        }
        for file in files {
            let name = file.deletingPathExtension().lastPathComponent
            let expectValid = semantic.contains(name)
            #expect(verdicts[file.path] == expectValid, "\(name): schema says \(verdicts[file.path] == true ? "valid" : "invalid")")
        }
    }
}
