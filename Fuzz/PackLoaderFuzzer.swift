import AttestCore

/// libFuzzer entry point for the pack loader: any bytes through the JSON parser with positions and
/// every validation rule. A decoded pack must come with no error diagnostics, a rejected one with at
/// least one, and every diagnostic must point inside the file (1-based line and column).
@_cdecl("LLVMFuzzerTestOneInput")
public func packLoaderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = PackDecoder().decode(bytes: bytes, file: "fuzz.json", contentHash: "hash")
    let errors = result.diagnostics.filter { $0.severity == .error }
    if result.pack != nil {
        fuzzCheck(errors.isEmpty, "a pack was returned together with errors: \(errors)")
        fuzzCheck(result.pack?.contentHash == "hash", "the content hash was not stored")
    } else {
        fuzzCheck(!errors.isEmpty, "a pack was rejected without an error diagnostic")
    }
    let lineCount = bytes.lazy.filter { $0 == 0x0A }.count + 1
    for diagnostic in result.diagnostics {
        fuzzCheck(diagnostic.line >= 1 && diagnostic.line <= lineCount, "line \(diagnostic.line) outside 1...\(lineCount): \(diagnostic)")
        fuzzCheck(diagnostic.column >= 1 && diagnostic.column <= size + 1, "column \(diagnostic.column) outside the file: \(diagnostic)")
    }
    return 0
}
