import Foundation

/// Reads a GIFT bank fed in chunks, question by question, in bounded memory: only the lines of
/// the question being read are held, and a question (or a single line) longer than
/// `maximumQuestionBytes` is dropped as it streams past and reported with its first line, so a
/// 50 MB file — even one 50 MB line — never has to be held whole.
///
/// Questions are separated by blank lines (as in Moodle); `//` comment lines are dropped, except
/// that their `[id:…]` and `[tag:…]` markers go to the question they precede. Each question is
/// read by `GIFTImporter` as soon as its blank line arrives.
public struct GIFTStreamImporter {
    /// The most bytes one question may take (its lines together).
    public static let maximumQuestionBytes = 1 << 20

    private var splitter = BankLineSplitter(maximumLineBytes: GIFTStreamImporter.maximumQuestionBytes)
    private var pack: ImportedPack
    private var category: String?
    private var current = GIFTImporter.GIFTBlock(lines: [], sourceID: nil, tags: [])
    private var currentBytes = 0
    /// The question being dropped because it is too long: its first line and the bytes seen so far.
    private var oversized: (line: Int, bytes: Int)?

    public init(id: String, title: String? = nil) throws(PackImportError) {
        pack = try ImportedPack(id: id, title: title)
    }

    /// Reads the questions `chunk` completes.
    public mutating func feed(_ chunk: some Collection<UInt8>) {
        for line in splitter.feed(chunk) { take(line) }
    }

    /// Reads the last question and returns the pack.
    public mutating func finish() -> PackImportResult {
        for line in splitter.finish() { take(line) }
        endBlock()
        return pack.result()
    }

    private mutating func take(_ line: BankLineSplitter.Line) {
        switch line {
        case let .tooLong(number, bytes):
            startDropping(at: number, adding: bytes)
        case let .text(number, text, repaired):
            if repaired {
                pack.report(number, "the line", "bytes that are not UTF-8 replaced with \u{FFFD} (save the bank as UTF-8)")
            }
            let trimmed = text.trimmingEdges(in: .whitespaces)
            if trimmed.hasPrefix("//") {
                guard oversized == nil else { return }
                for (name, value) in GIFTImporter.markers(in: trimmed) {
                    if name == "id" { current.sourceID = value } else if !current.tags.contains(value) { current.tags.append(value) }
                }
                return
            }
            if trimmed.isEmpty { return endBlock() }
            if var dropping = oversized {
                dropping.bytes += text.utf8.count
                oversized = dropping
                return
            }
            current.lines.append(GIFTImporter.Line(number: number, text: text))
            currentBytes += text.utf8.count + 1
            if currentBytes > Self.maximumQuestionBytes {
                startDropping(at: number, adding: 0)
            }
        }
    }

    /// Drops the question being read (it is too long), remembering where it started.
    private mutating func startDropping(at number: Int, adding bytes: Int) {
        if var dropping = oversized {
            dropping.bytes += bytes
            oversized = dropping
            return
        }
        oversized = (current.lines.first?.number ?? number, currentBytes + bytes)
        current = GIFTImporter.GIFTBlock(lines: [], sourceID: nil, tags: [])
        currentBytes = 0
    }

    /// A blank line (or the end): the question read so far is imported, or reported when too long.
    private mutating func endBlock() {
        if let dropping = oversized {
            oversized = nil
            let megabytes = Double(dropping.bytes) / 1_048_576
            pack.report(dropping.line, "question", "skipped: it runs to \(String(format: "%.1f", megabytes)) MB, and one question may take "
                + "at most \(Self.maximumQuestionBytes / 1_048_576) MB (is a blank line missing between questions?)")
            return
        }
        guard !current.lines.isEmpty else { return }
        let block = current
        current = GIFTImporter.GIFTBlock(lines: [], sourceID: nil, tags: [])
        currentBytes = 0
        GIFTImporter.take(block, category: &category, into: &pack)
    }
}
