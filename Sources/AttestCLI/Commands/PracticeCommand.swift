import ArgumentParser
import AttestCore
import Foundation

/// `practice PACK|SKILL`: untimed questions with feedback after each answer; never counts for credentials.
struct PracticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice",
        abstract: "Practise a pack or a skill, with feedback after every answer.",
        discussion: """
            With --missed, only the questions you got wrong before; without a pack, every pack's missed questions, \
            one pack after the other. Practice never counts for credentials.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("A pack id, a skill id, or packId/skillId (optional with --missed).", valueName: "pack-or-skill"))
    var target: String?

    @Flag(help: "Only questions whose latest answer was not fully right.")
    var missed = false

    @Option(help: "How many questions (default: 10, or all missed ones).")
    var count: Int?

    @Option(help: "Seed for drawing and shuffling.")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Read answers from a file, one per line.", valueName: "file"))
    var answers: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Flag(help: "Apply time limits (the pack's per-question limits, 60 s otherwise).")
    var timed = false

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1.") }
        if target == nil, !missed { throw ValidationError("Name a pack or skill to practise, or add --missed.") }
    }

    func run() throws {
        let context = global.context()
        guard let target else {
            try drillEveryPack(context)
            return
        }
        let (pack, skill) = try resolve(target, in: context.library)
        if missed {
            let questions = pack.questionsByID()
            let ids = try context.store().wrongQuestionIDs(learner: context.learner, packID: pack.id)
                .filter { id in skill == nil || questions[id]?.skillIDs.contains(skill!) == true }
            guard !ids.isEmpty else {
                context.console.line("Nothing to drill: no missed questions recorded for \(TerminalText.sanitize(target)) yet.")
                return
            }
            try start(try Quiz.practiceMissed(pack: pack, questionIDs: ids, count: count), of: pack, context: context)
        } else {
            try start(try Quiz.practice(pack: pack, skill: skill, count: count ?? 10), of: pack, context: context)
        }
    }

    /// `practice --missed` without a pack: each pack's missed questions in turn, newest packs in library order.
    private func drillEveryPack(_ context: AppContext) throws {
        let store = try context.store()
        let drills = try context.library.newestPacks.compactMap { pack -> (Pack, [String])? in
            let ids = try store.wrongQuestionIDs(learner: context.learner, packID: pack.id)
            return ids.isEmpty ? nil : (pack, ids)
        }
        guard !drills.isEmpty else {
            context.console.line("Nothing to drill: no missed questions recorded yet.")
            return
        }
        for (pack, ids) in drills {
            if drills.count > 1 {
                context.console.line(context.console.styled(
                    "Missed questions in \(TerminalText.sanitize(pack.title, keepNewlines: false)) (\(Plural.count(ids.count, "question")))",
                    .bold))
            }
            try start(try Quiz.practiceMissed(pack: pack, questionIDs: ids, count: count), of: pack, context: context)
        }
    }

    private func start(_ practice: Quiz, of pack: Pack, context: AppContext) throws {
        var quiz = practice
        if timed, quiz.questionTimeLimit == nil { quiz.questionTimeLimit = 60 }
        let plan = try QuizPlan(pack: pack, quiz: quiz, seed: seed ?? UInt64.random(in: 0...UInt64.max))
        try QuizRunner(context: context, answersFile: answers, json: json)
            .start(pack: pack, quiz: quiz, plan: plan, timedPractice: timed)
    }

    private func resolve(_ target: String, in library: PackLibrary) throws -> (Pack, String?) {
        let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            guard let pack = library.pack(parts[0]) else {
                throw CommandFailure.unknown("pack", parts[0], among: library.newestPacks.map(\.id), otherwise: "'attest packs' lists them.")
            }
            guard pack.skill(parts[1]) != nil else {
                throw CommandFailure.unknown("skill", parts[1], among: pack.skills.map(\.id), otherwise: "Pack '\(pack.id)' has the skills "
                    + pack.skills.map(\.id).joined(separator: ", ") + ".")
            }
            return (pack, parts[1])
        }
        if let pack = library.pack(target) { return (pack, nil) }
        let withSkill = library.newestPacks.filter { $0.skill(target) != nil }
        if withSkill.count == 1 { return (withSkill[0], target) }
        if withSkill.count > 1 {
            throw CommandFailure("Several packs have a skill \(CommandFailure.quote(target)): "
                + withSkill.map { "\($0.id)/\(target)" }.joined(separator: ", ") + ". Name one of them.")
        }
        let names = library.newestPacks.flatMap { [$0.id] + $0.skills.map(\.id) }
        throw CommandFailure.unknown("pack or skill", target, among: names, otherwise: "'attest packs' lists them.")
    }
}
