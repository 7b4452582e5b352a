import Foundation

/// Where commands write: standard output and error, with colour only when it makes sense.
///
/// Colour is on only when the stream is a terminal, `NO_COLOR` is unset and
/// `--no-color` was not given. Tests use `Console.capture()` to read what a
/// command printed.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let writeOut: @Sendable (String) -> Void
    private let writeErr: @Sendable (String) -> Void
    private let writeOutBytes: (@Sendable (UnsafeRawBufferPointer) -> Void)?
    /// Whether SGR styles are emitted (turned off for good by accessible mode).
    public internal(set) var useColor: Bool
    /// Accessible mode: drawings such as bars are left out (the numbers beside them say the same in words).
    public internal(set) var accessible = false
    /// Whether a person is looking at standard output (affects prompts, progress bars).
    public let isTerminal: Bool
    private let fixedWidth: Int?

    public init(
        useColor: Bool, isTerminal: Bool, width: Int? = nil,
        out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
        outBytes: (@Sendable (UnsafeRawBufferPointer) -> Void)? = nil
    ) {
        self.useColor = useColor
        self.isTerminal = isTerminal
        fixedWidth = width
        writeOut = out
        writeErr = err
        writeOutBytes = outBytes
    }

    /// The process's standard streams; in a locale that is not UTF-8, drawn symbols become ASCII (`ASCIIFallback`).
    public static func standard(noColor: Bool, environment: [String: String]) -> Console {
        let isTerminal = isatty(STDOUT_FILENO) == 1
        let color = isTerminal && !noColor && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        let ascii = ASCIIFallback.isNeeded(environment: environment)
        return Console(
            useColor: color, isTerminal: isTerminal,
            out: { FileHandle.standardOutput.write(Data((ascii ? ASCIIFallback.text($0) : $0).utf8)) },
            err: { FileHandle.standardError.write(Data((ascii ? ASCIIFallback.text($0) : $0).utf8)) },
            outBytes: { FileHandle.standardOutput.write(Data($0)) }
        )
    }

    /// Terminal width in columns (80 when unknown), capped at 100 for readable lines.
    public var width: Int {
        if let fixedWidth { return fixedWidth }
        var size = winsize()
        if isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return min(Int(size.ws_col), 100)
        }
        return 80
    }

    /// Writes a line to standard output.
    public func line(_ text: String = "") {
        lock.withLock { writeOut(text + "\n") }
    }

    /// `text` (plain, no escape codes) in lines that fit the window after `indent`, broken between words,
    /// so a narrow terminal never cuts a word in two.
    /// A line that fits is returned as it is, its spacing kept.
    public func wrapped(_ text: String, indent: String = "") -> [String] {
        let room = width - DisplayWidth.of(indent)
        return DisplayWidth.of(text) <= room ? [text] : DisplayWidth.wrap(text, to: room)
    }

    /// Writes text to standard output without a newline.
    public func write(_ text: String) {
        lock.withLock { writeOut(text) }
    }

    /// Writes UTF-8 text (already made safe) to standard output as it is: long listings skip
    /// building a String per block.
    public func write(utf8 bytes: UnsafeRawBufferPointer) {
        lock.withLock {
            if let writeOutBytes { writeOutBytes(bytes) } else { writeOut(String(decoding: bytes, as: UTF8.self)) }
        }
    }

    /// Writes a line to standard error.
    public func error(_ text: String) {
        lock.withLock { writeErr(text + "\n") }
    }

    /// `text` in `style` when colour is on, unchanged otherwise.
    public func styled(_ text: String, _ styles: Style...) -> String {
        guard useColor else { return text }
        return styles.reduce(text) { $1.apply($0) }
    }

    /// Untrusted text made safe, then styled.
    public func safe(_ text: String, _ styles: Style...) -> String {
        let clean = TerminalText.shown(text)
        guard useColor else { return clean }
        return styles.reduce(clean) { $1.apply($0) }
    }
}

extension Console {
    /// A console that records everything written, for tests.
    public static func capture(width: Int = 80) -> (Console, CapturedOutput) {
        let output = CapturedOutput()
        let console = Console(
            useColor: false, isTerminal: false, width: width,
            out: { output.appendOut($0) }, err: { output.appendErr($0) }
        )
        return (console, output)
    }
}

/// What a captured console received.
public final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""

    public var standardOutput: String { lock.withLock { out } }
    public var standardError: String { lock.withLock { err } }

    func appendOut(_ text: String) { lock.withLock { out += text } }
    func appendErr(_ text: String) { lock.withLock { err += text } }
}
