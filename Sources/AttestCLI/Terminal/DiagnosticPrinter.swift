import AttestCore

/// Prints pack diagnostics the way compilers do (`file:line:col: error: ...`), so editors can
/// jump to them, with the JSON path and hint, sanitized and coloured for the terminal.
struct DiagnosticPrinter {
    let console: Console

    func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            let location = diagnostic.line > 0
                ? "\(diagnostic.file):\(diagnostic.line):\(diagnostic.column)" : diagnostic.file
            let severity = diagnostic.severity == .error
                ? console.styled("error", .bold, .red) : console.styled("warning", .bold, .yellow)
            var text = console.safe(location, .bold) + ": " + severity + ": " + console.safe(diagnostic.message)
            if !diagnostic.path.isEmpty { text += console.styled(" [\(TerminalText.sanitize(diagnostic.path))]", .dim) }
            if let hint = diagnostic.hint { text += "\n    " + console.styled("hint: ", .cyan) + console.safe(hint) }
            for note in diagnostic.notes {
                let place = note.line > 0 ? "\(diagnostic.file):\(note.line):\(note.column)" : diagnostic.file
                text += "\n" + console.safe(place, .bold) + ": " + console.styled("note", .bold, .cyan) + ": " + console.safe(note.message)
                if !note.path.isEmpty { text += console.styled(" [\(TerminalText.sanitize(note.path))]", .dim) }
            }
            console.error(text)
        }
    }

    /// `N errors, M warnings in FILE` for the end of a lint run.
    func summary(_ diagnostics: [Diagnostic], file: String) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        return "\(TerminalText.quoted(file)): \(plural(errors, "error")), \(plural(warnings, "warning"))"
    }
}
