import ArgumentParser
import AttestCore
import Foundation
import LineEditor

/// What `take`, `practice` and `resume` share: choosing where answers come from,
/// running the session, printing JSON for scripts, and awarding credentials after exams.
struct QuizRunner {
    let context: AppContext
    /// `--answers FILE`: read answers from a file, one per line.
    var answersFile: String?
    /// `--json`: print the result as JSON instead of the transcript.
    var json = false

    /// Starts a new attempt over `plan`.
    func start(pack: Pack, quiz: Quiz, plan: QuizPlan, timedPractice: Bool) throws {
        try withReader { reader in
            try QuizSession.start(
                pack: pack, quiz: quiz, plan: plan, timedPractice: timedPractice, context: context, reader: reader,
                verbose: !json)
        }
    }

    /// Continues an unfinished attempt; `plan`, when given, was rebuilt from a compiled pack holding only its questions.
    func resume(_ record: AttemptRecord, pack: Pack, quiz: Quiz, plan: QuizPlan? = nil) throws {
        try withReader { reader in
            try QuizSession.resume(
                record: record, pack: pack, quiz: quiz, plan: plan, context: context, reader: reader, verbose: !json)
        }
    }

    /// The learner's competency in the pack after this attempt, drawn like `progress`, and why a level may read
    /// below what a credential held from the pack (perhaps earned by this very exam) vouches for.
    private func showCompetency(in pack: Pack) throws {
        let store = try context.store()
        let evidence = LearnerEvidence(pack: pack, store: store, learner: context.learner)
        let now = context.clock.now()
        let report = try evidence.report(CompetencyEstimator(), now: now)
        let awards = try store.credentials(learner: context.learner).filter { $0.packID == pack.id }
        var lines = ProgressView(console: context.console).render(
            pack: pack, report: report, attempts: try evidence.attemptCount(),
            vouched: ProgressCommand.vouched(pack: pack, awards: awards, report: report, now: now))
        if lines.count > 1 {
            lines[1] = context.console.styled("Your competency now", .bold) + context.console.styled(" (all attempts at this pack)", .dim)
        }
        lines += HeldCredentialsView(console: context.console, now: now).explanation(pack: pack, awards: awards, report: report)
        lines.forEach { context.console.line($0) }
    }

    /// The competency view looks at every question of the pack, not only those a quiz drew from a compiled pack.
    private func wholePack(of pack: Pack) -> Pack {
        context.library.indexedPacks
            .first { $0.id == pack.id && $0.contentHash == pack.contentHash }
            .flatMap { $0.isCompiled ? context.library.fullPack($0) : nil } ?? pack
    }

    private func withReader(_ makeSession: (any LineReader) throws -> QuizSession) throws {
        var ownedReader: (any LineReader)?
        var fileDescriptor: Int32 = -1
        defer {
            ownedReader?.close()
            if fileDescriptor >= 0 { Glibc.close(fileDescriptor) }
        }
        let reader: any LineReader
        if let answersFile {
            fileDescriptor = open(answersFile, O_RDONLY | O_CLOEXEC)
            guard fileDescriptor >= 0 else {
                throw CommandFailure(
                    "Cannot read the answers file \(CommandFailure.quote(answersFile)): \(String(cString: strerror(errno))).")
            }
            reader = PlainLineReader(fileDescriptor: fileDescriptor)
            ownedReader = reader
        } else if let shared = context.reader {
            reader = shared
        } else {
            reader = context.standardReader()
            ownedReader = reader
        }
        let session = try makeSession(reader)
        let result = try TerminationDeferral.during { try session.run() }
        let outcome = try CredentialAwarder(context: context).awardAfter(attempt: session.engine)
        if json {
            context.console.line(try JSONOutput.string(ResultJSON.object(result, engine: session.engine, outcome: outcome)))
        } else {
            try showCompetency(in: wholePack(of: session.engine.pack))
            AwardView(console: context.console).announce(outcome)
            try RegistryOffer.afterExam(session.engine, context: context, reader: reader)
        }
        if session.inputEnded, !reader.isInteractive {
            throw CommandFailure("The answers ran out before the quiz ended: the attempt is recorded as abandoned with "
                + Plural.count(session.engine.responses.count, "answer") + ". Give one line per question.")
        }
    }
}

/// The `--json` form of a quiz result.
enum ResultJSON {
    static func object(_ result: QuizResult, engine: QuizEngine, outcome: CredentialAwarder.Outcome) -> [String: Any] {
        [
            "attemptId": engine.attemptID, "packId": engine.pack.id, "packVersion": engine.pack.version.description,
            "packHash": engine.pack.contentHash, "quizId": engine.quiz.id, "mode": engine.mode.rawValue,
            "seed": String(engine.plan.seed), "status": result.status.rawValue, "passed": result.passed,
            "points": result.points, "maxPoints": result.maxPoints, "score": result.fraction,
            "timeUsedSeconds": result.timeUsed, "timeMultiplier": engine.timeMultiplier, "unreached": result.unreached,
            "saved": result.saved,
            "skills": result.skills.map { skill -> [String: Any] in
                var entry: [String: Any] = [
                    "id": skill.skillID, "name": skill.name, "score": skill.fraction, "threshold": skill.threshold,
                    "passed": skill.passed,
                ]
                if let settled = skill.decision {
                    entry["decision"] = settled.isProficient ? "proficient" : "not-yet"
                    entry["decisionItems"] = settled.items
                }
                return entry
            },
            "missed": result.missed.map { item -> [String: Any] in
                var entry: [String: Any] = [
                    "position": item.position + 1, "questionId": item.questionID, "score": item.score,
                    "outcome": item.outcome?.rawValue ?? "not-reached",
                ]
                entry["correctAnswer"] = item.correctAnswer?.summary
                if item.correctAnswer == nil { entry["sealed"] = true }
                if let given = item.given { entry["given"] = given }
                return entry
            },
            "credentialsAwarded": outcome.awards.map { ["id": $0.id, "credential": $0.qualifiedID, "name": $0.name] },
            "credentialsPending": outcome.pending.map { evaluation in
                [
                    "credential": evaluation.qualifiedID, "name": evaluation.definition.name,
                    "missing": evaluation.outcomes.filter { !$0.held }.map(\.text),
                ] as [String: Any]
            },
        ]
    }
}
