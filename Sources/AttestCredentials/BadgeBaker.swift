import Foundation

/// Bakes a signed credential into a badge image and gets it back out (Open Badges 3.0 §5.3 "Baking").
///
/// PNG: exactly one uncompressed `iTXt` chunk with keyword `openbadgecredential`, before `IEND`.
/// SVG: one `<openbadges:credential>` element holding the JWS in CDATA.
public enum BadgeBaker {
    public static let pngKeyword = "openbadgecredential"
    public static let svgNamespace = "https://purl.imsglobal.org/ob/v3p0"

    // MARK: - PNG

    /// `png` (or a badge drawn with `face` when nil) with the JWS in one `iTXt` chunk, replacing any earlier one.
    public static func bakePNG(_ png: Data?, jws: String, face: BadgeFace, seed: String) throws -> Data {
        var file = try PNGFile(data: png ?? BadgeImage.png(face: face, seed: seed))
        file.chunks.removeAll { $0.type == "iTXt" && keyword(of: $0) == pngKeyword }
        var text = Data(pngKeyword.utf8)
        // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL
        text.append(contentsOf: [0, 0, 0, 0, 0])
        text.append(contentsOf: Data(jws.utf8))
        file.chunks.insert(.init(type: "iTXt", data: text), at: file.chunks.count - 1)
        return file.data
    }

    /// The JWS baked into a PNG; throws when the PNG is malformed or carries none, or more than one.
    public static func extractPNG(_ png: Data) throws -> String {
        let file = try PNGFile(data: png)
        let baked = file.chunks.filter { $0.type == "iTXt" && keyword(of: $0) == pngKeyword }
        guard !baked.isEmpty else { throw CredentialError.noCredentialInImage(format: "PNG") }
        guard baked.count == 1 else {
            throw CredentialError.malformedPNG("\(baked.count) openbadgecredential iTXt chunks; exactly one is allowed")
        }
        let bytes = [UInt8](baked[0].data)
        var index = pngKeyword.utf8.count + 1
        guard index + 2 <= bytes.count else { throw CredentialError.malformedPNG("truncated iTXt chunk") }
        guard bytes[index] == 0 else {
            throw CredentialError.malformedPNG("the openbadgecredential iTXt chunk is compressed; only uncompressed text is supported")
        }
        index += 2
        for _ in 0..<2 {  // language tag, translated keyword
            guard let end = bytes[index...].firstIndex(of: 0) else {
                throw CredentialError.malformedPNG("truncated iTXt chunk")
            }
            index = end + 1
        }
        guard let text = String(validating: bytes[index...], as: UTF8.self) else {
            throw CredentialError.malformedPNG("the iTXt text is not UTF-8")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func keyword(of chunk: PNGFile.Chunk) -> String? {
        guard let end = chunk.data.firstIndex(of: 0) else { return nil }
        return String(decoding: chunk.data[chunk.data.startIndex..<end], as: UTF8.self)
    }

    // MARK: - SVG

    /// `svg` (or a badge drawn with `face`, titled `name`, when nil) with the JWS in one `<openbadges:credential>` element.
    public static func bakeSVG(_ svg: String?, jws: String, face: BadgeFace, name: String, seed: String) throws -> String {
        if let svg {
            let problems = SVGSafety.problems(in: svg)
            if !problems.isEmpty { throw CredentialError.unsafeSVG(problems) }
        }
        var text = svg ?? BadgeImage.svg(face: face, name: name, seed: seed)
        while let element = try credentialElementRange(in: text) { text.removeSubrange(element) }
        guard let open = text.range(of: "<svg"), let close = text[open.upperBound...].firstIndex(of: ">") else {
            throw CredentialError.malformedSVG("no <svg> root element")
        }
        var insertAt = text.index(after: close)
        if !text[open.lowerBound..<close].contains("xmlns:openbadges=") {
            let attribute = " xmlns:openbadges=\"\(svgNamespace)\""
            let tagEnd = text[text.index(before: close)] == "/" ? text.index(before: close) : close
            text.insert(contentsOf: attribute, at: tagEnd)
            insertAt = text.index(after: text[open.upperBound...].firstIndex(of: ">")!)
        }
        let payload = jws.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>")
        text.insert(contentsOf: "<openbadges:credential><![CDATA[\(payload)]]></openbadges:credential>", at: insertAt)
        return text
    }

    /// The JWS baked into an SVG; throws when there is none or more than one.
    public static func extractSVG(_ svg: String) throws -> String {
        guard svg.contains("<svg") else { throw CredentialError.malformedSVG("no <svg> root element") }
        guard let range = try credentialElementRange(in: svg) else {
            throw CredentialError.noCredentialInImage(format: "SVG")
        }
        if try credentialElementRange(in: String(svg[range.upperBound...])) != nil {
            throw CredentialError.malformedSVG("more than one <openbadges:credential> element")
        }
        let element = svg[range]
        guard let start = element.firstIndex(of: ">"), let end = element.range(of: "</openbadges:credential>", options: .backwards)
        else { throw CredentialError.malformedSVG("unterminated <openbadges:credential> element") }
        var content = String(element[element.index(after: start)..<end.lowerBound])
        content = content.trimmingCharacters(in: .whitespacesAndNewlines)
        if content.hasPrefix("<![CDATA[") {
            guard content.hasSuffix("]]>") else { throw CredentialError.malformedSVG("unterminated CDATA section") }
            content = String(content.dropFirst(9).dropLast(3)).replacingOccurrences(of: "]]><![CDATA[", with: "")
        }
        return content.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The range of the first `<openbadges:credential …>…</openbadges:credential>` element (or its empty form).
    private static func credentialElementRange(in text: String) throws -> Range<String.Index>? {
        var searchFrom = text.startIndex
        while let open = text.range(of: "<openbadges:credential", range: searchFrom..<text.endIndex) {
            guard open.upperBound < text.endIndex else { throw CredentialError.malformedSVG("truncated element") }
            let next = text[open.upperBound]
            guard next == ">" || next == " " || next == "/" || next == "\n" || next == "\t" || next == "\r" else {
                searchFrom = open.upperBound
                continue
            }
            guard let tagEnd = text[open.upperBound...].firstIndex(of: ">") else {
                throw CredentialError.malformedSVG("unterminated <openbadges:credential> tag")
            }
            if text[text.index(before: tagEnd)] == "/" { return open.lowerBound..<text.index(after: tagEnd) }
            guard let close = text.range(of: "</openbadges:credential>", range: tagEnd..<text.endIndex) else {
                throw CredentialError.malformedSVG("unterminated <openbadges:credential> element")
            }
            return open.lowerBound..<close.upperBound
        }
        return nil
    }
}
