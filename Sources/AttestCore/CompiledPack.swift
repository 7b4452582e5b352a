import Foundation

/// A valid pack cut into the pieces a store keeps so that a quiz needs only a few small reads:
/// a header (the pack without its questions), each quiz's section pools, and each question alone.
///
/// The encodings are versioned: a piece written by another format version, or damaged, decodes
/// to nil, and the caller falls back to the pack file.
public enum CompiledPack {
    /// Bumped whenever an encoding below changes.
    public static let formatVersion = 3

    /// What a listing or a quiz needs of a pack besides its questions.
    public struct Header: Sendable, Hashable, Codable {
        public var formatVersion: Int
        /// The pack with `questions` empty.
        public var pack: Pack
        public var questionCount: Int

        public init(pack: Pack) {
            formatVersion = CompiledPack.formatVersion
            var header = pack
            header.questions = []
            self.pack = header
            questionCount = pack.questions.count
        }
    }

    /// The header of `pack`, encoded.
    public static func encodeHeader(of pack: Pack) throws -> Data {
        try JSONEncoder().encode(Header(pack: pack))
    }

    /// A header, or nil when `data` is damaged or of another format version.
    public static func decodeHeader(_ data: Data) -> Header? {
        guard let header = try? JSONDecoder().decode(Header.self, from: data),
              header.formatVersion == formatVersion, header.pack.questions.isEmpty, header.questionCount >= 0
        else { return nil }
        return header
    }

    /// One question in `CompactQuestionCoding`'s form.
    public static func encode(_ question: Question) -> Data {
        CompactQuestionCoding.encode(question)
    }

    public static func decodeQuestion(_ data: Data) -> Question? {
        CompactQuestionCoding.decode(data)
    }

    /// The pools of every quiz of `pack` (the first quiz of an id, as `Pack.quiz(_:)` finds it), encoded.
    public static func encodePools(of pack: Pack) -> [(quizID: String, data: Data)] {
        var seen = Set<String>()
        let index = QuizPools.Index(pack)
        return pack.quizzes.filter { seen.insert($0.id).inserted }.map { quiz in
            (quiz.id, encode(QuizPools(quiz: quiz, in: index)))
        }
    }

    /// Pools as little-endian 32-bit words: format version, question count, section count, then each
    /// section's length and entries, then the unknown ids' count and each id's UTF-8 length and bytes.
    public static func encode(_ pools: QuizPools) -> Data {
        var words: [Int32] = [Int32(formatVersion), Int32(pools.questionCount), Int32(pools.sections.count)]
        for section in pools.sections {
            words.append(Int32(section.count))
            words.append(contentsOf: section)
        }
        words.append(Int32(pools.unknownIDs.count))
        var data = Data(capacity: words.count * 4)
        words.withUnsafeBufferPointer { buffer in
            for word in buffer { withUnsafeBytes(of: word.littleEndian) { data.append(contentsOf: $0) } }
        }
        for id in pools.unknownIDs {
            let bytes = Array(id.utf8)
            withUnsafeBytes(of: Int32(bytes.count).littleEndian) { data.append(contentsOf: $0) }
            data.append(contentsOf: bytes)
        }
        return data
    }

    /// Pools, or nil when `data` is damaged or of another format version.
    public static func decodePools(_ data: Data) -> QuizPools? {
        let bytes = [UInt8](data)
        var offset = 0
        func word() -> Int? {
            guard offset + 4 <= bytes.count else { return nil }
            let value = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
                | UInt32(bytes[offset + 3]) << 24
            offset += 4
            return Int(Int32(bitPattern: value))
        }
        guard word() == formatVersion, let questionCount = word(), questionCount >= 0,
              let sectionCount = word(), sectionCount >= 0, sectionCount <= bytes.count / 4
        else { return nil }
        var sections: [[Int32]] = []
        for _ in 0..<sectionCount {
            guard let length = word(), length >= 0, offset + length * 4 <= bytes.count else { return nil }
            var section = [Int32](repeating: 0, count: length)
            for index in 0..<length {
                guard let entry = word(), entry < questionCount else { return nil }
                section[index] = Int32(entry)
            }
            sections.append(section)
        }
        guard let unknownCount = word(), unknownCount >= 0, unknownCount <= bytes.count else { return nil }
        var unknown: [String] = []
        for _ in 0..<unknownCount {
            guard let length = word(), length >= 0, offset + length <= bytes.count else { return nil }
            unknown.append(String(decoding: bytes[offset..<offset + length], as: UTF8.self))
            offset += length
        }
        guard offset == bytes.count,
              sections.allSatisfy({ $0.allSatisfy { $0 >= 0 || Int(-1 - $0) < unknown.count } })
        else { return nil }
        return QuizPools(sections: sections, unknownIDs: unknown, questionCount: questionCount)
    }
}
