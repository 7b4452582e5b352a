import ArgumentParser
import AttestCore
import AttestScheduling
import Foundation

/// `practice PACK|SKILL`: untimed questions with feedback after each answer; never counts for credentials.
struct PracticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice",
        abstract: "Practise a pack or a skill, with feedback after every answer.",
        discussion: """
            Questions come by what your memory needs: those due for review first (where Attest predicts your \
            chance of remembering has fallen to your desired retention, 0.9 unless set with --retention), then \
            new questions of your weakest skills. --due only due ones; --cram the ones you are likeliest to have \
            forgotten, due or not; --random draws at random; --missed only the questions you got wrong before \
            (without a pack, every pack's missed questions, one pack after the other). --optimize fits the \
            memory model to your own answers (1,000 or more). Practice never counts for credentials. \
            See docs/scoring.md.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("A pack id, a skill id, or packId/skillId (optional with --missed, --due, --cram).", valueName: "pack-or-skill"))
    var target: String?

    @Flag(help: "Only questions whose latest answer was not fully right.")
    var missed = false

    @Flag(help: "Only questions due for review.")
    var due = false

    @Flag(help: "The questions you are likeliest to have forgotten, even when none is due.")
    var cram = false

    @Flag(help: "Draw questions at random instead of by what is due.")
    var random = false

    @Option(help: ArgumentHelp("Set your desired retention (0.7–0.99, default 0.9): reviews fall due when your predicted chance of remembering drops to it.", valueName: "r"))
    var retention: Double?

    @Flag(help: "Fit the memory model to your own answers (needs 1,000), keeping it only if it predicts better.")
    var optimize = false

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
        if [missed, due, cram, random, optimize].filter({ $0 }).count > 1 {
            throw ValidationError("Choose one of --missed, --due, --cram, --random and --optimize.")
        }
        if let retention, !LearnerScheduling.retentionRange.contains(retention) {
            throw ValidationError("--retention must be between 0.7 and 0.99 (the default is 0.9).")
        }
        if target == nil, !(missed || due || cram || optimize || retention != nil) {
            throw ValidationError("Name a pack or skill to practise ('attest packs' lists them), or use --missed, --due or --cram.")
        }
    }

    func run() throws {
        let context = global.context()
        if let retention {
            try LearnerScheduling(store: try context.store(), learner: context.learner).setRetention(retention)
            context.console.line("Desired retention for \(TerminalText.sanitize(context.learner)) is now \(retention).")
            if target == nil && !due && !cram && !optimize { return }
        }
        if optimize {
            try PracticeOptimization(context: context).run()
            return
        }
        if missed, target == nil {
            try drillEveryPack(context)
            return
        }
        let mode: ReviewPicker.Mode = due ? .due : (cram ? .cram : .scheduled)
        guard let (pack, skill) = try target.map({ try resolve($0, in: context.library) }) ?? duePack(context, mode: mode) else { return }
        if missed {
            let questions = pack.questionsByID()
            // A missed exam-only question stays sealed: drilling it would show its key.
            let ids = try context.store().wrongQuestionIDs(learner: context.learner, packID: pack.id)
                .filter { id in questions[id]?.pool.admits(.practice) == true }
                .filter { id in skill == nil || questions[id]?.skillIDs.contains(skill!) == true }
            guard !ids.isEmpty else {
                context.console.line("Nothing to drill: no missed questions recorded for \(TerminalText.quoted(target ?? pack.id)) yet.")
                return
            }
            try start(try Quiz.practiceMissed(pack: pack, questionIDs: ids, count: count), of: pack, mode: mode, context: context)
        } else if random {
            try start(try Quiz.practice(pack: pack, skill: skill, count: count ?? 10), of: pack, mode: mode, context: context)
        } else {
            guard let chosen = try ScheduledPractice(context: context, mode: mode).quiz(pack: pack, skill: skill, count: count ?? 10)
            else { return }
            try start(chosen, of: pack, mode: mode, context: context)
        }
    }

    /// `practice --missed` without a pack: each pack's missed questions in turn, newest packs in library order.
    private func drillEveryPack(_ context: AppContext) throws {
        let store = try context.store()
        let drills = try context.library.newestPacks.compactMap { pack -> (Pack, [String])? in
            let questions = pack.questionsByID()
            let ids = try store.wrongQuestionIDs(learner: context.learner, packID: pack.id)
                .filter { id in questions[id]?.pool.admits(.practice) == true }
            return ids.isEmpty ? nil : (pack, ids)
        }
        guard !drills.isEmpty else {
            context.console.line("Nothing to drill: no missed practice questions recorded yet (missed exam-only questions stay sealed).")
            return
        }
        for (pack, ids) in drills {
            if drills.count > 1 {
                context.console.line(context.console.styled(
                    "Missed questions in \(TerminalText.sanitize(pack.title, keepNewlines: false)) (\(Plural.count(ids.count, "question")))",
                    .bold))
            }
            try start(try Quiz.practiceMissed(pack: pack, questionIDs: ids, count: count), of: pack, mode: .scheduled, context: context)
        }
    }

    /// Runs one practice quiz, then says when the pack's next review is due.
    private func start(_ practice: Quiz, of pack: Pack, mode: ReviewPicker.Mode, context: AppContext) throws {
        var quiz = practice
        if timed, quiz.questionTimeLimit == nil { quiz.questionTimeLimit = 60 }
        let plan = try QuizPlan(pack: pack, quiz: quiz, seed: seed ?? UInt64.random(in: 0...UInt64.max))
        try QuizRunner(context: context, answersFile: answers, json: json)
            .start(pack: pack, quiz: quiz, plan: plan, timedPractice: timed)
        if !json {
            context.console.line(try ScheduledPractice(context: context, mode: mode).nextReviewLine(pack: pack))
        }
    }

    /// With no pack named: the pack with the most questions due (for --due; for --cram, the most reviewed).
    private func duePack(_ context: AppContext, mode: ReviewPicker.Mode) throws -> (Pack, String?)? {
        let scheduling = LearnerScheduling(store: try context.store(), learner: context.learner)
        let ledger = try scheduling.ledger(try scheduling.scheduler())
        let now = context.clock.now()
        let ranked = context.library.newestPacks.map { pack in
            (pack, mode == .due ? ledger.due(packID: pack.id, at: now).count : ledger.items.keys.filter { $0.packID == pack.id }.count)
        }.filter { $0.1 > 0 }.sorted { ($1.1, $0.0.id) < ($0.1, $1.0.id) }
        guard let first = ranked.first else {
            let next = ledger.nextDue(after: now).map { " Next review: \(ScheduledPractice.when($0, now: now))." } ?? ""
            context.console.line(mode == .due
                ? "Nothing is due.\(next)"
                : "Nothing to cram yet: answer some questions first ('practice PACK').")
            return nil
        }
        if mode == .due, ranked.count > 1 {
            context.console.line("Also due: " + ranked.dropFirst().map { "\(TerminalText.sanitize($0.0.id)) (\($0.1))" }.joined(separator: ", ") + ".")
        }
        return (first.0, nil)
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
