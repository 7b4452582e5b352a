import AttestCore
import AttestStore
import Foundation

/// Awards the credentials a learner has newly earned, with their evidence, after an exam.
///
/// The rules are the core's (`CredentialRules`: exams passed, which an exam's decision rule settles per skill,
/// and skill levels judged on the lower bound of exam-only estimates); this type gathers the evidence from the
/// store, stacks across every pack (awarding one credential may complete another, in any pack), and records each
/// award once.
/// An expired credential is not "held", so passing again renews it as a new award. Only attempts sat in this
/// store count: attempts imported from others (`attempts import`) never award anything here.
struct CredentialAwarder {
    let store: () throws -> AttestDatabase
    let learner: String
    let clock: any WallClock
    let library: PackLibrary
    /// Signs and keeps each award as it is made (this store's self-assessed credentials); nil for a scratch store.
    let seal: ((CredentialAward) throws -> Void)?

    init(context: AppContext) {
        self.init(store: context.store, learner: context.learner, clock: context.clock, library: context.library) {
            try CredentialExporter(context: context).seal($0)
        }
    }

    /// An awarder over any store, e.g. the scratch store `creds issue` judges a submission in (no `seal`).
    init(
        store: @escaping () throws -> AttestDatabase, learner: String, clock: any WallClock, library: PackLibrary,
        seal: ((CredentialAward) throws -> Void)? = nil
    ) {
        self.store = store
        self.learner = learner
        self.clock = clock
        self.library = library
        self.seal = seal
    }

    /// What an exam changed: the awards it completed, and for the exam's pack, the credentials
    /// still out of reach with the criteria that do not hold yet.
    struct Outcome {
        var awards: [CredentialAward] = []
        var pending: [CredentialEvaluation] = []
    }

    /// Runs after an attempt ends; only exam attempts can award anything.
    func awardAfter(attempt engine: QuizEngine) throws -> Outcome {
        guard engine.mode == .exam, engine.status == .completed || engine.status == .timedOut else { return Outcome() }
        return try awardEarned(reportingPack: engine.pack.id)
    }

    /// Awards everything the learner's evidence now satisfies and they do not yet validly hold.
    func awardEarned(reportingPack: String? = nil) throws -> Outcome {
        let store = try store()
        let now = clock.now()
        let packs = library.newestPacks
        var heldAwards: [String: CredentialAward] = [:]
        for award in try store.credentials(learner: learner) where award.status(at: now) == .valid {
            heldAwards[award.qualifiedID] = heldAwards[award.qualifiedID] ?? award
        }
        var held = Set(heldAwards.keys)
        var evidenceByPack: [String: (report: CompetencyReport, exams: [FinishedExam])] = [:]
        var progress: [PackProgress] = []
        for pack in packs {
            let evidence = LearnerEvidence(pack: pack, store: store, learner: learner)
            let report = try evidence.report(.forCredentials, now: now, ownAttemptsOnly: true)
            let exams = try evidence.finishedExams(ownAttemptsOnly: true)
            evidenceByPack[pack.id] = (report, exams)
            let lowerBounds = Dictionary(uniqueKeysWithValues: report.skills.compactMap { skill in
                skill.lower.map { (skill.skillID, $0) }
            })
            let passed = Set(exams.filter { $0.result.passed }.map(\.quiz.id))
            progress.append(PackProgress(pack: pack, lowerBounds: lowerBounds, passedExams: passed))
        }
        var outcome = Outcome()
        for evaluation in CredentialRules.stack(progress, held: held, at: now) {
            guard let pack = packs.first(where: { $0.id == evaluation.packID }),
                  let (report, exams) = evidenceByPack[pack.id] else { continue }
            var award = makeAward(evaluation, pack: pack, exams: exams, report: report, at: now)
            // A stack never outlives its parts: it expires no later than the first prerequisite it was built on.
            let partsExpire = evaluation.heldPrerequisites.compactMap { heldAwards[$0]?.expiresAt }.min()
            if let partsExpire { award.expiresAt = min(award.expiresAt ?? partsExpire, partsExpire) }
            try store.awardCredential(award)
            try seal?(award)
            outcome.awards.append(award)
            held.insert(award.qualifiedID)
            heldAwards[award.qualifiedID] = award
        }
        if let reportingPack, let entry = progress.first(where: { $0.pack.id == reportingPack }) {
            outcome.pending = CredentialRules.evaluate(entry, held: held, at: now, catalog: packs)
                .filter { !held.contains($0.qualifiedID) && !$0.isMet }
        }
        return outcome
    }

    private func makeAward(
        _ evaluation: CredentialEvaluation, pack: Pack, exams: [FinishedExam], report: CompetencyReport, at now: Date
    ) -> CredentialAward {
        let exams = exams.filter {
            $0.result.passed && evaluation.definition.criteria.quizzes.contains($0.quiz.id)
        }
        // The skills the credential measured: those its criteria name, and those its exams draw from (a credential
        // earned by passing an exam still says, per skill, what was measured).
        let byID = pack.questionsByID()
        let examSkills = evaluation.definition.criteria.quizzes.compactMap(pack.quiz).flatMap { quiz in
            quiz.sections.flatMap { $0.poolQuestionIDs(in: pack, mode: quiz.mode) }.flatMap { byID[$0]?.skillIDs ?? [] }
        }
        let criteriaSkills = Set(evaluation.definition.criteria.skills.keys).union(examSkills)
        return CredentialAward(
            id: "urn:uuid:" + UUID().uuidString.lowercased(), learner: learner, packID: pack.id,
            packVersion: pack.version.description, packHash: pack.contentHash,
            credentialID: evaluation.definition.id, name: evaluation.definition.name,
            description: evaluation.definition.description, achievementType: evaluation.definition.achievementType,
            criteria: evaluation.narrative, awardedAt: now, expiresAt: evaluation.expiresAt,
            evidence: CredentialEvidence(
                attempts: exams.map {
                    EvidenceAttempt(
                        attemptID: $0.record.id, quizID: $0.quiz.id, quizTitle: $0.quiz.title,
                        score: $0.result.fraction, passed: $0.result.passed,
                        finishedAt: $0.record.endedAt ?? $0.record.startedAt,
                        timeMultiplier: $0.timeMultiplier > 1 ? $0.timeMultiplier : nil,
                        decisions: $0.quiz.decision == nil
                            ? nil : $0.result.skills.compactMap { skill in
                                skill.decision.map { EvidenceDecision($0, skillName: skill.name) }
                            })
                },
                skills: report.skills.filter { criteriaSkills.contains($0.skillID) }.compactMap(\.evidenceSkill),
                prerequisites: evaluation.heldPrerequisites))
    }
}
