import Foundation

/// Reads an Aiken bank fed in chunks, line by line, in bounded memory: only the question being
/// read is held, and a line or a question longer than `GIFTStreamImporter.maximumQuestionBytes`
/// is dropped and reported with its line, so a bank of any size (or one enormous line) imports
/// without being held whole. Each line is read by `AikenImporter`.
public struct AikenStreamImporter {
    private var splitter = BankLineSplitter(maximumLineBytes: GIFTStreamImporter.maximumQuestionBytes)
    private var pack: ImportedPack
    private var question: AikenImporter.Open?
    private var questionBytes = 0

    public init(id: String, title: String? = nil) throws(PackImportError) {
        pack = try ImportedPack(id: id, title: title)
    }

    /// Reads the lines `chunk` completes.
    public mutating func feed(_ chunk: some Collection<UInt8>) {
        for line in splitter.feed(chunk) { take(line) }
    }

    /// Reads the last line and returns the pack.
    public mutating func finish() -> PackImportResult {
        for line in splitter.finish() { take(line) }
        if let current = question {
            pack.report(current.line, current.label, "skipped: the file ends before its ANSWER line")
        }
        return pack.result()
    }

    private mutating func take(_ line: BankLineSplitter.Line) {
        switch line {
        case let .tooLong(number, bytes):
            pack.report(number, "the line", "skipped: it runs to \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB, "
                + "and one line may take at most \(GIFTStreamImporter.maximumQuestionBytes / 1_048_576) MB")
        case let .text(number, text, repaired):
            if repaired {
                pack.report(number, "the line", "bytes that are not UTF-8 replaced with \u{FFFD} (save the bank as UTF-8)")
            }
            let open = question?.line
            AikenImporter.take(number, text, question: &question, into: &pack)
            questionBytes = question?.line == open ? questionBytes + text.utf8.count : text.utf8.count
            if let current = question, questionBytes > GIFTStreamImporter.maximumQuestionBytes {
                pack.report(current.line, "question", "skipped: it runs past \(GIFTStreamImporter.maximumQuestionBytes / 1_048_576) MB "
                    + "before its ANSWER line")
                question = nil
            }
        }
    }
}
