import AttestCredentials
import AttestTestSupport
import Crypto
import Foundation
import Testing

/// Checks our output with independent tools: PyJWT + cryptography verify the ES256 JWS with the key taken
/// from the did:jwk, and jsonschema validates the payload against the Open Badges 3.0 JSON Schema.
@Suite("PythonInterop")
struct PythonInteropTests {
    /// The OB 3.0 schema vendored in the repository (see `Fixtures/SOURCES.md`).
    static var schemaPath: String? {
        let path = AttestBinary.repositoryRoot
            .appendingPathComponent("Tests/AttestCredentialsTests/Fixtures/ob_v3p0_achievementcredential_schema.json").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    static let script = """
        import sys, json, base64
        import jwt
        from jwt.algorithms import ECAlgorithm
        from jsonschema import Draft201909Validator
        token, schema_path = sys.argv[1], sys.argv[2]
        from cryptography.hazmat.primitives.asymmetric import ec
        header = jwt.get_unverified_header(token)
        did, fragment = header["kid"].split("#")
        if did.startswith("did:jwk:"):
            ident = did[len("did:jwk:"):]
            key = ECAlgorithm.from_jwk(base64.urlsafe_b64decode(ident + "=" * (-len(ident) % 4)).decode())
        else:
            alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
            number = 0
            for char in fragment[1:]:
                number = number * 58 + alphabet.index(char)
            raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
            assert raw[:2] == bytes([0x80, 0x24]), "multicodec p256-pub"
            key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw[2:])
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
            print("SKIP PythonInterop: the vendored OB 3.0 schema is missing from Tests/AttestCredentialsTests/Fixtures")
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

    /// An organisation's credential (did:web, the key named by its multibase fragment) passes the same checks.
    @Test func pyJWTVerifiesAndSchemaAcceptsAnIssuedCredential() throws {
        guard let schema = Self.skipWithoutSchema() else { return }
        let key = IssuerKey(privateKey: P256.Signing.PrivateKey(), did: try DIDWeb.did(domain: "example.edu"))
        let credential = try OpenBadgeCredential(
            award: CredentialFixtures.award(), learner: CredentialFixtures.emailLearner,
            issuer: IssuerProfile(did: key.did, name: "Example College", kind: .issued), salt: "s")
        guard let result = try Self.run(try VCJWT.sign(credential, with: key), schema: schema) else { return }
        #expect(result.status == 0, "\(result.output)")
    }

    /// A genuine credential signed by PyJWT, whose signatures are not normalised, with a high s: Attest accepts it.
    @Test func aPyJWTSignedHighSCredentialVerifies() throws {
        let (_, _, credential) = try CredentialFixtures.signed()
        let script = """
            import sys, json, base64, jwt
            from cryptography.hazmat.primitives.asymmetric import ec
            from jwt.algorithms import ECAlgorithm
            n = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
            key = ec.generate_private_key(ec.SECP256R1())
            jwk = json.loads(ECAlgorithm.to_jwk(key.public_key()))
            public = json.dumps({k: jwk[k] for k in ["crv", "kty", "x", "y"]}, separators=(",", ":"), sort_keys=True)
            did = "did:jwk:" + base64.urlsafe_b64encode(public.encode()).decode().rstrip("=")
            payload = json.loads(sys.stdin.read())
            payload["issuer"]["id"] = did
            payload["iss"], payload["jti"], payload["nbf"] = did, payload["id"], 1790000000
            payload["exp"] = 1790000000 + 365 * 86400
            for attempt in range(200):
                token = jwt.encode(payload, key, algorithm="ES256", headers={"kid": did + "#0", "typ": "JWT"})
                s = int.from_bytes(base64.urlsafe_b64decode(token.split(".")[2] + "==")[32:], "big")
                if s > n // 2:
                    print(token)
                    break
            """
        guard let result = try Self.python(script, input: credential.json.data, modules: "jwt, cryptography") else { return }
        #expect(result.status == 0, "\(result.output)")
        let token = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let last = try #require(token.split(separator: ".").last)
        let signature = try #require(Base64URL.decode(last))
        #expect(!LowS.isLow(signature), "PyJWT produced a high-s signature")
        let report = CredentialVerifier.verify(data: Data(token.utf8), now: CredentialFixtures.during)
        #expect(report.isValid, "\(report.checks)")
        #expect(report.verdict == .untrustedIssuer)
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
