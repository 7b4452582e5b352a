import AttestCore
import AttestTestSupport
import Foundation
import Testing

@Suite("QuizPools")
struct QuizPoolsTests {
    /// Every shipped pack and a generated 3,000-question pack, decoded.
    static let packs: [Pack] = ShippedPacks.paths.compactMap { path in
        FileManager.default.contents(atPath: path).flatMap { PackDecoder().decode(bytes: [UInt8]($0), file: path).pack }
    } + [GeneratedPack.make(questionCount: 3_000)].compactMap { $0 }

    /// The draw as it was written before pools existed: ids, sets and dictionaries over the whole pack.
    static func referenceDraw(pack: Pack, quiz: Quiz, seed: UInt64) throws(QuizPlanError) -> [(String, Int)] {
        var generator = SeededGenerator(seed: seed)
        var used = Set<String>()
        var drawn: [(String, Int)] = []
        let known = Set(pack.questions.map(\.id))
        for (index, section) in quiz.sections.enumerated() {
            var pool: [String] = []
            var inPool = Set<String>()
            for id in section.poolQuestionIDs(in: pack, mode: quiz.mode) where !used.contains(id) && !inPool.contains(id) {
                guard known.contains(id) else { throw .unknownQuestion(id) }
                pool.append(id)
                inPool.insert(id)
            }
            let wanted = section.count ?? pool.count
            guard wanted <= pool.count else {
                throw .poolTooSmall(section: index + 1, title: section.title, wanted: wanted, available: pool.count)
            }
            var picked = pool.seededSample(wanted, using: &generator)
            if !quiz.shuffleQuestions {
                let rank = Dictionary(uniqueKeysWithValues: pool.enumerated().map { ($1, $0) })
                picked.sort { rank[$0]! < rank[$1]! }
            }
            for id in picked {
                used.insert(id)
                drawn.append((id, index))
            }
        }
        guard !drawn.isEmpty else { throw .empty(quiz: quiz.id) }
        return drawn
    }

    /// What a compiled pack does: pools through their stored encoding, questions fetched by ordinal.
    static func compiledPlan(pack: Pack, quiz: Quiz, seed: UInt64) throws -> QuizPlan {
        let pools = try #require(CompiledPack.decodePools(CompiledPack.encode(QuizPools(pack: pack, quiz: quiz))))
        let draws = try pools.draw(quiz: quiz, seed: seed)
        let questions = try draws.map { draw in
            try #require(CompiledPack.decodeQuestion(CompiledPack.encode(pack.questions[draw.ordinal])))
        }
        return QuizPlan(
            drawn: zip(questions, draws).map { ($0, $1.section) }, seed: seed, shuffleOptions: quiz.shuffleOptions)
    }

    @Test func thePacksCoverEveryDrawingShape() {
        #expect(Self.packs.count == ShippedPacks.paths.count + 1)
        let quizzes = Self.packs.flatMap(\.quizzes)
        #expect(quizzes.contains { !$0.shuffleQuestions })
        #expect(quizzes.contains { $0.sections.contains { $0.count == nil } })
        #expect(quizzes.contains { $0.sections.contains { if case .questions = $0.pool { true } else { false } } })
    }

    @Test func poolsDrawExactlyWhatTheWholePackDraws() throws {
        for pack in Self.packs {
            for quiz in pack.quizzes {
                for seed: UInt64 in [0, 1, 2, 7, 42, 1234, 99_999, .max] {
                    let reference = try Self.referenceDraw(pack: pack, quiz: quiz, seed: seed)
                    let plan = try QuizPlan(pack: pack, quiz: quiz, seed: seed)
                    #expect(plan.entries.map(\.questionID) == reference.map(\.0), "\(pack.id)/\(quiz.id) seed \(seed)")
                    #expect(plan.entries.map(\.section) == reference.map(\.1))
                    #expect(try Self.compiledPlan(pack: pack, quiz: quiz, seed: seed) == plan)
                }
            }
        }
    }

    @Test func repeatedAndOverlappingListedQuestionsAreDrawnOnce() throws {
        let pack = try #require(GeneratedPack.make(questionCount: 60))
        for shuffle in [false, true] {
            let quiz = Quiz(
                id: "repeats", title: "Repeats", mode: .practice,
                sections: [
                    QuizSection(pool: .questions(["q-6", "q-5", "q-6", "q-4", "q-5"]), count: 2),
                    QuizSection(pool: .questions(["q-4", "q-5", "q-6", "q-7", "q-4"])),
                ],
                shuffleQuestions: shuffle, shuffleOptions: shuffle)
            for seed: UInt64 in 0..<50 {
                let reference = try Self.referenceDraw(pack: pack, quiz: quiz, seed: seed)
                let plan = try Self.compiledPlan(pack: pack, quiz: quiz, seed: seed)
                #expect(plan.entries.map(\.questionID) == reference.map(\.0))
                #expect(plan.entries.map(\.section) == reference.map(\.1))
                #expect(plan == (try QuizPlan(pack: pack, quiz: quiz, seed: seed)))
            }
        }
    }

    @Test func rebuildingFromTheAttemptsQuestionsMatchesTheWholePack() throws {
        for pack in Self.packs {
            for quiz in pack.quizzes {
                let plan = try QuizPlan(pack: pack, quiz: quiz, seed: 77)
                let record = AttemptRecord(
                    id: "a", learner: "ada", packID: pack.id, packVersion: "1.0.0", packHash: "", quizID: quiz.id,
                    mode: quiz.mode, seed: 77, questionIDs: plan.questionIDs, startedAt: Date(timeIntervalSince1970: 0))
                let ordinals = Dictionary(
                    pack.questions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
                let found = Dictionary(uniqueKeysWithValues: plan.questionIDs.map { id in
                    (id, (ordinal: ordinals[id]!, question: pack.question(id)!))
                })
                let whole = try QuizPlan(rebuilding: record, pack: pack, quiz: quiz)
                #expect(whole == plan)
                #expect(try QuizPlan(rebuilding: record, questions: found, quiz: quiz, pools: QuizPools(pack: pack, quiz: quiz)) == whole)
            }
        }
    }

    @Test func errorsAreTheWholePacksErrors() throws {
        let pack = try #require(GeneratedPack.make(questionCount: 60))
        let base = try #require(pack.quiz("exam"))
        var unknown = base
        unknown.sections.append(QuizSection(pool: .questions(["q-1", "nope", "q-2"])))
        var tooSmall = base
        tooSmall.sections[1].count = 500
        var empty = base
        empty.sections = [QuizSection(pool: .questions([]))]
        for quiz in [unknown, tooSmall, empty] {
            var expected: QuizPlanError?
            do { _ = try Self.referenceDraw(pack: pack, quiz: quiz, seed: 3) } catch { expected = error }
            let pools = try #require(CompiledPack.decodePools(CompiledPack.encode(QuizPools(pack: pack, quiz: quiz))))
            #expect(throws: try #require(expected)) { try pools.draw(quiz: quiz, seed: 3) }
            #expect(throws: try #require(expected)) { try QuizPlan(pack: pack, quiz: quiz, seed: 3) }
        }
    }

    @Test func damagedPoolsDecodeToNothing() throws {
        let pack = try #require(GeneratedPack.make(questionCount: 60))
        var quiz = try #require(pack.quiz("listed"))
        quiz.sections.append(QuizSection(pool: .questions(["gone", "q-9"])))
        let pools = QuizPools(pack: pack, quiz: quiz)
        #expect(pools.unknownIDs == ["gone"])
        let data = CompiledPack.encode(pools)
        #expect(CompiledPack.decodePools(data) == pools)
        #expect(CompiledPack.decodePools(data.dropLast()) == nil)
        #expect(CompiledPack.decodePools(data + Data([0])) == nil)
        #expect(CompiledPack.decodePools(Data()) == nil)
        var otherVersion = data
        otherVersion[0] &+= 1
        #expect(CompiledPack.decodePools(otherVersion) == nil)
        var outOfRange = data
        outOfRange.replaceSubrange(16..<20, with: [0xFF, 0xFF, 0, 0])  // the first entry of the first section
        #expect(CompiledPack.decodePools(outOfRange) == nil)
    }

    @Test func headerKeepsEverythingButTheQuestions() throws {
        for pack in Self.packs {
            let header = try #require(CompiledPack.decodeHeader(try CompiledPack.encodeHeader(of: pack)))
            var expected = pack
            expected.questions = []
            #expect(header.pack == expected)
            #expect(header.questionCount == pack.questions.count)
            for question in pack.questions.prefix(50) {
                #expect(CompiledPack.decodeQuestion(CompiledPack.encode(question)) == question)
            }
        }
        #expect(CompiledPack.decodeHeader(Data("{}".utf8)) == nil)
        #expect(CompiledPack.decodeQuestion(Data([0, 1])) == nil)
    }
}
