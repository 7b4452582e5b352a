import AttestCredentials
import Crypto
import Foundation
import Testing

@Suite("LowS")
struct LowSTests {
    @Test func everySignatureIsLowAndTheMirroredOneStillVerifies() throws {
        let key = IssuerKey()
        var sawHigh = false
        for index in 0..<64 {
            let message = Data("message \(index)".utf8)
            let raw = try key.privateKey.signature(for: message).rawRepresentation
            sawHigh = sawHigh || !LowS.isLow(raw)
            let low = LowS.normalized(raw)
            #expect(LowS.isLow(low))
            #expect(key.publicKey.isValidSignature(try P256.Signing.ECDSASignature(rawRepresentation: low), for: message),
                    "n − s verifies like s")
            #expect(LowS.isLow(try key.sign(message)))
        }
        #expect(sawHigh, "64 signatures include high-s ones, so normalisation was exercised")
    }

    /// A genuine credential whose signer did not normalise s (PyJWT, most libraries) verifies: RFC 7518 allows either form.
    @Test func aHighSCredentialSignatureVerifies() throws {
        let (jws, key, _) = try CredentialFixtures.signed()
        let parts = jws.split(separator: ".").map(String.init)
        let signature = try #require(Base64URL.decode(parts[2]))
        let mirrored = signature.prefix(32) + mirror(signature.suffix(32))
        let signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        #expect(key.publicKey.isValidSignature(try P256.Signing.ECDSASignature(rawRepresentation: mirrored), for: signingInput),
                "the mirrored signature is mathematically valid")
        #expect(CredentialVerifier.verify(data: Data(jws.utf8), now: CredentialFixtures.during).isValid)
        #expect(!LowS.isLow(mirrored))
        let report = CredentialVerifier.verify(
            data: Data("\(parts[0]).\(parts[1]).\(Base64URL.encode(mirrored))".utf8), now: CredentialFixtures.during)
        #expect(report.isValid, "\(report.checks)")
        #expect(report.checks.first { $0.name == "signature" }?.passed == true)
    }

    /// n − s for P-256, computed independently of `LowS`.
    private func mirror(_ s: Data) -> Data {
        let n: [UInt8] = [
            0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
        ]
        let value = [UInt8](s)
        var out = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for index in (0..<32).reversed() {
            let difference = Int(n[index]) - Int(value[index]) - borrow
            out[index] = UInt8((difference + 256) % 256)
            borrow = difference < 0 ? 1 : 0
        }
        return Data(out)
    }
}
