import AttestCompression
import AttestCredentials
import Foundation
import Testing

/// The words on a badge picture against the signed credential (issue #20 item 7).
@Suite("BadgePictureCheck")
struct BadgePictureCheckTests {
    /// What `creds verify` decodes from a credential in any form (a JWS, a baked SVG).
    private func summary(of text: String) -> CredentialSummary? {
        CredentialVerifier.verify(data: Data(text.utf8), now: CredentialFixtures.during).credential
    }

    @Test func aDrawnSVGShowsNameIssuerKindAndDateAndPassesTheCheck() throws {
        let (jws, _, credential) = try CredentialFixtures.signed()
        let face = try #require(summary(of: jws).flatMap(BadgeFace.init))
        let svg = try BadgeBaker.bakeSVG(nil, jws: jws, face: face, name: credential.name ?? "", seed: "x")
        let escaped = face.lines.map {
            $0.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        for line in escaped { #expect(svg.contains(">\(line)</text>"), "\(line)") }
        #expect(face.date == "2026-09-21")
        let result = try #require(BadgePictureCheck.check(Data(svg.utf8), format: .svg, credential: summary(of: svg)))
        #expect(result.passed, "\(result.detail)")
    }

    @Test func changingTheVisibleTitleOfAnSVGFailsTheCheck() throws {
        let (jws, _, credential) = try CredentialFixtures.signed()
        let face = try #require(summary(of: jws).flatMap(BadgeFace.init))
        let svg = try BadgeBaker.bakeSVG(nil, jws: jws, face: face, name: credential.name ?? "", seed: "x")
        let first = try #require(face.nameLines.first)
        let forged = svg.replacingOccurrences(of: ">\(first)</text>", with: ">Chief Data Scientist</text>")
        let result = try #require(BadgePictureCheck.check(Data(forged.utf8), format: .svg, credential: summary(of: forged)))
        #expect(!result.passed)
        #expect(result.detail == "the picture's text does not match the credential")
        let added = svg.replacingOccurrences(of: "</g>", with: "<text x=\"1\" y=\"1\">with distinction</text></g>")
        #expect(BadgePictureCheck.check(Data(added.utf8), format: .svg, credential: summary(of: added))?.passed == false)
    }

    @Test func aPNGSaysOnlyTheEmbeddedCredentialIsVerified() throws {
        let result = try #require(BadgePictureCheck.check(Data(), format: .png, credential: nil))
        #expect(result.passed && result.detail.contains("only the embedded credential is verified"))
        #expect(BadgePictureCheck.check(Data(), format: .jws, credential: nil) == nil)
    }

    @Test func theIssuerLineFollowsTheSignedKindNotTheDisplayName() {
        #expect(BadgeFace.issuerLine(kind: .selfAssessed, issuerName: "Harvard University Registrar") == "Self-assessed")
        #expect(BadgeFace.issuerLine(kind: .issued, issuerName: "Northwind University") == "Issued by Northwind University")
        #expect(BadgeFace.issuerLine(kind: .issued, issuerName: "Self-assessed: Ada") == "Issued by Self-assessed: Ada")
    }

    @Test func namesWrapAtSpacesNotInsideWords() {
        let face = BadgeFace(name: "Digital Workplace Professional", kind: .selfAssessed, issuerName: nil, validFrom: Date(timeIntervalSince1970: 0))
        #expect(face.nameLines == ["Digital", "Workplace", "Professional"])
        #expect(face.date == "1970-01-01")
    }

    @Test func theDrawnPNGIsLargeCompressedAndAntiAliased() throws {
        let png = BadgeImage.png(face: CredentialFixtures.face, seed: "data-analytics/analyst")
        let file = try PNGFile(data: png)
        let header = try #require(file.chunks.first)
        #expect(Array(header.data.prefix(8)) == [0, 0, 2, 0x58, 0, 0, 2, 0x58], "600×600")
        #expect(png.count < 60_000, "compressed: \(png.count) bytes")
        let idat = try #require(file.chunks.first { $0.type == "IDAT" }).data
        let raw = [UInt8](try Deflate.decompress(idat, container: .zlib, limit: 2_000_000))
        // Anti-aliased: the disc's edge and the text have partly covered pixels, not only 0 and 255 alpha/ink.
        let alphas = Set(stride(from: 4, to: raw.count, by: 4).map { raw[$0] })
        #expect(alphas.count > 20)
    }
}
