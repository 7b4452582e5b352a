import CLibEdit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why the terminal line editor could not start.
public enum LineEditorError: LocalizedError, Equatable {
    /// Input or output is not a terminal.
    case notATerminal(fileDescriptor: Int32)
    /// No UTF-8 character set is available (tried the current locale, C.UTF-8, en_US.UTF-8).
    case noUTF8Locale
    /// libedit refused to start.
    case cannotStart(String)

    public var errorDescription: String? {
        switch self {
        case let .notATerminal(fd):
            "File descriptor \(fd) is not a terminal; use PlainLineReader for pipes and files."
        case .noUTF8Locale:
            "No UTF-8 locale is installed (tried the current locale, C.UTF-8 and en_US.UTF-8); "
                + "install one (e.g. the `locales` package) or set LANG to a UTF-8 locale."
        case let .cannotStart(reason):
            "The line editor could not start: \(reason)."
        }
    }
}

/// The interactive line reader: libedit (emacs key bindings) on a terminal, driven through its
/// wide-character API so UTF-8 text edits correctly.
///
/// It replaces libedit's character reader with one that `poll`s the input, so it can show a
/// countdown that ticks every second (in the right prompt), end the read at a deadline,
/// turn Ctrl-C into `.interrupted` (signals from the keyboard are switched off while editing,
/// so SIGINT is never raised) and report a deferred SIGTERM/SIGHUP as `.terminated`.
/// Works on any terminal descriptors, so tests drive it on a pseudo-terminal in-process.
/// This is the only file that imports libedit.
public final class LibEditLineReader: LineReader, @unchecked Sendable {
    private let state: EditorState
    private let lock = NSLock()
    private var closed = false

    /// Starts libedit on `input`/`output` (both terminals). `history` supplies the up/down
    /// arrow entries and receives lines read with `recordInHistory`; `completion` answers TAB.
    /// `terminalType` overrides `$TERM`. With `restoresOnTermination`, SIGTERM/SIGHUP handlers
    /// restore this terminal's modes (see `TerminalModeGuard`); tests running in-process pass false.
    public init(
        input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, history: LineHistory? = nil,
        completion: CompletionProvider? = nil, terminalType: String? = nil, restoresOnTermination: Bool = true
    ) throws(LineEditorError) {
        guard isatty(input) == 1 else { throw .notATerminal(fileDescriptor: input) }
        guard isatty(output) == 1 else { throw .notATerminal(fileDescriptor: output) }
        guard let locale = Self.utf8Locale() else { throw .noUTF8Locale }
        let modes: TerminalModeGuard
        do {
            modes = try TerminalModeGuard(fileDescriptor: input)
        } catch {
            throw .notATerminal(fileDescriptor: input)
        }
        state = try EditorState(
            input: input, output: output, locale: locale, history: history, completion: completion,
            terminalType: terminalType ?? ProcessInfo.processInfo.environment["TERM"], modes: modes)
        if restoresOnTermination {
            modes.restoreOnTermination()
            state.restoresOnTermination = true
        }
    }

    public var isInteractive: Bool { true }

    public func readLine(_ options: ReadOptions) -> LineReadResult {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return .endOfInput }
        return state.read(options)
    }

    /// Saves the history, restores the terminal modes found at start and frees libedit. Idempotent.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        closed = true
        state.finish()
    }

    deinit {
        close()
    }

    /// The current locale's LC_CTYPE if it is UTF-8, else C.UTF-8, else en_US.UTF-8.
    static func utf8Locale() -> locale_t? {
        for name in ["", "C.UTF-8", "en_US.UTF-8"] {
            guard let locale = newlocale(LC_CTYPE_MASK, name, nil) else { continue }
            if let codeset = nl_langinfo_l(nl_item(CODESET), locale), String(cString: codeset) == "UTF-8" {
                return locale
            }
            freelocale(locale)
        }
        return nil
    }
}

/// Key codes the character reader feeds libedit for its own purposes (C1 controls nobody types).
private enum SyntheticKey {
    /// Bound to `attest-tick`: redraws the line after the status text changed.
    static let tick: wchar_t = 0x91
    /// Bound to `attest-status-line`: writes the status as a line of its own (it has no room on the line).
    static let statusLine: wchar_t = 0x92
}

/// libedit's state plus everything the C callbacks need, reached through EL_CLIENTDATA.
private final class EditorState {
    let input: Int32
    let output: Int32
    let locale: locale_t
    let history: LineHistory?
    let completion: CompletionProvider?
    let modes: TerminalModeGuard
    var restoresOnTermination = false
    let editLine: OpaquePointer
    let libeditHistory: OpaquePointer
    /// An always-empty history for reads that are not recorded (quiz answers, yes/no prompts): ↑ there
    /// must not bring commands onto the line.
    let unrecordedHistory: OpaquePointer
    let inputFile: UnsafeMutablePointer<FILE>
    let outputFile: UnsafeMutablePointer<FILE>

    var prompt = WideBuffer()
    var status = WideBuffer()
    /// The names and help texts of the functions added with EL_ADDFN. libedit keeps the pointers, not
    /// copies, and looks names up again at every bind: they must live as long as `editLine`.
    private var functionTexts: [WideBuffer] = []
    var statusVisible = false
    /// The prompt without escape sequences, for measuring the room left for the status.
    var promptText = ""
    /// Whether the status was written as a line of its own during this read (done at most once per read).
    var statusLineWritten = false

    // The read in progress.
    var deadline: ContinuousClock.Instant?
    var statusText: (@Sendable (Duration) -> String)?
    var completionEnabled = false
    var outcome: LineReadResult?
    var bytes: [UInt8] = []
    var pending: [wchar_t] = []
    var interruptCharacter: UInt8 = 0x03

    init(
        input: Int32, output: Int32, locale: locale_t, history: LineHistory?, completion: CompletionProvider?,
        terminalType: String?, modes: TerminalModeGuard
    ) throws(LineEditorError) {
        self.input = input
        self.output = output
        self.locale = locale
        self.history = history
        self.completion = completion
        self.modes = modes
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        guard let inputFile = fdopen(dup(input), "r"), let outputFile = fdopen(dup(output), "w") else {
            throw .cannotStart("cannot open the terminal streams")
        }
        guard let editLine = el_init_fd("attest", inputFile, outputFile, outputFile, input, output, output) else {
            fclose(inputFile)
            fclose(outputFile)
            throw .cannotStart("el_init failed")
        }
        guard let libeditHistory = history_winit(), let unrecordedHistory = history_winit() else {
            el_end(editLine)
            fclose(inputFile)
            fclose(outputFile)
            throw .cannotStart("history_winit failed")
        }
        self.unrecordedHistory = unrecordedHistory
        self.inputFile = inputFile
        self.outputFile = outputFile
        self.editLine = editLine
        self.libeditHistory = libeditHistory
        configure(terminalType: terminalType)
    }

    private func configure(terminalType: String?) {
        attest_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        if let terminalType, !terminalType.isEmpty { attest_el_set_terminal(editLine, terminalType) }
        withWide("emacs") { _ = attest_el_set_editor(editLine, $0) }
        attest_el_set_signal(editLine, 0)
        // Ctrl-C, Ctrl-Z and Ctrl-\ reach the reader as keys instead of raising signals.
        withWide("-isig") { _ = attest_el_setty_edit(editLine, $0) }
        attest_el_set_prompt_esc(editLine, promptCallback, 1)
        attest_el_set_rprompt_esc(editLine, statusCallback, 1)
        attest_el_set_getcfn(editLine, readCharacterCallback)

        attest_history_setsize(libeditHistory, 1000)
        attest_history_setunique(libeditHistory, 1)
        attest_el_set_hist(editLine, libeditHistory)
        for entry in history?.entries ?? [] {
            withWide(entry) { _ = attest_history_enter(libeditHistory, $0) }
        }

        bind(key: SyntheticKey.tick, name: "attest-tick", help: "Redraw the countdown", function: tickCallback)
        bind(key: SyntheticKey.statusLine, name: "attest-status-line", help: "Write the countdown as a line",
             function: statusLineCallback)
        bind(key: 0x09, name: "attest-complete", help: "Complete the word", function: completeCallback)
    }

    private func bind(key: wchar_t, name: String, help: String, function: attest_el_fn) {
        var wideName = WideBuffer()
        wideName.set(name)
        var wideHelp = WideBuffer()
        wideHelp.set(help)
        functionTexts += [wideName, wideHelp]
        _ = attest_el_add_function(editLine, wideName.pointer, wideHelp.pointer, function)
        let keyString: [wchar_t] = [key, 0]
        keyString.withUnsafeBufferPointer { _ = attest_el_bind(editLine, $0.baseAddress, wideName.pointer) }
    }

    func read(_ options: ReadOptions) -> LineReadResult {
        let previousLocale = uselocale(locale)
        defer { uselocale(previousLocale) }
        let before = try? TerminalModeGuard(fileDescriptor: input)
        var modes = termios()
        // The terminal's interrupt key (VINTR, c_cc[0] on Linux), Ctrl-C unless reconfigured or disabled.
        if tcgetattr(input, &modes) == 0, modes.c_cc.0 != 0 { interruptCharacter = modes.c_cc.0 }
        prompt.set(Self.markEscapes(options.prompt))
        promptText = Self.withoutEscapes(options.prompt)
        statusLineWritten = false
        deadline = options.deadline
        statusText = options.deadline == nil ? nil : options.status
        completionEnabled = options.completion && completion != nil
        attest_el_set_hist(editLine, options.recordInHistory ? libeditHistory : unrecordedHistory)
        outcome = nil
        updateStatus()
        guard takeTypedAhead() else { return .endOfInput }
        pending.insert(contentsOf: options.initialText.unicodeScalars.map { wchar_t(bitPattern: $0.value) }, at: 0)
        // libedit would enter edit mode only at the first key, after drawing the prompt: keys typed
        // in between would be echoed and edited by the terminal driver. Enter it before the prompt.
        attest_el_prep_term(editLine, 1)
        // The window may have changed size since the last read (no reader was drawing then).
        el_resize(editLine)

        TerminationSignals.beginWaiting()
        var count: Int32 = 0
        let line = el_wgets(editLine, &count)
        TerminationSignals.endWaiting()
        before?.restore()

        let text = line.map { Self.string(from: $0, count: Int(max(0, count))) } ?? ""
        let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
        if let outcome {
            switch outcome {
            case .timedOut: return .timedOut(partial: trimmed)
            default: return outcome
            }
        }
        guard line != nil, count > 0 else {
            writeOutput("\n")
            return .endOfInput
        }
        if options.recordInHistory, !trimmed.allSatisfy(\.isWhitespace) {
            // A history file that cannot be written must not stop the session: the entry stays in memory.
            _ = try? history?.add(trimmed)
            withWide(trimmed) { _ = attest_history_enter(libeditHistory, $0) }
        }
        return .line(trimmed)
    }

    func finish() {
        let previousLocale = uselocale(locale)
        _ = try? history?.save()
        el_end(editLine)
        history_wend(libeditHistory)
        history_wend(unrecordedHistory)
        fclose(inputFile)
        fclose(outputFile)
        modes.restore()
        if restoresOnTermination { modes.stopRestoringOnTermination() }
        uselocale(previousLocale)
        freelocale(locale)
        prompt.free()
        status.free()
        functionTexts.forEach { $0.free() }
    }

    // MARK: Character reader

    /// The next key for libedit: typed input decoded from UTF-8, or a synthetic key.
    func nextCharacter(_ character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        if outcome != nil {
            if statusVisible {
                status.set("")
                statusVisible = false
                character.pointee = SyntheticKey.tick
            } else {
                character.pointee = 0x0A
            }
            return 1
        }
        while true {
            if !pending.isEmpty {
                let next = pending.removeFirst()
                if next == wchar_t(interruptCharacter) {
                    pending.removeAll()
                    outcome = .interrupted
                    return nextCharacter(character)
                }
                if (next == 0x0A || next == 0x0D) && statusVisible {
                    // Take the countdown off the line before it is accepted.
                    pending.insert(next, at: 0)
                    status.set("")
                    statusVisible = false
                    character.pointee = SyntheticKey.tick
                    return 1
                }
                character.pointee = next
                return 1
            }
            if statusHasNoRoom() {
                statusLineWritten = true
                character.pointee = SyntheticKey.statusLine
                return 1
            }
            let limit = nextWakeUp()
            switch InputWaiter.wait(for: input, until: limit) {
            case .readable:
                if !fill() { return bytes.isEmpty ? 0 : flushInvalidBytes(character) }
            case .reachedLimit:
                if let deadline, ContinuousClock.now >= deadline {
                    // Keys typed after the deadline must not leak into the next question.
                    pending.removeAll()
                    bytes.removeAll()
                    outcome = .timedOut(partial: "")
                    return nextCharacter(character)
                }
                updateStatus()
                character.pointee = SyntheticKey.tick
                return 1
            case let .signal(sig):
                outcome = .terminated(signal: sig)
                return nextCharacter(character)
            case .resized:
                // libedit learns the new width and forgets what it drew; the tick redraws the line.
                el_resize(editLine)
                character.pointee = SyntheticKey.tick
                return 1
            case .failed:
                return -1
            }
        }
    }

    /// When to stop waiting: the deadline, or sooner when the countdown shows and its
    /// displayed whole second changes.
    private func nextWakeUp() -> ContinuousClock.Instant? {
        guard let deadline else { return nil }
        guard statusText != nil else { return deadline }
        let shown = Self.wholeSeconds(ContinuousClock.now.duration(to: deadline))
        return shown > 1 ? deadline - .seconds(shown - 1) : deadline
    }

    private func updateStatus() {
        guard let deadline, let statusText else {
            if statusVisible { status.set("") }
            statusVisible = false
            return
        }
        let remaining = Self.wholeSeconds(ContinuousClock.now.duration(to: deadline))
        status.set(Self.markEscapes(statusText(.seconds(remaining))))
        statusVisible = true
    }

    /// Takes a whole line or an end-of-file (Ctrl-D) typed between reads, while the terminal was in
    /// its own line-editing mode: entering edit mode would turn that end-of-file into a NUL key and
    /// lose it. A line becomes keys for libedit. Returns false for an end-of-file.
    private func takeTypedAhead() -> Bool {
        var modes = termios()
        guard tcgetattr(input, &modes) == 0, modes.c_lflag & tcflag_t(ICANON) != 0 else { return true }
        var waiting = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
        // In line mode the input is readable only once a whole line or an end-of-file is there.
        guard poll(&waiting, 1, 0) == 1, waiting.revents & Int16(POLLIN) != 0 else { return true }
        return fill()
    }

    /// Reads what is available and decodes every complete UTF-8 sequence into `pending`;
    /// invalid bytes become U+FFFD. Returns false at end of input.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = Glibc.read(input, &chunk, chunk.count)
        if count < 0 { return errno == EINTR || errno == EAGAIN }
        if count == 0 { return false }
        bytes.append(contentsOf: chunk[0..<count])
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >= 0xF0 && lead < 0xF8 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
            if length == 0 || lead >= 0xF8 {
                pending.append(0xFFFD)
                index += 1
                continue
            }
            if index + length > bytes.count {
                let available = bytes[(index + 1)...]
                if available.allSatisfy({ $0 & 0xC0 == 0x80 }) { break }
            }
            let sequence = bytes[index..<min(index + length, bytes.count)]
            var iterator = sequence.makeIterator()
            var decoder = UTF8()
            if case let .scalarValue(scalar) = decoder.decode(&iterator), sequence.count == length {
                pending.append(wchar_t(bitPattern: scalar.value))
                index += length
            } else {
                pending.append(0xFFFD)
                index += 1
            }
        }
        bytes.removeFirst(index)
        return true
    }

    private func flushInvalidBytes(_ character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        bytes.removeAll()
        character.pointee = 0xFFFD
        return 1
    }

    /// Whether the status shows but libedit has no room to draw it right of the typed text (it then
    /// draws nothing): the prompt, the line and the status need the width with two columns to spare.
    private func statusHasNoRoom() -> Bool {
        guard statusVisible, !statusLineWritten, let info = el_wline(editLine) else { return false }
        let typed = Self.string(from: info.pointee.buffer, count: info.pointee.lastchar - info.pointee.buffer)
        let needed = Self.columns(promptText) + Self.columns(typed) + Self.columns(Self.string(from: status.pointer)) + 2
        return needed > terminalWidth()
    }

    // MARK: Bound functions

    /// Writes the status on a line of its own above the prompt, which libedit then draws again.
    func writeStatusLine() -> UInt8 {
        writeOutput("\n" + Self.string(from: status.pointer).replacingOccurrences(of: "\u{1}", with: "") + "\n")
        return UInt8(CC_REDISPLAY)
    }

    /// TAB: completes the word left of the cursor from the provider's answer.
    func complete() -> UInt8 {
        guard completionEnabled, let completion, let info = el_wline(editLine) else { return UInt8(CC_ERROR) }
        let before = Self.string(from: info.pointee.buffer, count: info.pointee.cursor - info.pointee.buffer)
        switch Completion.action(for: completion(before)) {
        case let .insert(text):
            withWide(text) { _ = el_winsertstr(editLine, $0) }
            return UInt8(CC_REFRESH)
        case let .list(items):
            let width = terminalWidth()
            let safe = items.map(Self.displayable)
            writeOutput("\n" + Completion.columns(safe, width: width).joined(separator: "\n") + "\n")
            return UInt8(CC_REDISPLAY)
        case .none:
            return UInt8(CC_ERROR)
        }
    }

    // MARK: Helpers

    /// The window's width in columns (80 when unknown).
    func terminalWidth() -> Int {
        var size = winsize()
        return ioctl(output, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }

    /// Columns `text` takes on the terminal (wcwidth in the reader's UTF-8 locale; controls count as none).
    static func columns(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + max(0, Int(wcwidth(wchar_t(bitPattern: $1.value)))) }
    }

    /// `text` without the escape sequences `markEscapes` would mark.
    static func withoutEscapes(_ text: String) -> String {
        let marked = markEscapes(text)
        var out = String.UnicodeScalarView()
        var inside = false
        for scalar in marked.unicodeScalars {
            if scalar == "\u{1}" { inside.toggle() } else if !inside { out.append(scalar) }
        }
        return String(out)
    }

    /// A NUL-terminated wide string as a Swift string.
    static func string(from pointer: UnsafePointer<wchar_t>) -> String {
        var count = 0
        while pointer[count] != 0 { count += 1 }
        return string(from: pointer, count: count)
    }

    func writeOutput(_ text: String) {
        fflush(outputFile)
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(output, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    private func withWide<T>(_ text: String, _ body: (UnsafePointer<wchar_t>) -> T) -> T {
        let wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
        return wide.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    static func string(from pointer: UnsafePointer<wchar_t>, count: Int) -> String {
        var text = String.UnicodeScalarView()
        for index in 0..<count {
            text.append(Unicode.Scalar(UInt32(bitPattern: pointer[index])) ?? "\u{FFFD}")
        }
        return String(text)
    }

    /// Whole seconds left, rounded up (what a countdown shows).
    static func wholeSeconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        return attoseconds > 0 ? seconds + 1 : seconds
    }

    /// Wraps each escape sequence in `\u{1}` so libedit does not count it in the prompt width.
    static func markEscapes(_ text: String) -> String {
        var out = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else {
                if scalar != "\u{1}" { out.unicodeScalars.append(scalar) }
                continue
            }
            out += "\u{1}\u{1B}"
            if let next = scalars.next() {
                out.unicodeScalars.append(next)
                if next == "[" {
                    while let parameter = scalars.next() {
                        out.unicodeScalars.append(parameter)
                        if (0x40...0x7E).contains(parameter.value) { break }
                    }
                }
            }
            out += "\u{1}"
        }
        return out
    }

    /// A completion candidate with control characters made visible, safe to print.
    static func displayable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control ? "\u{FFFD}" : $0
        }))
    }
}

/// A NUL-terminated wide string whose address stays valid for as long as libedit may read it
/// (the prompt callbacks, the names of added functions).
private struct WideBuffer {
    private(set) var pointer = UnsafeMutablePointer<wchar_t>.allocate(capacity: 1)
    private var capacity = 1

    init() {
        pointer.initialize(to: 0)
    }

    mutating func set(_ text: String) {
        let wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        if wide.count + 1 > capacity {
            pointer.deallocate()
            capacity = wide.count + 1
            pointer = .allocate(capacity: capacity)
        }
        for (index, value) in wide.enumerated() { pointer[index] = value }
        pointer[wide.count] = 0
    }

    func free() {
        pointer.deallocate()
    }
}

private func editorState(_ editLine: OpaquePointer?) -> EditorState? {
    guard let editLine, let data = attest_el_get_clientdata(editLine) else { return nil }
    return Unmanaged<EditorState>.fromOpaque(data).takeUnretainedValue()
}

private let promptCallback: attest_el_wprompt_fn = { editLine in
    editorState(editLine)?.prompt.pointer
}

private let statusCallback: attest_el_wprompt_fn = { editLine in
    editorState(editLine)?.status.pointer
}

private let readCharacterCallback: el_rfunc_t = { editLine, character in
    guard let state = editorState(editLine), let character else { return -1 }
    return state.nextCharacter(character)
}

private let tickCallback: attest_el_fn = { _, _ in
    UInt8(CC_REFRESH)
}

private let statusLineCallback: attest_el_fn = { editLine, _ in
    editorState(editLine)?.writeStatusLine() ?? UInt8(CC_ERROR)
}

private let completeCallback: attest_el_fn = { editLine, _ in
    editorState(editLine)?.complete() ?? UInt8(CC_ERROR)
}
