import AttestCredentials
import AttestTestSupport
import Foundation
import Testing

/// Checks our output with independent tools: PyJWT + cryptography verify the ES256 JWS with the key taken
/// from the did:jwk, and jsonschema validates the payload against the Open Badges 3.0 JSON Schema.
@Suite("PythonInterop")
struct PythonInteropTests {
    /// The conformance schema beside the repository (`../shared/conformance/`); worktrees sit one level deeper.
    static var schemaPath: String? {
        let root = AttestBinary.repositoryRoot
        return ["../shared", "../../shared"].map {
            root.appendingPathComponent($0).appendingPathComponent("conformance/ob_v3p0_achievementcredential_schema.json").standardizedFileURL.path
        }.first { FileManager.default.fileExists(atPath: $0) }
    }

    static let script = """
        import sys, json, base64
        import jwt
        from jwt.algorithms import ECAlgorithm
        from jsonschema import Draft201909Validator
        token, schema_path = sys.argv[1], sys.argv[2]
        header = jwt.get_unverified_header(token)
        did = header["kid"].split("#")[0]
        ident = did[len("did:jwk:"):]
        key = ECAlgorithm.from_jwk(base64.urlsafe_b64decode(ident + "=" * (-len(ident) % 4)).decode())
        payload = jwt.decode(token, key=key, algorithms=["ES256"], issuer=did,
                             options={"verify_exp": False, "verify_nbf": False})
        schema = json.load(open(schema_path))
        validator = Draft201909Validator(schema, format_checker=Draft201909Validator.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(payload), key=lambda e: list(e.path))
        for error in errors:
            print("schema:", list(error.path), error.message[:300])
        subject = payload["credentialSubject"]
        if "id" not in subject and "identifier" not in subject:
            print("credentialSubject has neither id nor identifier")
            sys.exit(1)
        sys.exit(1 if errors else 0)
        """

    /// Runs `script` with `arguments` and `input` on standard input; nil (with the reason printed) when python3
    /// or one of `modules` is missing.
    static func python(
        _ script: String, arguments: [String] = [], input: Data = Data(), modules: String = "jwt, cryptography, jsonschema"
    ) throws -> (status: Int32, output: String)? {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import \(modules)"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        do { try probe.run() } catch {
            print("SKIP PythonInterop: python3 cannot be started (\(error.localizedDescription))")
            return nil
        }
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else {
            print("SKIP PythonInterop: python3 or one of the modules \(modules) is not installed")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: text, as: UTF8.self))
    }

    static func run(_ jws: String, schema: String) throws -> (status: Int32, output: String)? {
        try python(script, arguments: [jws, schema])
    }

    static func skipWithoutSchema() -> String? {
        guard let schema = schemaPath else {
            print("SKIP PythonInterop: the OB 3.0 schema is not at ../shared/conformance/ relative to \(AttestBinary.repositoryRoot.path)")
            return nil
        }
        return schema
    }

    @Test(arguments: [CredentialFixtures.emailLearner, CredentialFixtures.didLearner, LearnerIdentity(email: "x@example.org")])
    func pyJWTVerifiesAndSchemaAccepts(learner: LearnerIdentity) throws {
        guard let schema = Self.skipWithoutSchema() else { return }
        let (jws, _, _) = try CredentialFixtures.signed(learner: learner)
        guard let result = try Self.run(jws, schema: schema) else { return }
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func pyJWTRejectsATamperedSignature() throws {
        guard let schema = Self.skipWithoutSchema() else { return }
        let (jws, _, _) = try CredentialFixtures.signed()
        let input = jws.split(separator: ".").prefix(2).joined(separator: ".")
        let forged = input + "." + Base64URL.encode(try IssuerKey().sign(Data(input.utf8)))
        guard let result = try Self.run(forged, schema: schema) else { return }
        #expect(result.status != 0)
        #expect(result.output.contains("InvalidSignatureError"), "\(result.output)")
    }

    @Test func schemaCheckCatchesAnInvalidCredential() throws {
        guard let schema = Self.skipWithoutSchema() else { return }
        let (jws, key, _) = try CredentialFixtures.signed()
        var payload = try CredentialJSON.parse(Base64URL.decode(jws.split(separator: ".")[1])!).objectValue!
        payload["validFrom"] = .string("yesterday")
        let input = Base64URL.encode(VCJWT.header(keyID: key.keyID).data) + "." + Base64URL.encode(CredentialJSON.object(payload).data)
        let forged = input + "." + Base64URL.encode(try key.sign(Data(input.utf8)))
        guard let result = try Self.run(forged, schema: schema) else { return }
        #expect(result.status != 0)
        #expect(result.output.contains("schema: ['validFrom']"), "\(result.output)")
    }

    @Test func drawnBadgeImageDataIsAValidZlibStream() throws {
        let idat = try PNGFile(data: BadgeImage.png(face: CredentialFixtures.face, seed: "data-analytics/analyst")).chunks.first { $0.type == "IDAT" }!.data
        let script = "import sys, zlib; raw = zlib.decompress(sys.stdin.buffer.read()); print(len(raw), raw[0], raw[2401])"
        guard let result = try Self.python(script, input: idat, modules: "zlib") else { return }
        #expect(result.status == 0 && result.output == "1440600 0 0\n", "\(result.output)")
    }

    @Test func bakedSVGParsesAsXMLWithTheCredentialInItsNamespace() throws {
        let (jws, _, _) = try CredentialFixtures.signed()
        let svg = try BadgeBaker.bakeSVG(nil, jws: jws, face: CredentialFixtures.face, name: "Stats & <SQL> \"quoted\"", seed: "x")
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.fromstring(sys.stdin.buffer.read())
            print(root.find("{https://purl.imsglobal.org/ob/v3p0}credential").text)
            print(root.find("{http://www.w3.org/2000/svg}title").text)
            """
        guard let result = try Self.python(script, input: Data(svg.utf8), modules: "xml.etree.ElementTree") else { return }
        #expect(result.status == 0 && result.output == jws + "\nStats & <SQL> \"quoted\"\n", "\(result.output)")
    }
}
