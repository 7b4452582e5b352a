import AttestCore

/// libFuzzer entry point for question-bank exchange: the Moodle XML reader, GIFT streaming and the
/// exporters. The first byte picks the GIFT chunk size; the rest is a bank.
/// - Moodle XML: any pack it produces loads without an error, with the count it reported.
/// - GIFT and Aiken: fed in chunks of that size, the stream gives exactly what importing the whole text gives
///   (line ends split across chunks, a CR at a chunk's end, a BOM, over-long questions).
/// - Export: each pack imported above, written in all four formats, is not lost: GIFT and Moodle XML
///   read back into a pack that loads without an error.
@_cdecl("LLVMFuzzerTestOneInput")
public func interopFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let chunk = Int(bytes[0]) + 1
    let bank = bytes[1...]
    let text = String(decoding: bank, as: UTF8.self)
    var packs: [Pack] = []
    if let xml = try? MoodleXMLImporter.importPack(text, id: "fuzz-pack") {
        packs += load(xml, "moodle-xml")
    }
    guard let whole = try? GIFTImporter.importPack(text, id: "fuzz-pack"),
          var stream = try? GIFTStreamImporter(id: "fuzz-pack")
    else { fatalError("the GIFT importer refused the valid id fuzz-pack") }
    let streamed = stream.importing(text, chunkBytes: chunk)
    fuzzCheck(streamed == whole, "GIFT in \(chunk)-byte chunks differs from the whole text:\n\(streamed.issues)\n\(whole.issues)")
    guard let aiken = try? AikenImporter.importPack(text, id: "fuzz-pack"),
          var aikenStream = try? AikenStreamImporter(id: "fuzz-pack")
    else { fatalError("the Aiken importer refused the valid id fuzz-pack") }
    fuzzCheck(aikenStream.importing(text, chunkBytes: chunk) == aiken, "Aiken in \(chunk)-byte chunks differs from the whole text")
    packs += load(whole, "gift")
    for pack in packs {
        for format in PackExportFormat.allCases {
            let export = format.export(pack)
            let back: PackImportFormat? = format == .gift ? .gift : format == .moodleXML ? .moodleXML : nil
            guard let back, export.questionCount > 0 else { continue }
            guard let result = try? back.importPack(export.text, id: "fuzz-pack") else { fatalError("\(back) refused fuzz-pack") }
            fuzzCheck(!load(result, "\(format) round trip").isEmpty, "\(format) export of a loaded pack imported nothing:\n\(export.text)")
        }
    }
    return 0
}

/// The pack `result` holds, which must load without an error and with the reported count.
func load(_ result: PackImportResult, _ what: String) -> [Pack] {
    guard let json = result.json else {
        fuzzCheck(result.questionCount == 0, "\(what) counted \(result.questionCount) questions but produced no pack")
        return []
    }
    let loaded = PackDecoder().decode(bytes: Array(json.utf8), file: "imported.json")
    let errors = loaded.diagnostics.filter { $0.severity == .error }
    guard let pack = loaded.pack, errors.isEmpty else {
        fatalError("\(what) produced a pack that does not load:\n\(errors.map(\.description).joined(separator: "\n"))\n\(json)")
    }
    fuzzCheck(pack.questions.count == result.questionCount, "\(what) reported \(result.questionCount) questions, the pack has \(pack.questions.count)")
    return [pack]
}
