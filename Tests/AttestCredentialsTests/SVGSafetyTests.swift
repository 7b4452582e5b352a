import AttestCredentials
import Foundation
import Testing

/// A pack's SVG badge is refused, before baking, when it could run or fetch anything.
@Suite("SVGSafety")
struct SVGSafetyTests {
    static let plain = """
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">
          <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
          <circle cx="50" cy="50" r="40" fill="url(#g)" style="fill: url( '#g' )"/>
          <use xlink:href="#g"/><image href="data:image/png;base64,iVBORw0KGgo="/>
          <text x="10" y="50">Money: $5 on sale</text>
        </svg>
        """

    static let hostile: [(svg: String, finding: String)] = [
        ("<svg><script>alert(1)</script></svg>", "a <script> element"),
        ("<svg><SCRIPT xlink:href='#x'/></svg>", "a <script> element"),
        ("<svg onload=\"alert(1)\"></svg>", "an event-handler attribute (on…=)"),
        ("<svg><rect\nONCLICK = 'x()'/></svg>", "an event-handler attribute (on…=)"),
        ("<svg><a href=\"javascript:alert(1)\"><rect/></a></svg>", "a javascript: URL"),
        ("<svg><a href=\"&#106;ava&#x73;cript:alert(1)\"/></svg>", "a javascript: URL"),
        ("<svg><a href=\"java\tscript:x\"/></svg>", "a javascript: URL"),
        ("<svg><foreignObject><iframe/></foreignObject></svg>", "a <foreignObject> element"),
        ("<svg><image href=\"https://tracker.example/pixel.png\"/></svg>", "a reference to another file or a URL"),
        ("<svg><use xlink:href='other.svg#icon'/></svg>", "a reference to another file or a URL"),
        ("<svg><rect style=\"fill:url(http://x/y)\"/></svg>", "a reference to another file or a URL"),
        ("<svg><style>@import 'http://x/y.css';</style></svg>", "a CSS @import"),
        ("<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg>&x;</svg>", "an XML entity declaration"),
        ("<svg><image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/></svg>", "a reference to another file or a URL"),
    ]

    @Test func aPlainPictureIsSafe() throws {
        #expect(SVGSafety.problems(in: Self.plain).isEmpty, "\(SVGSafety.problems(in: Self.plain))")
        let baked = try BadgeBaker.bakeSVG(Self.plain, jws: "a.b.c", face: CredentialFixtures.face, name: "Badge", seed: "s")
        #expect(try BadgeBaker.extractSVG(baked) == "a.b.c")
    }

    @Test(arguments: hostile.indices)
    func anythingThatRunsOrFetchesIsRefusedBeforeBaking(index: Int) {
        let (svg, finding) = Self.hostile[index]
        #expect(SVGSafety.problems(in: svg).contains { $0.hasPrefix(finding) }, "\(svg): \(SVGSafety.problems(in: svg))")
        #expect(throws: CredentialError.self) { try BadgeBaker.bakeSVG(svg, jws: "a.b.c", face: CredentialFixtures.face, name: "Badge", seed: "s") }
        do {
            _ = try BadgeBaker.bakeSVG(svg, jws: "a.b.c", face: CredentialFixtures.face, name: "Badge", seed: "s")
        } catch {
            #expect(error.localizedDescription.contains("a badge must be a plain picture"))
        }
    }

    @Test func theDrawnBadgeIsSafe() {
        #expect(SVGSafety.problems(in: BadgeImage.svg(
            face: BadgeFace(name: "<script>x</script>", kind: .issued, issuerName: "<b>Northwind</b> & Co", validFrom: Date()),
            name: "<script>x</script>", seed: "s")).isEmpty)
    }
}
