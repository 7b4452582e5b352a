import Foundation

/// The form two texts share when a learner could not tell them apart on screen: used by validation to
/// report options (and ordering items) that differ only in invisible or look-alike characters, such as
/// "This one", "This one\u{200B}" (a zero-width space) and "Тhis one" (a Cyrillic Т).
///
/// The skeleton is the text after Unicode compatibility normalisation (NFKC), with format characters
/// (general category Cf: zero-width spaces and joiners, bidi marks, overrides and isolates, the byte
/// order mark) and variation selectors removed, the look-alikes in `confusables` replaced by the Latin
/// letters they imitate, case folded and white space collapsed. Identifiers need no skeleton: they are
/// ASCII slugs.
///
/// `confusables` is deliberately small: the Cyrillic and Greek letters that are drawn identically to a
/// Latin letter in common fonts, taken from the Unicode confusables data of UTS #39, Unicode Security
/// Mechanisms (https://www.unicode.org/Public/security/latest/confusables.txt, mappings to a single
/// Latin letter). A fuller skeleton would be the whole of that file; these cover the mixed-script
/// tricks seen in practice without shipping it.
public enum LookAlike {
    /// Cyrillic and Greek letters mapped to the Latin letter they look like (UTS #39 confusables).
    public static let confusables: [Unicode.Scalar: Unicode.Scalar] = [
        // Cyrillic capitals
        "\u{0410}": "A", "\u{0412}": "B", "\u{0415}": "E", "\u{041A}": "K", "\u{041C}": "M", "\u{041D}": "H",
        "\u{041E}": "O", "\u{0420}": "P", "\u{0421}": "C", "\u{0422}": "T", "\u{0425}": "X", "\u{0405}": "S",
        "\u{0406}": "I", "\u{0408}": "J", "\u{04AE}": "Y", "\u{0417}": "3",
        // Cyrillic small letters
        "\u{0430}": "a", "\u{0435}": "e", "\u{043E}": "o", "\u{0440}": "p", "\u{0441}": "c", "\u{0443}": "y",
        "\u{0445}": "x", "\u{0455}": "s", "\u{0456}": "i", "\u{0458}": "j", "\u{04BB}": "h", "\u{0501}": "d",
        "\u{051B}": "q", "\u{051D}": "w",
        // Greek capitals
        "\u{0391}": "A", "\u{0392}": "B", "\u{0395}": "E", "\u{0396}": "Z", "\u{0397}": "H", "\u{0399}": "I",
        "\u{039A}": "K", "\u{039C}": "M", "\u{039D}": "N", "\u{039F}": "O", "\u{03A1}": "P", "\u{03A4}": "T",
        "\u{03A5}": "Y", "\u{03A7}": "X",
        // Greek small letters
        "\u{03BF}": "o", "\u{03BD}": "v", "\u{03B9}": "i", "\u{03BA}": "k", "\u{03C1}": "p",
    ]

    /// The look-alike skeleton of `text` (see the type's documentation).
    public static func skeleton(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return folded(text) }
        var scalars = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.properties.generalCategory == .format || scalar.properties.isVariationSelector { continue }
            scalars.append(confusables[scalar] ?? scalar)
        }
        return folded(String(scalars))
    }

    /// Case-folded, with runs of white space collapsed and the ends trimmed.
    static func folded(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
