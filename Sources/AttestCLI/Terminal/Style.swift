/// The few text styles Attest uses, as SGR escape sequences, applied only when colour is on.
public enum Style: String, Sendable {
    case bold = "1"
    case dim = "2"
    case italic = "3"
    case underline = "4"
    case red = "31"
    case green = "32"
    case yellow = "33"
    case blue = "34"
    case magenta = "35"
    case cyan = "36"

    /// The code that turns this style on.
    public var on: String { "\u{1B}[\(rawValue)m" }

    /// The code that turns every style off.
    public static let off = "\u{1B}[0m"

    /// `text` wrapped in this style's on/off codes.
    public func apply(_ text: String) -> String {
        on + text + Self.off
    }
}
