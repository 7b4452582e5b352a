import AttestCore
import Foundation

/// libFuzzer entry point for arbitrary numbers and paths through the loaders. The first byte picks
/// what the rest of the input is written into:
///
/// - 0…15: one numeric field of a pack (the literal replaces the number in the JSON text): a pack that
///   loads keeps every duration, count and weight within `PackLimits` and can be planned and measured;
/// - 16: a pack's credential `image` path: one that loads is relative and never leaves the pack's folder;
/// - 17: a GIFT numeric answer (`{#…}`), imported and loaded;
/// - 18: seconds since 1970 (Swift's `Double` syntax) shown as a calendar date: always a year 0…9999;
/// - 19: a small tree of symbolic links (dangling ones and loops) built from the bytes in a scratch
///   folder, each path asked about with `SymbolicLinks.brokenLink`: it answers, never loops.
@_cdecl("LLVMFuzzerTestOneInput")
public func numbersPathsFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let mode = Int(data[0]) % 20
    let rest = Array(UnsafeBufferPointer(start: data + 1, count: min(size - 1, 256)))
    let text = String(decoding: rest, as: UTF8.self)
    switch mode {
    case 0..<16: numberInPack(text, field: mode)
    case 16: imagePath(text)
    case 17: giftNumber(text)
    case 18: date(text)
    default: links(rest)
    }
    return 0
}

/// The placeholders of `template`, in the order `mode` numbers them.
private let fields = [
    "@format@", "@level@", "@points@", "@qtime@", "@weight@", "@answer@", "@tolerance@", "@low@", "@high@",
    "@quiztime@", "@questiontime@", "@pass@", "@threshold@", "@draw@", "@days@", "@relative@",
]

private let defaults = [
    "@format@": "1", "@level@": "0.4", "@points@": "1", "@qtime@": "60", "@weight@": "2", "@answer@": "42",
    "@tolerance@": "0.5", "@low@": "1", "@high@": "5", "@quiztime@": "600", "@questiontime@": "60", "@pass@": "0.7",
    "@threshold@": "0.6", "@draw@": "2", "@days@": "365", "@relative@": "0.01", "@image@": "\"badge.png\"",
]

private let template = """
    {"format": @format@, "id": "p", "version": "1.0.0", "title": "P", "levels": {"developing": @level@},
     "skills": [{"id": "s", "name": "S"}, {"id": "t", "name": "T"}],
     "questions": [
      {"id": "q1", "type": "single", "skill": "s", "prompt": "?", "explanation": "x", "points": @points@, "timeLimit": @qtime@,
       "options": [{"text": "a", "correct": true}, {"text": "b"}]},
      {"id": "q2", "type": "numeric", "skills": {"s": @weight@, "t": 1}, "prompt": "?", "explanation": "x", "answer": @answer@, "tolerance": @tolerance@},
      {"id": "q3", "type": "numeric", "skill": "t", "prompt": "?", "explanation": "x", "range": [@low@, @high@]},
      {"id": "q4", "type": "numeric", "skill": "t", "prompt": "?", "explanation": "x", "answer": 10, "relativeTolerance": @relative@}],
     "quizzes": [{"id": "z", "title": "Z", "mode": "exam", "timeLimit": @quiztime@, "questionTimeLimit": @questiontime@,
       "passThreshold": @pass@, "skillThresholds": {"s": @threshold@}, "sections": [{"draw": @draw@, "from": {"skills": ["s", "t"]}}]}],
     "credentials": [{"id": "c", "name": "C", "description": "D", "criteria": {"skills": {"s": "proficient"}},
       "validForDays": @days@, "image": @image@}]}
    """

private func pack(replacing field: String, with literal: String) -> PackLoadResult {
    var text = template
    for (placeholder, value) in defaults { text = text.replacingOccurrences(of: placeholder, with: placeholder == field ? literal : value) }
    return PackDecoder().decode(bytes: Array(text.utf8), file: "fuzz.json")
}

private func numberInPack(_ literal: String, field: Int) {
    let result = pack(replacing: fields[field], with: literal)
    guard let pack = result.pack else {
        fuzzCheck(!result.errors.isEmpty, "a pack was rejected without an error")
        return
    }
    for question in pack.questions {
        fuzzCheck(question.points > 0 && question.points <= PackLimits.points, "points \(question.points) loaded")
        fuzzCheck((question.timeLimit ?? 1) > 0 && (question.timeLimit ?? 0) <= PackLimits.questionTimeLimit, "question timeLimit loaded")
        fuzzCheck(question.skills.allSatisfy { $0.weight > 0 && $0.weight <= PackLimits.skillWeight }, "a skill weight loaded out of range")
    }
    for quiz in pack.quizzes {
        fuzzCheck((quiz.timeLimit ?? 0) <= PackLimits.quizTimeLimit, "quiz timeLimit \(quiz.timeLimit ?? 0) loaded")
        fuzzCheck((quiz.questionTimeLimit ?? 0) <= PackLimits.questionTimeLimit, "questionTimeLimit loaded")
        fuzzCheck(quiz.sections.allSatisfy { ($0.count ?? 1) >= 1 && ($0.count ?? 1) <= PackLimits.draw }, "a draw loaded out of range")
        if let plan = try? QuizPlan(pack: pack, quiz: quiz, seed: 1) { _ = plan }
        let seconds = PackStatistics.estimatedSeconds(for: quiz, in: pack)
        fuzzCheck(seconds.isFinite && seconds >= 0, "estimated seconds \(seconds)")
    }
    for credential in pack.credentials {
        let days = credential.validForDays ?? 1
        fuzzCheck(days >= 1 && days <= PackLimits.validForDays, "validForDays \(days) loaded")
        let expiry = Date(timeIntervalSince1970: 1_800_000_000).addingTimeInterval(Double(days) * 86_400)
        fuzzCheck(CivilDate(expiry).year <= 9999, "an expiry past year 9999")
    }
    _ = PackStatistics(pack: pack)
}

private func imagePath(_ path: String) {
    let literal = String(decoding: (try? JSONSerialization.data(withJSONObject: [path])) ?? Data("[\"\"]".utf8), as: UTF8.self)
    let result = pack(replacing: "@image@", with: String(literal.dropFirst().dropLast()))
    guard let image = result.pack?.credentials.first?.image else { return }
    fuzzCheck(!image.hasPrefix("/") && !image.hasPrefix("~"), "an absolute image path loaded: \(image)")
    fuzzCheck(!image.split(separator: "/").contains(".."), "an image path leaving the pack's folder loaded: \(image)")
}

private func giftNumber(_ answer: String) {
    let clean = answer.filter { !"{}\n\r".contains($0) }
    guard let imported = try? GIFTImporter.importPack("::q:: How many? {#\(clean)}\n", id: "fuzz"), let json = imported.json else { return }
    let result = PackDecoder().decode(bytes: Array(json.utf8), file: "fuzz.json")
    fuzzCheck(result.pack != nil, "an imported GIFT number does not load: \(result.errors)")
}

private func date(_ text: String) {
    guard let seconds = Double(text.trimmingCharacters(in: .whitespaces)) else { return }
    let civil = CivilDate(Date(timeIntervalSince1970: seconds))
    fuzzCheck((0...9999).contains(civil.year) && (1...12).contains(civil.month) && (1...31).contains(civil.day),
              "\(seconds) shown as \(civil)")
    fuzzCheck((0..<86_400).contains(civil.secondOfDay), "second of day \(civil.secondOfDay)")
}

/// Scratch folder of this fuzzing process, emptied for each input.
private let scratch: String = {
    let path = NSTemporaryDirectory() + "/attest-fuzz-links-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

private func links(_ bytes: [UInt8]) {
    let names = ["a", "b", "c", "d", "e/f", "missing/x"]
    try? FileManager.default.removeItem(atPath: scratch)
    try? FileManager.default.createDirectory(atPath: scratch + "/e", withIntermediateDirectories: true)
    for (index, byte) in bytes.prefix(8).enumerated() {
        let link = scratch + "/" + names[index % 4]
        let target = byte & 0x80 != 0 ? names[Int(byte) % names.count] : scratch + "/" + names[Int(byte) % names.count]
        try? FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    }
    for byte in bytes.dropFirst(8).prefix(8) {
        let path = scratch + "/" + names[Int(byte) % names.count] + (byte & 0x40 != 0 ? "/store.sqlite" : "")
        if let reason = SymbolicLinks.brokenLink(path) {
            fuzzCheck(reason.contains("symbolic link"), "a broken-link reason that does not say so: \(reason)")
        }
    }
}
