import Crypto
import Foundation

/// The badge picture drawn for a credential whose pack brings no image: a coloured disc with a ring,
/// the colour derived from the credential's id so each credential keeps its own look.
public enum BadgeImage {
    public static let size = 256

    /// The badge colour (r, g, b) for `seed`, from the first bytes of its SHA-256.
    public static func colour(for seed: String) -> (UInt8, UInt8, UInt8) {
        let digest = Array(SHA256.hash(data: Data(seed.utf8)))
        let hue = Double(UInt16(digest[0]) << 8 | UInt16(digest[1])) / 65_536 * 6
        let saturation = 0.55, value = 0.72
        let chroma = value * saturation
        let x = chroma * (1 - abs(hue.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double) = switch Int(hue) {
        case 0: (chroma, x, 0)
        case 1: (x, chroma, 0)
        case 2: (0, chroma, x)
        case 3: (0, x, chroma)
        case 4: (x, 0, chroma)
        default: (chroma, 0, x)
        }
        let m = value - chroma
        func byte(_ v: Double) -> UInt8 { UInt8(((v + m) * 255).rounded()) }
        return (byte(r), byte(g), byte(b))
    }

    /// A 256×256 RGBA PNG: a disc in the seed's colour, a light ring, and a lighter centre; edges anti-aliased.
    public static func png(seed: String) -> Data {
        let (r, g, b) = colour(for: seed)
        let centre = Double(size) / 2
        let outer = centre - 4, ringOuter = outer - 14, ringInner = ringOuter - 10
        var raw = [UInt8]()
        raw.reserveCapacity(size * (size * 4 + 1))
        for y in 0..<size {
            raw.append(0)  // filter: none
            for x in 0..<size {
                let dx = Double(x) + 0.5 - centre, dy = Double(y) + 0.5 - centre
                let distance = (dx * dx + dy * dy).squareRoot()
                let coverage = min(max(outer - distance + 0.5, 0), 1)
                let inRing = distance <= ringOuter && distance >= ringInner
                let tint: Double = inRing ? 0.75 : (distance < ringInner ? 0.12 : 0)
                func mix(_ c: UInt8) -> UInt8 { UInt8((Double(c) + (255 - Double(c)) * tint).rounded()) }
                raw += [mix(r), mix(g), mix(b), UInt8((coverage * 255).rounded())]
            }
        }
        var header = Data()
        header.append(PNGFile.bigEndian(UInt32(size)))
        header.append(PNGFile.bigEndian(UInt32(size)))
        header.append(contentsOf: [8, 6, 0, 0, 0])  // 8-bit RGBA, deflate, adaptive filtering, no interlace
        return PNGFile(chunks: [
            .init(type: "IHDR", data: header),
            .init(type: "IDAT", data: PNGFile.zlibStored(raw)),
            .init(type: "IEND", data: Data()),
        ]).data
    }

    /// A 256×256 SVG badge with the same disc and ring, titled with `name` (XML-escaped).
    public static func svg(name: String, seed: String) -> String {
        let (r, g, b) = colour(for: seed)
        let fill = String(format: "#%02x%02x%02x", r, g, b)
        let initials = name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).prefix(3)
            .compactMap(\.first).map { String($0).uppercased() }.joined()
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">\
            <title>\(XML.escape(name))</title>\
            <circle cx="128" cy="128" r="124" fill="\(fill)"/>\
            <circle cx="128" cy="128" r="105" fill="none" stroke="#ffffff" stroke-opacity="0.75" stroke-width="10"/>\
            <text x="128" y="128" font-family="sans-serif" font-size="56" font-weight="bold" fill="#ffffff" \
            text-anchor="middle" dominant-baseline="central">\(XML.escape(initials))</text>\
            </svg>
            """
    }
}

/// XML text escaping for everything written into an SVG.
enum XML {
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // Characters XML 1.0 forbids are dropped rather than escaped (they cannot be escaped).
                let v = scalar.value
                if v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
                    || v >= 0x10000 {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
