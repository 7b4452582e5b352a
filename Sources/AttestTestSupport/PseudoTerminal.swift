import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What went wrong driving a pseudo-terminal in a test.
public enum PseudoTerminalError: LocalizedError {
    case cannotOpen(String)
    case cannotSpawn(executable: String, reason: String)
    case cannotWrite(String)
    /// `waitFor` gave up; carries everything received since the last match, for the failure message.
    case timedOut(waitingFor: String, received: String)
    /// `waitForExit` gave up while the child was still running.
    case stillRunning(pid: Int32)
    /// `waitForExit` on a terminal made with `init` (no child).
    case noChildProcess

    public var errorDescription: String? {
        switch self {
        case let .cannotOpen(reason): "Could not open a pseudo-terminal: \(reason)."
        case let .cannotSpawn(executable, reason): "Could not start \(executable) under a pseudo-terminal: \(reason)."
        case let .cannotWrite(reason): "Could not write to the pseudo-terminal: \(reason)."
        case let .timedOut(text, received):
            "Timed out waiting for \(text.debugDescription); received since the last match: \(received.debugDescription)"
        case let .stillRunning(pid): "Process \(pid) was still running when the wait timed out."
        case .noChildProcess: "This pseudo-terminal has no child process (it was made for in-process use)."
        }
    }
}

/// The terminal modes (what `stty -a` shows) of a terminal, comparable before and after a
/// program ran to prove it restored them.
public struct TerminalModes: Equatable, Sendable, CustomStringConvertible {
    public var inputFlags: UInt32
    public var outputFlags: UInt32
    public var controlFlags: UInt32
    public var localFlags: UInt32
    /// The special characters (`c_cc`), e.g. index `VINTR` is the interrupt key.
    public var controlCharacters: [UInt8]
    public var inputSpeed: UInt32
    public var outputSpeed: UInt32

    /// Reads the modes of `fileDescriptor` (on Linux a pty master reports its slave's modes).
    public init(fileDescriptor: Int32) throws(PseudoTerminalError) {
        var modes = termios()
        guard tcgetattr(fileDescriptor, &modes) == 0 else {
            throw .cannotOpen("tcgetattr failed: \(PseudoTerminal.describe(errno))")
        }
        inputFlags = modes.c_iflag
        outputFlags = modes.c_oflag
        controlFlags = modes.c_cflag
        localFlags = modes.c_lflag
        controlCharacters = withUnsafeBytes(of: modes.c_cc) { Array($0) }
        inputSpeed = cfgetispeed(&modes)
        outputSpeed = cfgetospeed(&modes)
    }

    /// Whether canonical (line-by-line) input is on.
    public var isCanonical: Bool { localFlags & UInt32(ICANON) != 0 }
    /// Whether typed characters are echoed by the terminal driver.
    public var echoes: Bool { localFlags & UInt32(ECHO) != 0 }
    /// Whether Ctrl-C and friends raise signals.
    public var raisesSignals: Bool { localFlags & UInt32(ISIG) != 0 }

    public var description: String {
        let local: [(String, Int32)] = [("isig", ISIG), ("icanon", ICANON), ("echo", ECHO), ("echoe", ECHOE),
                                        ("echok", ECHOK), ("echoctl", ECHOCTL), ("iexten", IEXTEN)]
        let input: [(String, Int32)] = [("icrnl", ICRNL), ("ixon", IXON), ("iutf8", IUTF8)]
        let output: [(String, Int32)] = [("opost", OPOST), ("onlcr", ONLCR)]
        func flags(_ table: [(String, Int32)], _ value: UInt32) -> String {
            table.map { (value & UInt32($0.1) != 0 ? "" : "-") + $0.0 }.joined(separator: " ")
        }
        return "\(flags(local, localFlags)) \(flags(input, inputFlags)) \(flags(output, outputFlags)) "
            + String(format: "iflag=%o oflag=%o cflag=%o lflag=%o", inputFlags, outputFlags, controlFlags, localFlags)
            + " cc=\(controlCharacters)"
    }
}

/// glibc's POSIX_SPAWN_SETSID (spawn.h, a GNU extension Swift does not import): the child
/// starts a new session, so the pty it opens becomes its controlling terminal.
private let posixSpawnSetsid: Int32 = 0x80

/// A pseudo-terminal for end-to-end tests of terminal behaviour.
///
/// Two uses:
/// - `PseudoTerminal.spawn(...)` starts an executable (e.g. the built `attest`) as a session
///   leader whose controlling terminal is the pty slave, with `TERM=xterm-256color` and a
///   100x30 window; the test types with `send`, reads the screen output with `waitFor`, and
///   collects the exit status with `waitForExit`. The child is killed on `close()`/deinit.
/// - `PseudoTerminal()` just opens a master/slave pair: code under test (a line reader) runs
///   in-process on `slaveDescriptor`, usually on a background thread, while the test drives
///   the master.
///
/// Output is drained continuously by a background thread (so the child never blocks on a full
/// pty) and kept unmodified; `PseudoTerminal.strippingEscapes` removes ANSI sequences. Every
/// wait takes a timeout, so a test can fail but never hang.
public final class PseudoTerminal: @unchecked Sendable {
    /// Byte sequences of common keys, as a terminal in its default mode sends them.
    public enum Key {
        public static let enter = "\r"
        public static let tab = "\t"
        public static let backspace = "\u{7F}"
        public static let escape = "\u{1B}"
        public static let ctrlA = "\u{01}"
        public static let ctrlC = "\u{03}"
        public static let ctrlD = "\u{04}"
        public static let ctrlE = "\u{05}"
        public static let ctrlU = "\u{15}"
        public static let up = "\u{1B}[A"
        public static let down = "\u{1B}[B"
        public static let right = "\u{1B}[C"
        public static let left = "\u{1B}[D"
    }

    /// The controlling side, written by `send` and read into `output`.
    public let masterDescriptor: Int32
    /// The terminal side for in-process use; -1 for a spawned child (the child owns it).
    public private(set) var slaveDescriptor: Int32
    /// The path of the slave device (e.g. /dev/pts/3).
    public let slavePath: String
    /// The spawned child, if any.
    public private(set) var processID: pid_t?

    private let condition = NSCondition()
    private var received: [UInt8] = []
    private var matchedUpTo = 0
    private var readerFinished = false
    private var exitStatus: Int32?
    private var closed = false
    private let stopPipe: (read: Int32, write: Int32)

    /// Opens a pty pair with the given window size, for in-process use of `slaveDescriptor`.
    public init(columns: UInt16 = 100, rows: UInt16 = 30) throws(PseudoTerminalError) {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else {
            throw .cannotOpen("openpty: \(Self.describe(errno))")
        }
        // Not inherited by children spawned meanwhile (a spawned child opens the slave by path).
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        var name = [CChar](repeating: 0, count: 256)
        guard ttyname_r(slave, &name, name.count) == 0 else {
            Glibc.close(master)
            Glibc.close(slave)
            throw .cannotOpen("ttyname: \(Self.describe(errno))")
        }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            Glibc.close(master)
            Glibc.close(slave)
            throw .cannotOpen("pipe: \(Self.describe(errno))")
        }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        masterDescriptor = master
        slaveDescriptor = slave
        slavePath = path
        stopPipe = (fds[0], fds[1])
        let thread = Thread { [self] in drain() }
        thread.name = "PseudoTerminal output"
        thread.start()
    }

    /// Starts `executable` with `arguments` under a new pty. The environment is this process's,
    /// plus `TERM=xterm-256color`, plus `environment` (which wins).
    public static func spawn(
        executable: String, arguments: [String] = [], environment: [String: String] = [:],
        columns: UInt16 = 100, rows: UInt16 = 30
    ) throws(PseudoTerminalError) -> PseudoTerminal {
        let terminal = try PseudoTerminal(columns: columns, rows: rows)
        var variables = ProcessInfo.processInfo.environment
        variables["TERM"] = "xterm-256color"
        variables.merge(environment) { _, new in new }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // After setsid, opening the slave without O_NOCTTY makes it the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, terminal.slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(
            &attributes, Int16(posixSpawnSetsid | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            terminal.close()
            throw .cannotSpawn(executable: executable, reason: Self.describe(status))
        }
        terminal.processID = pid
        // The child has its own slave descriptor; keeping ours would hide its hang-up.
        Glibc.close(terminal.slaveDescriptor)
        terminal.slaveDescriptor = -1
        return terminal
    }

    deinit {
        close()
    }

    /// Types `keys` (UTF-8) as if at the keyboard; see `Key` for special keys.
    public func send(_ keys: String) throws(PseudoTerminalError) {
        var bytes = Array(keys.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(masterDescriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(Self.describe(errno))
            }
            offset += written
        }
    }

    /// Waits until `text` appears in the output received after the previous match, and returns
    /// that output up to and including `text` (raw, escapes included). With `ignoringEscapes`
    /// the search (and the result) use the output with ANSI escapes stripped.
    @discardableResult
    public func waitFor(
        _ text: String, timeout: Duration = .seconds(5), ignoringEscapes: Bool = false
    ) throws(PseudoTerminalError) -> String {
        let limit = Date().addingTimeInterval(Self.seconds(timeout))
        let needle = Array(text.utf8)
        condition.lock()
        defer { condition.unlock() }
        while true {
            let pending = Array(received[matchedUpTo...])
            if ignoringEscapes {
                if let (rawLength, stripped) = Self.findIgnoringEscapes(text, in: pending) {
                    matchedUpTo += rawLength
                    return stripped
                }
            } else if let end = Self.find(needle, in: pending) {
                matchedUpTo += end
                return String(decoding: pending[..<end], as: UTF8.self)
            }
            if readerFinished || Date() >= limit {
                throw .timedOut(waitingFor: text, received: String(decoding: pending, as: UTF8.self))
            }
            _ = condition.wait(until: limit)
        }
    }

    /// Everything received so far (not consumed by `waitFor`).
    public var output: String {
        condition.withLock { String(decoding: received, as: UTF8.self) }
    }

    /// The output received after the last `waitFor` match.
    public var unmatchedOutput: String {
        condition.withLock { String(decoding: received[matchedUpTo...], as: UTF8.self) }
    }

    /// Waits for the spawned child to exit: its exit code, or 128 + the signal that killed it
    /// (the shell convention, so SIGTERM gives 143).
    public func waitForExit(timeout: Duration = .seconds(5)) throws(PseudoTerminalError) -> Int32 {
        guard let pid = processID else { throw .noChildProcess }
        if let exitStatus { return exitStatus }
        let limit = Date().addingTimeInterval(Self.seconds(timeout))
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let code = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
                exitStatus = code
                return code
            }
            if result < 0, errno != EINTR { throw .noChildProcess }
            if Date() >= limit { throw .stillRunning(pid: pid) }
            usleep(5_000)
        }
    }

    /// Changes the window size, as a terminal emulator does when its window is resized. The
    /// kernel sends SIGWINCH to a spawned child (the terminal's foreground process group);
    /// an in-process reader must be sent the signal by the test.
    public func resize(columns: UInt16, rows: UInt16) throws(PseudoTerminalError) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard ioctl(masterDescriptor, UInt(TIOCSWINSZ), &size) == 0 else {
            throw .cannotWrite("TIOCSWINSZ: \(Self.describe(errno))")
        }
    }

    /// The modes of the terminal right now (read through the master, which reports the slave's).
    public func terminalModes() throws(PseudoTerminalError) -> TerminalModes {
        try TerminalModes(fileDescriptor: masterDescriptor)
    }

    /// Kills the child (its whole session) if still running, stops reading and closes the
    /// descriptors. Idempotent.
    public func close() {
        let alreadyClosed = condition.withLock {
            defer { closed = true }
            return closed
        }
        guard !alreadyClosed else { return }
        if let pid = processID, exitStatus == nil {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            _ = try? waitForExit(timeout: .seconds(5))
        }
        var byte: UInt8 = 1
        _ = write(stopPipe.write, &byte, 1)
        condition.lock()
        let limit = Date().addingTimeInterval(5)
        while !readerFinished, condition.wait(until: limit) {}
        condition.unlock()
        Glibc.close(masterDescriptor)
        if slaveDescriptor >= 0 { Glibc.close(slaveDescriptor) }
        Glibc.close(stopPipe.read)
        Glibc.close(stopPipe.write)
    }

    /// `text` without ANSI escape sequences (CSI, OSC and two-character escapes).
    public static func strippingEscapes(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\u{1B}" else {
                out.append(scalar)
                continue
            }
            guard let kind = iterator.next() else { break }
            switch kind {
            case "[":
                while let next = iterator.next(), !(0x40...0x7E).contains(next.value) {}
            case "]":
                var previous: Unicode.Scalar = " "
                while let next = iterator.next() {
                    if next == "\u{7}" || (previous == "\u{1B}" && next == "\\") { break }
                    previous = next
                }
            case "(", ")", "*", "+":
                _ = iterator.next()
            default:
                break
            }
        }
        return String(out)
    }

    // MARK: Private

    private func drain() {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            var fds = [pollfd(fd: masterDescriptor, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if fds[1].revents != 0 { break }
            if fds[0].revents != 0 {
                let count = read(masterDescriptor, &chunk, chunk.count)
                if count < 0, errno == EINTR || errno == EAGAIN { continue }
                if count <= 0 { break }  // EIO: every slave descriptor is closed.
                condition.withLock {
                    received.append(contentsOf: chunk[0..<count])
                    condition.broadcast()
                }
            }
        }
        condition.withLock {
            readerFinished = true
            condition.broadcast()
        }
    }

    /// The shortest prefix of `raw` whose escape-free text contains `text`: its length in bytes
    /// and that escape-free text.
    private static func findIgnoringEscapes(_ text: String, in raw: [UInt8]) -> (Int, String)? {
        let scalars = Array(String(decoding: raw, as: UTF8.self).unicodeScalars)
        func strippedPrefix(_ count: Int) -> String {
            strippingEscapes(String(String.UnicodeScalarView(scalars[0..<count])))
        }
        guard strippedPrefix(scalars.count).contains(text) else { return nil }
        var low = 0
        var high = scalars.count
        while low < high {
            let middle = (low + high) / 2
            if strippedPrefix(middle).contains(text) { high = middle } else { low = middle + 1 }
        }
        let bytes = scalars[0..<low].reduce(0) { $0 + UTF8.width($1) }
        return (bytes, strippedPrefix(low))
    }

    /// The end offset of the first occurrence of `needle` in `haystack`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start + needle.count }
        }
        return nil
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
