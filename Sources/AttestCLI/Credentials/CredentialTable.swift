import AttestCore
import AttestStore
import Foundation

/// The `creds list` table, written from the store's rows as large UTF-8 blocks.
///
/// Each line shows the short id (dim), the name (bold, as wide as the widest name up to 36 columns),
/// the pack (22 columns), the earned and expiry days, and the status. A log of 100,000 credentials
/// repeats a few names and packs, so each distinct one is sanitized and laid out once; a line is
/// assembled from those cells as bytes, dates by integer arithmetic, and goes out in 256 KiB writes.
struct CredentialTable {
    let console: Console
    let now: Date
    /// Bytes gathered before a write.
    var blockSize = 1 << 18

    /// The widest a name cell gets, in columns.
    static let maxNameWidth = 36
    /// The pack cell's width in columns.
    static let packWidth = 22

    /// One line before layout: the cells it uses and its dates.
    private struct Line {
        /// The short id's 8 ASCII bytes, or 0 when the id needs the slow path (then `oddID` is its index).
        var shortID: UInt64
        var oddID: Int32
        var name: Int32
        var pack: Int32
        var status: CredentialStatus
        var awardedAt: Double
        var expiresAt: Double?
    }

    /// Writes `learner`'s credential log from `store`; false (and nothing written) when it is empty.
    func write(from store: AttestDatabase, learner: String) throws -> Bool {
        var names = ByteInterner()
        var packs = ByteInterner()
        var oddIDs: [String] = []
        var lines: [Line] = []
        try store.forEachCredentialLogRow(learner: learner) { row in
            var oddID: Int32 = -1
            let shortID = Self.shortID(row.utf8(.id)) ?? {
                oddID = Int32(oddIDs.count)
                oddIDs.append(row.text(.id))
                return 0
            }()
            let expiresAt = row.seconds(.expiresAt)
            let status = CredentialStatus(
                revokedAt: row.seconds(.revokedAt).map(Date.init(timeIntervalSince1970:)),
                expiresAt: expiresAt.map(Date.init(timeIntervalSince1970:)), at: now)
            lines.append(Line(
                shortID: shortID, oddID: oddID, name: names.number(of: row.utf8(.name)),
                pack: packs.number(of: row.utf8(.packID)), status: status, awardedAt: row.seconds(.awardedAt) ?? 0,
                expiresAt: expiresAt))
        }
        guard !lines.isEmpty else { return false }
        render(lines, names: names.values.map { String(decoding: $0, as: UTF8.self) },
               packs: packs.values.map { String(decoding: $0, as: UTF8.self) }, oddIDs: oddIDs)
        return true
    }

    private func render(_ lines: [Line], names: [String], packs: [String], oddIDs: [String]) {
        let nameWidth = min(Self.maxNameWidth, names.map { DisplayWidth.of($0) }.max() ?? 0)
        let nameCells = names.map { name in
            Array(console.styled(DisplayWidth.pad(DisplayWidth.truncate(
                TerminalText.sanitize(name, keepNewlines: false), to: nameWidth), to: nameWidth), .bold).utf8)
        }
        let packCells = packs.map { Array(DisplayWidth.pad(console.safe($0), to: Self.packWidth).utf8) }
        let oddIDCells = oddIDs.map { id in
            Array(console.styled(TerminalText.sanitize(
                String(id.dropFirst("urn:uuid:".count).prefix(8)), keepNewlines: false), .dim).utf8)
        }
        let statusCells: [CredentialStatus: [UInt8]] = [
            .valid: Array(console.styled("valid", .green).utf8), .expired: Array(console.styled("expired", .yellow).utf8),
            .revoked: Array(console.styled("revoked", .red).utf8),
        ]
        let dimOn = console.useColor ? Array(Style.dim.on.utf8) : []
        let dimOff = console.useColor ? Array(Style.off.utf8) : []
        let gap = Array("  ".utf8)
        let earned = Array(" earned ".utf8)
        let expires = Array(" · expires ".utf8)
        let noExpiry = Array(" · no expiry".utf8)

        var block: [UInt8] = []
        block.reserveCapacity(blockSize + 1_024)
        for line in lines {
            if line.oddID >= 0 {
                block += oddIDCells[Int(line.oddID)]
            } else {
                block += dimOn
                withUnsafeBytes(of: line.shortID.littleEndian) { block += $0 }
                block += dimOff
            }
            block += gap
            block += nameCells[Int(line.name)]
            block += gap
            block += packCells[Int(line.pack)]
            block += earned
            Self.appendDay(line.awardedAt, to: &block)
            if let expiresAt = line.expiresAt {
                block += expires
                Self.appendDay(expiresAt, to: &block)
            } else {
                block += noExpiry
            }
            block += gap
            block += statusCells[line.status]!
            block.append(UInt8(ascii: "\n"))
            if block.count >= blockSize {
                console.write(String(decoding: block, as: UTF8.self))
                block.removeAll(keepingCapacity: true)
            }
        }
        console.write(String(decoding: block, as: UTF8.self))
    }

    /// The 8 characters after `urn:uuid:` packed little-endian, when the id's first 17 bytes are printable
    /// ASCII and the 18th (if any) starts no combining sequence, so characters are bytes; nil otherwise.
    private static func shortID(_ id: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard id.count >= 17, id.count == 17 || id[17] < 0x80 else { return nil }
        var packed: UInt64 = 0
        for index in 0..<17 {
            let byte = id[index]
            guard byte >= 0x20, byte < 0x7F else { return nil }
            if index >= 9 { packed |= UInt64(byte) << (8 * UInt64(index - 9)) }
        }
        return packed
    }

    /// `seconds` as the day `DateText.day` prints, `2026-11-29`, in bytes.
    private static func appendDay(_ seconds: Double, to block: inout [UInt8]) {
        let date = Date(timeIntervalSince1970: seconds)
        let civil = CivilDate(date)
        guard (0...9_999).contains(civil.year) else {
            block += DateText.day(date).utf8
            return
        }
        appendDigits(civil.year, count: 4, to: &block)
        block.append(UInt8(ascii: "-"))
        appendDigits(civil.month, count: 2, to: &block)
        block.append(UInt8(ascii: "-"))
        appendDigits(civil.day, count: 2, to: &block)
    }

    /// `value` (not negative, below 10^count) as exactly `count` decimal digits.
    private static func appendDigits(_ value: Int64, count: Int, to block: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<count { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            block.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
