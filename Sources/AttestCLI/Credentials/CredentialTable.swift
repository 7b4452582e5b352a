import AttestCredentials
import AttestCore
import AttestStore
import Foundation

/// The `creds list` table, written from the store's rows as large UTF-8 blocks.
///
/// Each line shows the short id (dim), the name (bold, as wide as the widest name up to 36 columns),
/// the pack (22 columns), the earned and expiry days, the status, and who vouches for it (self-assessed,
/// or the organisation that issued it: by its trust-list name, or by its claimed name as an unknown issuer). A log of 100,000 credentials
/// repeats a few names and packs, so each distinct one is sanitized and laid out once; a line is
/// assembled from those cells as bytes, its days by integer arithmetic (consecutive lines mostly share
/// a day), and the table goes out in 256 KiB writes.
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
        var rowID: Int64
        /// The short id's 8 ASCII bytes, or 0 when the id needs the slow path (then `oddID` is its index).
        var shortID: UInt64
        var oddID: Int32
        var name: Int32
        var pack: Int32
        var status: CredentialStatus
        /// Index into the issuer cells; 0 is this store's self-assessment.
        var issuer: Int32
        var awardedAt: Double
        var expiresAt: Double?
    }

    /// Writes `learner`'s credential log from `store`; false (and nothing written) when it is empty.
    func write(from store: AttestDatabase, learner: String) throws -> Bool {
        var names = ByteInterner()
        var packs = ByteInterner()
        var oddIDs: [String] = []
        var lines: [Line] = []
        let issuers = try CredentialIssuers(store: store, learner: learner)
        var issuerNumbers = [issuers.selfAssessed: Int32(0)]
        var issuerList = [issuers.selfAssessed]
        try store.forEachCredentialListingRow(learner: learner) { row in
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
            var issuer: Int32 = 0
            if issuers.anyOrganisation {
                let found = issuers.issuer(of: row.text(.id))
                issuer = issuerNumbers[found] ?? {
                    issuerList.append(found)
                    issuerNumbers[found] = Int32(issuerList.count - 1)
                    return Int32(issuerList.count - 1)
                }()
            }
            lines.append(Line(
                rowID: row.rowID, shortID: shortID, oddID: oddID, name: names.number(of: row.utf8(.name)),
                pack: packs.number(of: row.utf8(.packID)), status: status, issuer: issuer, awardedAt: row.seconds(.awardedAt) ?? 0,
                expiresAt: expiresAt))
        }
        guard !lines.isEmpty else { return false }
        Self.putLaterLoggedFirst(&lines)
        render(lines, names: names.strings, packs: packs.strings, oddIDs: oddIDs, issuers: issuerList)
        return true
    }

    /// The store leaves credentials awarded at the same moment in no set order: the one logged later goes first.
    private static func putLaterLoggedFirst(_ lines: inout [Line]) {
        var start = 0
        while start < lines.count {
            var end = start + 1
            while end < lines.count, lines[end].awardedAt == lines[start].awardedAt { end += 1 }
            if end - start > 1 { lines[start..<end].sort { $0.rowID > $1.rowID } }
            start = end
        }
    }

    private func render(
        _ lines: [Line], names: [String], packs: [String], oddIDs: [String], issuers: [CredentialIssuers.Issuer]
    ) {
        let nameWidth = min(Self.maxNameWidth, names.map { DisplayWidth.of($0) }.max() ?? 0)
        // Each cell carries the separators around it, so a line is a handful of appends.
        let nameCells = names.map { name in
            Array(("  " + console.styled(DisplayWidth.pad(DisplayWidth.truncate(
                TerminalText.sanitize(name, keepNewlines: false), to: nameWidth), to: nameWidth), .bold) + "  ").utf8)
        }
        let packCells = packs.map { Array((DisplayWidth.pad(console.safe($0), to: Self.packWidth) + " earned ").utf8) }
        let oddIDCells = oddIDs.map { id in
            Array(console.styled(TerminalText.sanitize(
                String(id.dropFirst("urn:uuid:".count).prefix(8)), keepNewlines: false), .dim).utf8)
        }
        let statusCells = [CredentialStatus.valid, .expired, .revoked].map { status in
            let style: Style = status == .valid ? .green : status == .expired ? .yellow : .red
            return (status, Array(("  " + console.styled(DisplayWidth.pad(status.rawValue, to: 7), style) + "  ").utf8))
        }
        let issuerCells = issuers.map { Array((issuerText($0) + "\n").utf8) }
        let dimOn = console.useColor ? Array(Style.dim.on.utf8) : []
        let dimOff = console.useColor ? Array(Style.off.utf8) : []
        let expires = Array(" · expires ".utf8)
        let noExpiry = Array(" · no expiry".utf8)
        var awardedDay = DayText()
        var expiryDay = DayText()

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
            block += nameCells[Int(line.name)]
            block += packCells[Int(line.pack)]
            block += awardedDay.bytes(line.awardedAt)
            if let expiresAt = line.expiresAt {
                block += expires
                block += expiryDay.bytes(expiresAt)
            } else {
                block += noExpiry
            }
            block += statusCells.first { $0.0 == line.status }!.1
            block += issuerCells[Int(line.issuer)]
            if block.count >= blockSize {
                block.withUnsafeBytes { console.write(utf8: $0) }
                block.removeAll(keepingCapacity: true)
            }
        }
        block.withUnsafeBytes { console.write(utf8: $0) }
    }

    /// Who vouches, as the line's last cell: plain for self-assessment, the trust-list name for a trusted
    /// organisation, the claimed name quoted and flagged for an unknown one.
    private func issuerText(_ issuer: CredentialIssuers.Issuer) -> String {
        switch issuer.trust {
        case .ownKey:
            return console.styled("self-assessed", .dim)
        case let .trusted(name):
            return "issued by " + console.styled(TerminalText.sanitize(name, keepNewlines: false), .bold) + " (trusted)"
        case .unknown:
            return "issued by " + console.safe(UntrustedText.quoted(issuer.claimedName, limit: 40)) + " "
                + console.styled("(unknown issuer)", .yellow)
        }
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
}

/// A day as `DateText.day` prints it (`2026-11-29`), in bytes, remembering the last one made.
private struct DayText {
    private var day: Int64?
    private var text: [UInt8] = []

    mutating func bytes(_ seconds: Double) -> [UInt8] {
        let whole = seconds.rounded(.down)
        // The same day as the last call: its text again (the log is in date order).
        if let day, let last = Double(exactly: day * 86_400), whole >= last, whole < last + 86_400 { return text }
        let date = Date(timeIntervalSince1970: seconds)
        let civil = CivilDate(date)
        text = Array(DateText.day(date).utf8)
        day = CivilDate.days(fromYear: civil.year, month: civil.month, day: civil.day)
        return text
    }
}
