import AttestCore

/// libFuzzer entry point for the GIFT and Aiken importers. The input is a question bank, optionally
/// preceded by a pack title and a NUL byte. Both importers read it; any pack JSON they produce is fed
/// back through `PackDecoder` and must load without a single error, with the question count reported.
@_cdecl("LLVMFuzzerTestOneInput")
public func importerFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var title: String?
    var bank = bytes[...]
    if let nul = bytes.firstIndex(of: 0) {
        title = String(decoding: bytes[..<nul], as: UTF8.self)
        bank = bytes[(nul + 1)...]
    }
    let text = String(decoding: bank, as: UTF8.self)
    for format in PackImportFormat.allCases {
        let result: PackImportResult
        do {
            result = try format.importPack(text, id: "fuzz-pack", title: title)
        } catch .invalidTitle {
            continue  // a title with control characters is refused before reading the bank
        } catch {
            fatalError("\(format) refused the valid id fuzz-pack: \(error)")
        }
        guard let json = result.json else {
            fuzzCheck(result.questionCount == 0, "\(format) counted \(result.questionCount) questions but produced no pack")
            continue
        }
        let loaded = PackDecoder().decode(bytes: Array(json.utf8), file: "imported.json")
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        guard let pack = loaded.pack, errors.isEmpty else {
            fatalError("\(format) produced a pack that does not load:\n\(errors.map(\.description).joined(separator: "\n"))\n\(json)")
        }
        fuzzCheck(pack.questions.count == result.questionCount, "\(format) reported \(result.questionCount) questions, the pack has \(pack.questions.count)")
        fuzzCheck(pack.id == "fuzz-pack", "\(format) changed the pack id to \(pack.id)")
    }
    return 0
}
