import AttestCredentials
import Foundation
import Testing

@Suite("BadgeBaker")
struct BadgeBakerTests {
    private func credentialChunks(_ png: Data) throws -> [PNGFile.Chunk] {
        try PNGFile(data: png).chunks.filter { $0.type == "iTXt" && $0.data.starts(with: Data("openbadgecredential\0".utf8)) }
    }

    @Test func drawnBadgeIsAValidPNG() throws {
        let png = BadgeImage.png(face: CredentialFixtures.face, seed: "data-analytics/analyst")
        let file = try PNGFile(data: png)
        #expect(file.chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        #expect(Array(file.chunks[0].data) == [0, 0, 2, 0x58, 0, 0, 2, 0x58, 8, 6, 0, 0, 0])
        #expect(BadgeImage.png(face: CredentialFixtures.face, seed: "data-analytics/analyst") == png)
        #expect(BadgeImage.colour(for: "a/b") != BadgeImage.colour(for: "a/c"))
    }

    @Test func checksumsMatchKnownValues() {
        #expect(PNGFile.crc32(Array("IEND".utf8)) == 0xAE42_6082)
    }

    @Test func pngRoundTripsAndVerifies() throws {
        let (jws, _, _) = try CredentialFixtures.signed()
        let baked = try BadgeBaker.bakePNG(nil, jws: jws, face: CredentialFixtures.face, seed: "data-analytics/analyst")
        #expect(try BadgeBaker.extractPNG(baked) == jws)
        #expect(try PNGFile(data: baked).chunks.map(\.type) == ["IHDR", "IDAT", "iTXt", "IEND"])
        let report = CredentialVerifier.verify(data: baked, now: CredentialFixtures.during)
        #expect(report.isValid && report.format == .png, "\(report.checks)")
    }

    @Test func rebakingKeepsExactlyOneCredentialChunk() throws {
        let (first, _, _) = try CredentialFixtures.signed()
        let (second, _, _) = try CredentialFixtures.signed()
        let once = try BadgeBaker.bakePNG(nil, jws: first, face: CredentialFixtures.face, seed: "x")
        let twice = try BadgeBaker.bakePNG(once, jws: second, face: CredentialFixtures.face, seed: "x")
        #expect(try credentialChunks(twice).count == 1)
        #expect(try BadgeBaker.extractPNG(twice) == second)
    }

    @Test func malformedPNGIsRejectedClearly() throws {
        let (jws, _, _) = try CredentialFixtures.signed()
        var baked = [UInt8](try BadgeBaker.bakePNG(nil, jws: jws, face: CredentialFixtures.face, seed: "x"))
        baked[baked.count - 20] ^= 0xFF  // inside the iTXt text
        let chunkStart = baked.count - 12 - (12 + 24 + jws.utf8.count)  // before IEND and the iTXt chunk
        #expect(throws: CredentialError.malformedPNG("chunk iTXt at byte \(chunkStart) has a wrong CRC")) {
            try BadgeBaker.extractPNG(Data(baked))
        }
        let report = CredentialVerifier.verify(data: Data(baked), now: CredentialFixtures.during)
        #expect(report.checks.first?.detail.hasPrefix("malformed PNG: chunk iTXt") == true)
        #expect(throws: CredentialError.malformedPNG("the file ends without an IEND chunk")) {
            try PNGFile(data: BadgeImage.png(face: CredentialFixtures.face, seed: "x").dropLast(12))
        }
        #expect(throws: CredentialError.noCredentialInImage(format: "PNG")) {
            try BadgeBaker.extractPNG(BadgeImage.png(face: CredentialFixtures.face, seed: "x"))
        }
        #expect(throws: CredentialError.malformedPNG("the file does not start with the PNG signature")) {
            try PNGFile(data: Data("GIF89a".utf8))
        }
    }

    @Test func svgRoundTripsAndVerifies() throws {
        let (jws, _, _) = try CredentialFixtures.signed()
        let svg = try BadgeBaker.bakeSVG(nil, jws: jws, face: CredentialFixtures.face, name: "SQL & <Stats>", seed: "x")
        #expect(svg.contains("xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\""))
        #expect(svg.contains("<openbadges:credential><![CDATA[\(jws)]]></openbadges:credential>"))
        #expect(svg.contains("<title>SQL &amp; &lt;Stats&gt;</title>"))
        #expect(try BadgeBaker.extractSVG(svg) == jws)
        let report = CredentialVerifier.verify(data: Data(svg.utf8), now: CredentialFixtures.during)
        #expect(report.isValid && report.format == .svg, "\(report.checks)")
    }

    @Test func svgRebakingReplacesTheCredentialAndKeepsForeignSVG() throws {
        let (first, _, _) = try CredentialFixtures.signed()
        let (second, _, _) = try CredentialFixtures.signed()
        let own = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>"
        let twice = try BadgeBaker.bakeSVG(try BadgeBaker.bakeSVG(own, jws: first, face: CredentialFixtures.face, name: "n", seed: "s"), jws: second, face: CredentialFixtures.face, name: "n", seed: "s")
        #expect(twice.components(separatedBy: "<openbadges:credential>").count == 2)
        #expect(twice.components(separatedBy: "xmlns:openbadges=").count == 2)
        #expect(twice.contains("<rect width=\"10\" height=\"10\"/>"))
        #expect(try BadgeBaker.extractSVG(twice) == second)
        #expect(throws: CredentialError.noCredentialInImage(format: "SVG")) { try BadgeBaker.extractSVG(own) }
        #expect(throws: CredentialError.malformedSVG("more than one <openbadges:credential> element")) {
            try BadgeBaker.extractSVG(twice.replacingOccurrences(of: "</svg>", with: "<openbadges:credential>x</openbadges:credential></svg>"))
        }
    }
}
