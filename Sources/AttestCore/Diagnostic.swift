/// One problem found in a pack, located by file, line, column and JSON Pointer.
///
/// Authors fix packs from these messages alone, so each one says what is wrong,
/// where (`file:line:column` for editors, a JSON Pointer for tools) and, when
/// there is an obvious fix, a hint such as a did-you-mean.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// Errors stop a pack from loading; warnings are advice.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public var severity: Severity
    public var file: String
    /// A JSON Pointer (RFC 6901) to the value concerned, e.g. `/questions/12/options/3`; "" is the whole pack.
    public var path: String
    /// 1-based.
    public var line: Int
    /// 1-based, counted in characters.
    public var column: Int
    public var message: String
    public var hint: String?
    /// Other places the message names (the second question of a give-away pair, ...), each located.
    public var notes: [Note]

    /// A place in the same file a diagnostic refers to, printed as a compiler's `note:` line.
    public struct Note: Sendable, Hashable {
        /// A JSON Pointer, as `Diagnostic.path`.
        public var path: String
        /// 1-based; 0 when the place could not be found.
        public var line: Int
        public var column: Int
        public var message: String

        public init(path: String, line: Int, column: Int, message: String) {
            self.path = path
            self.line = line
            self.column = column
            self.message = message
        }
    }

    public init(
        severity: Severity, file: String, path: String, line: Int, column: Int, message: String, hint: String? = nil,
        notes: [Note] = []
    ) {
        self.severity = severity
        self.file = file
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.notes = notes
    }

    /// `file:line:col: error: message [path] (hint)`, the format compilers use so editors can jump to it.
    public var description: String {
        var text = "\(file):\(line):\(column): \(severity.rawValue): \(message)"
        if !path.isEmpty { text += " [\(path)]" }
        if let hint { text += " (\(hint))" }
        for note in notes {
            text += "\n\(file):\(note.line):\(note.column): note: \(note.message)"
            if !note.path.isEmpty { text += " [\(note.path)]" }
        }
        return text
    }
}

/// What loading a pack produced: the pack when it has no errors, and every diagnostic.
public struct PackLoadResult: Sendable {
    /// The decoded pack, or nil when any diagnostic is an error.
    public var pack: Pack?
    /// All problems found, in file order.
    public var diagnostics: [Diagnostic]

    public init(pack: Pack?, diagnostics: [Diagnostic]) {
        self.pack = pack
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The process exit status for `pack lint`: 65 (EX_DATAERR) when any error, 0 when only warnings.
    public var exitCode: Int32 { hasErrors ? 65 : 0 }
}
