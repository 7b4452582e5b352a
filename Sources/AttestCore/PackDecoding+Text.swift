extension PackDecoding {
    /// Reports every string (value or key) holding a control character, with its JSON Pointer.
    ///
    /// Runs only when the parser saw such a character, so clean packs never walk the tree twice.
    /// `components` is the JSON Pointer of `root`, `name` what its strings are called in messages.
    func reportControlCharacters(
        in root: JSONValue, found: [Int: Unicode.Scalar], components: [PathComponent] = [], name rootName: String = "text"
    ) {
        var components = components
        func report(_ scalar: Unicode.Scalar, name: String, offset: Int) {
            let code = "U+" + hex4(scalar.value)
            let label = Self.controlNames[scalar.value].map { "\(code) (\($0))" } ?? code
            let reason = Self.escapeIntroducers.contains(scalar.value)
                ? "terminal escape sequences are not allowed"
                : "control characters are not allowed"
            let pointer = components.map { "/" + $0.escaped }.joined()
            controlError("\(name) contains a control character \(label): \(reason)", at: offset, pointer: pointer)
        }
        func walk(_ value: JSONValue, name: String) {
            switch value.kind {
            case .string:
                if let scalar = found[value.offset] { report(scalar, name: name, offset: value.offset) }
            case let .array(items):
                for (index, item) in items.enumerated() {
                    components.append(.index(index))
                    walk(item, name: name)
                    components.removeLast()
                }
            case let .object(object):
                for member in object.members {
                    components.append(.key(member.key))
                    if let scalar = found[member.keyOffset] { report(scalar, name: "field name", offset: member.keyOffset) }
                    walk(member.value, name: member.key)
                    components.removeLast()
                }
            case .null, .bool, .number:
                break
            }
        }
        walk(root, name: rootName)
    }

    /// C0 controls, DEL and C1 controls that introduce terminal escape or control sequences.
    static let escapeIntroducers: Set<UInt32> = [0x1B, 0x90, 0x98, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F]

    static let controlNames: [UInt32: String] = {
        let c0 = [
            "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
            "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
        ]
        let c1 = [
            "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU", "RI", "SS2", "SS3",
            "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGCI", "SCI", "CSI", "ST", "OSC", "PM", "APC",
        ]
        var names: [UInt32: String] = [0x7F: "DEL"]
        for (index, name) in c0.enumerated() { names[UInt32(index)] = name }
        for (index, name) in c1.enumerated() { names[0x80 + UInt32(index)] = name }
        return names
    }()
}
