@testable import AttestCredentials
import Foundation
import Testing

/// The badge picture's typeface draws Latin letters with their accents, so "Café" is not "Cafe" on a PNG badge.
@Suite("StrokeFont")
struct StrokeFontTests {
    /// Strokes as comparable values (tuples are not Equatable).
    private func drawn(_ character: Character) -> [[Double]] {
        StrokeFont.strokes(character).map { $0.flatMap { [$0.0, $0.1] } }
    }

    @Test func anAccentedLetterIsItsBaseLetterWithTheMarkAboveIt() {
        let plain = drawn("E"), accented = drawn("É")
        #expect(accented.count == plain.count + 1 && Array(accented.prefix(plain.count)) == plain)
        let mark = accented.last ?? []
        #expect(stride(from: 1, to: mark.count, by: 2).allSatisfy { mark[$0] < 0 }, "the acute sits above the cap height")
        #expect(drawn("é") == accented, "lower case is drawn upper-case")
        #expect(drawn("e\u{301}") == accented, "a combining sequence draws like the precomposed letter")
        #expect(drawn("È") != accented && drawn("Ê") != accented && drawn("Ë") != accented, "each mark has its own shape")
    }

    @Test func cedillasAndOgoneksHangBelowTheBaseline() {
        let mark = drawn("Ç").last ?? []
        #expect(drawn("Ç").count == drawn("C").count + 1)
        #expect(stride(from: 1, to: mark.count, by: 2).allSatisfy { mark[$0] >= 6 })
        #expect(drawn("Ą").count == drawn("A").count + 1)
    }

    @Test func barredLettersAreNotTheirPlainForms() {
        #expect(drawn("Ø") != drawn("O") && drawn("Ø") != drawn("0"))
        #expect(drawn("ø") == drawn("Ø"))
        #expect(drawn("Ł") != drawn("L") && drawn("Đ") != drawn("D") && drawn("Ð") == drawn("Đ"))
    }

    @Test func otherScriptsAndUnknownMarksStayHonest() {
        #expect(drawn("日") == drawn("?"))
        #expect(drawn("ß") == drawn("?"), "upper-cases to two letters")
        #expect(drawn("e\u{20DD}") == drawn("E"), "a mark the font does not know is left off, the letter kept")
    }

    @Test func aPNGBadgeShowsTheAccents() {
        func png(_ name: String) -> Data {
            BadgeImage.png(face: BadgeFace(name: name, kind: .issued, issuerName: "Acme", validFrom: Date(timeIntervalSince1970: 0)), seed: "s")
        }
        #expect(png("Café Crème") != png("Cafe Creme"))
        #expect(png("日本") == png("??"))
    }
}
