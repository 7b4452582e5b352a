/// Escapes text as a JSON string literal, for writing pack JSON by hand (the scaffold).
///
/// Foundation's encoders reorder keys and escape `/`; generated packs should read like
/// hand-written ones, so the few places that emit JSON text build it with this.
public enum JSONString {
    /// `text` as a quoted JSON string: `"`, `\` and control characters escaped, everything else verbatim.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                result += "\\u" + hex4(scalar.value).lowercased()
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
