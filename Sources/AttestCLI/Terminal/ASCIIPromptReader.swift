import LineEditor

/// A line reader whose prompts and countdown go through `ASCIIFallback`, for a locale that is not
/// UTF-8: the console already translates what it prints, but prompts and the countdown are drawn by
/// the reader itself. The typed text is passed back untouched.
final class ASCIIPromptReader: LineReader {
    private let base: any LineReader

    init(_ base: any LineReader) {
        self.base = base
    }

    func readLine(_ options: ReadOptions) -> LineReadResult {
        var plain = options
        plain.prompt = ASCIIFallback.text(options.prompt)
        if let status = options.status {
            plain.status = { ASCIIFallback.text(status($0)) }
        }
        return base.readLine(plain)
    }

    var isInteractive: Bool { base.isInteractive }

    func close() {
        base.close()
    }
}

extension AppContext {
    /// The reader for a person at this process's standard input (libedit at a terminal), drawing its
    /// prompts in ASCII where the locale needs it.
    func standardReader(historyPath: String? = nil, completion: CompletionProvider? = nil) -> any LineReader {
        let reader = LineReaders.standard(historyPath: historyPath, completion: completion)
        return ASCIIFallback.isNeeded(environment: environment) ? ASCIIPromptReader(reader) : reader
    }
}
