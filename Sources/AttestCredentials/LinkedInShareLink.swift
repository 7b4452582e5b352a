import Foundation

/// The "Add to profile" link that puts a credential on a LinkedIn profile as a certification.
public enum LinkedInShareLink {
    /// `https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&…` for a credential.
    ///
    /// Every value is percent-encoded so that `&`, `+`, `=`, `#` and non-ASCII text survive.
    public static func url(
        name: String, organizationName: String, issued: Date, expires: Date?, certID: String, certURL: String? = nil
    ) -> String {
        var fields: [(String, String)] = [
            ("startTask", "CERTIFICATION_NAME"),
            ("name", name),
            ("organizationName", organizationName),
        ]
        let (issueYear, issueMonth) = yearMonth(issued)
        fields += [("issueYear", issueYear), ("issueMonth", issueMonth)]
        if let expires {
            let (year, month) = yearMonth(expires)
            fields += [("expirationYear", year), ("expirationMonth", month)]
        }
        fields.append(("certId", certID))
        if let certURL { fields.append(("certUrl", certURL)) }
        return "https://www.linkedin.com/profile/add?"
            + fields.map { "\($0.0)=\(percentEncode($0.1))" }.joined(separator: "&")
    }

    /// RFC 3986 percent-encoding of everything but unreserved characters (`A–Z a–z 0–9 - . _ ~`).
    public static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E:
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    private static func yearMonth(_ date: Date) -> (String, String) {
        let text = ISODate.format(date)  // YYYY-MM-…, UTC
        let month = text.dropFirst(5).prefix(2)
        return (String(text.prefix(4)), String(month.hasPrefix("0") ? month.dropFirst() : month))
    }
}
