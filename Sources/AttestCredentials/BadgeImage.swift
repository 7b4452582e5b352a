import AttestCompression
import Crypto
import Foundation

/// The badge picture drawn for a credential whose pack brings no image: a coloured disc with a ring
/// (the colour derived from the credential's id, so each credential keeps its own look) carrying the
/// credential's name, who issued it and the date (`BadgeFace`).
///
/// The PNG is 600×600, twice the size it is usually shown at, so it stays crisp on high-density screens;
/// every edge and stroke is anti-aliased and the image data is deflate-compressed.
public enum BadgeImage {
    public static let size = 600

    /// The badge colour (r, g, b) for `seed`, from the first bytes of its SHA-256.
    public static func colour(for seed: String) -> (UInt8, UInt8, UInt8) {
        let digest = Array(SHA256.hash(data: Data(seed.utf8)))
        let hue = Double(UInt16(digest[0]) << 8 | UInt16(digest[1])) / 65_536 * 6
        let saturation = 0.55, value = 0.62
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

    /// One line of text on the badge: where its baseline sits, the size of a font unit, and the text.
    struct TextLine: Equatable {
        var text: String
        var baseline: Double
        var unit: Double
    }

    /// The lines of `face` laid out on a `size`-pixel badge: the name large in the middle, a rule,
    /// then the issuer kind and the date, each centred and sized to fit inside the ring.
    static func layout(_ face: BadgeFace, size: Double) -> [TextLine] {
        let scale = size / 600
        func unit(for text: String, width: Double, largest: Double) -> Double {
            min(largest, width / max(1, Double(text.count) * StrokeFont.advance - 2)) * scale
        }
        let nameUnit = face.nameLines.map { unit(for: $0, width: 400, largest: 6) }.min() ?? 6 * scale
        let smallUnit = min(unit(for: face.issuerKind, width: 360, largest: 2.6), unit(for: face.date, width: 360, largest: 2.6))
        let nameStep = nameUnit * 6 * 1.55
        let nameHeight = nameStep * Double(face.nameLines.count - 1) + nameUnit * 6
        let total = nameHeight + 40 * scale + smallUnit * 6 * 2.7
        var y = (size - total) / 2 + nameUnit * 6
        var lines: [TextLine] = []
        for line in face.nameLines {
            lines.append(TextLine(text: line, baseline: y, unit: nameUnit))
            y += nameStep
        }
        y += 40 * scale - nameStep + smallUnit * 6
        lines.append(TextLine(text: face.issuerKind, baseline: y, unit: smallUnit))
        lines.append(TextLine(text: face.date, baseline: y + smallUnit * 6 * 1.7, unit: smallUnit))
        return lines
    }

    /// A 600×600 RGBA PNG of the badge for `face`, compressed.
    public static func png(face: BadgeFace, seed: String) -> Data {
        let (r, g, b) = colour(for: seed)
        let centre = Double(size) / 2
        let outer = centre - 8, ringOuter = outer - 30, ringInner = ringOuter - 16
        var ink = Coverage(size: size)
        for line in layout(face, size: Double(size)) {
            ink.draw(line.text.uppercased(), centredAt: centre, baseline: line.baseline, unit: line.unit)
        }
        let rule = layout(face, size: Double(size)).first { $0.text == face.issuerKind }.map { $0.baseline - $0.unit * 6 - 20 }
        if let rule { ink.stroke(from: (centre - 60, rule), to: (centre + 60, rule), halfWidth: 1.5) }
        var raw = [UInt8]()
        raw.reserveCapacity(size * (size * 4 + 1))
        for y in 0..<size {
            raw.append(0)  // filter: none
            for x in 0..<size {
                let dx = Double(x) + 0.5 - centre, dy = Double(y) + 0.5 - centre
                let distance = (dx * dx + dy * dy).squareRoot()
                let alpha = min(max(outer - distance + 0.5, 0), 1)
                let ring = min(max(distance - ringInner + 0.5, 0), 1) * min(max(ringOuter - distance + 0.5, 0), 1)
                let tint = max(ring * 0.8, Double(ink.value(x, y)))
                func mix(_ c: UInt8) -> UInt8 { UInt8((Double(c) + (255 - Double(c)) * tint).rounded()) }
                raw += [mix(r), mix(g), mix(b), UInt8((alpha * 255).rounded())]
            }
        }
        var header = Data()
        header.append(PNGFile.bigEndian(UInt32(size)))
        header.append(PNGFile.bigEndian(UInt32(size)))
        header.append(contentsOf: [8, 6, 0, 0, 0])  // 8-bit RGBA, deflate, adaptive filtering, no interlace
        return PNGFile(chunks: [
            .init(type: "IHDR", data: header),
            .init(type: "IDAT", data: Deflate.compress(Data(raw), container: .zlib)),
            .init(type: "IEND", data: Data()),
        ]).data
    }

    /// A 300×300 SVG badge (scalable) with the same disc and ring and `face`'s lines as `<text>` elements
    /// in document order (`BadgePictureCheck` reads them back), titled with the credential's name.
    public static func svg(face: BadgeFace, name: String, seed: String) -> String {
        let (r, g, b) = colour(for: seed)
        let fill = String(format: "#%02x%02x%02x", r, g, b)
        let texts = layout(face, size: 300).map { line in
            let fontSize = String(format: "%.1f", line.unit * 6 / 0.72)
            let y = String(format: "%.1f", line.baseline)
            let weight = face.nameLines.contains(line.text) ? "bold" : "normal"
            return "<text x=\"150\" y=\"\(y)\" font-size=\"\(fontSize)\" font-weight=\"\(weight)\">\(XML.escape(line.text))</text>"
        }.joined()
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="300" height="300" viewBox="0 0 300 300">\
            <title>\(XML.escape(name))</title>\
            <circle cx="150" cy="150" r="146" fill="\(fill)"/>\
            <circle cx="150" cy="150" r="123" fill="none" stroke="#ffffff" stroke-opacity="0.8" stroke-width="8"/>\
            <g font-family="DejaVu Sans, Helvetica, Arial, sans-serif" fill="#ffffff" text-anchor="middle">\(texts)</g>\
            </svg>
            """
    }
}

/// How much of each pixel the text's strokes cover (0…1), drawn with round ends and anti-aliased edges.
struct Coverage {
    let size: Int
    private var cells: [Float]

    init(size: Int) {
        self.size = size
        cells = [Float](repeating: 0, count: size * size)
    }

    func value(_ x: Int, _ y: Int) -> Float { cells[y * size + x] }

    /// `text` in `StrokeFont`, centred on `centredAt`, its baseline at `baseline`, `unit` pixels per grid unit.
    mutating func draw(_ text: String, centredAt centre: Double, baseline: Double, unit: Double) {
        let width = (Double(text.count) * StrokeFont.advance - 2) * unit
        var originX = centre - width / 2
        let top = baseline - 6 * unit
        let halfWidth = max(0.8, unit * 0.5)
        for character in text {
            for stroke in StrokeFont.strokes(character) {
                let points = stroke.map { (originX + $0.0 * unit, top + $0.1 * unit) }
                for index in points.indices.dropLast() { self.stroke(from: points[index], to: points[index + 1], halfWidth: halfWidth) }
            }
            originX += StrokeFont.advance * unit
        }
    }

    /// A straight stroke with round ends; each pixel keeps the highest coverage drawn on it.
    mutating func stroke(from a: (Double, Double), to b: (Double, Double), halfWidth: Double) {
        let reach = halfWidth + 1
        let minX = max(0, Int((min(a.0, b.0) - reach).rounded(.down))), maxX = min(size - 1, Int((max(a.0, b.0) + reach).rounded(.up)))
        let minY = max(0, Int((min(a.1, b.1) - reach).rounded(.down))), maxY = min(size - 1, Int((max(a.1, b.1) + reach).rounded(.up)))
        guard minX <= maxX, minY <= maxY else { return }
        let (dx, dy) = (b.0 - a.0, b.1 - a.1)
        let lengthSquared = dx * dx + dy * dy
        for y in minY...maxY {
            for x in minX...maxX {
                let (px, py) = (Double(x) + 0.5 - a.0, Double(y) + 0.5 - a.1)
                let t = lengthSquared > 0 ? min(1, max(0, (px * dx + py * dy) / lengthSquared)) : 0
                let (ex, ey) = (px - t * dx, py - t * dy)
                let covered = Float(min(1, max(0, halfWidth + 0.5 - (ex * ex + ey * ey).squareRoot())))
                if covered > cells[y * size + x] { cells[y * size + x] = covered }
            }
        }
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

    /// The text of escaped XML character data: the five predefined entities and numeric references.
    static func unescape(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                out += rest[amp...]
                return out
            }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let number = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let number, let scalar = Unicode.Scalar(number) { out.unicodeScalars.append(scalar) } else { out += "&\(entity);" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
