import Foundation

/// Compares what a badge picture shows with the signed credential baked into it, for `creds verify`.
///
/// The signature covers the credential, not the picture around it. For an SVG the visible words are
/// text, so they are checked: every `<text>` element, in document order, must be a line of the
/// credential's `BadgeFace` (name, issuer kind, date) and all of those lines must be there. A PNG's
/// words are pixels: the check says plainly that only the embedded credential is verified.
public enum BadgePictureCheck {
    /// The outcome: whether the picture may be trusted as far as this check goes, and why.
    public struct Result: Sendable, Hashable {
        public var passed: Bool
        public var detail: String
    }

    /// The check for a credential delivered as `format`; nil for formats without a picture (JWS, JSON).
    public static func check(_ data: Data, format: VerificationReport.InputFormat?, credential: CredentialSummary?) -> Result? {
        switch format {
        case .png:
            return Result(passed: true, detail: "only the embedded credential is verified, not the picture's pixels")
        case .svg:
            guard let credential, let face = BadgeFace(credential) else {
                return Result(passed: false, detail: "the credential has no name or start date to compare the picture with")
            }
            let shown = visibleText(in: String(decoding: data, as: UTF8.self))
            if shown.isEmpty {
                return Result(passed: true, detail: "the picture has no text; only the embedded credential is verified")
            }
            let expected = face.lines.map(normalised)
            guard shown == expected else {
                return Result(passed: false, detail: "the picture's text does not match the credential")
            }
            return Result(passed: true, detail: "the picture's text matches the credential (name, issuer, date)")
        default:
            return nil
        }
    }

    /// The character data of every `<text>` element (nested elements such as `<tspan>` included), whitespace collapsed.
    static func visibleText(in svg: String) -> [String] {
        var texts: [String] = []
        var rest = Substring(svg)
        while let open = rest.range(of: "<text") {
            let after = rest[open.upperBound...]
            guard let next = after.first, next == ">" || next.isWhitespace else {
                rest = after
                continue
            }
            guard let tagEnd = after.firstIndex(of: ">") else { break }
            if after[..<tagEnd].hasSuffix("/") {
                rest = after[after.index(after: tagEnd)...]
                continue
            }
            let body = after[after.index(after: tagEnd)...]
            guard let close = body.range(of: "</text>") else {
                texts.append(normalised(XML.unescape(stripTags(body))))
                break
            }
            texts.append(normalised(XML.unescape(stripTags(body[..<close.lowerBound]))))
            rest = body[close.upperBound...]
        }
        return texts
    }

    private static func stripTags(_ text: Substring) -> String {
        var out = ""
        var inTag = false
        for character in text {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { out.append(character) }
        }
        return out
    }

    private static func normalised(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
