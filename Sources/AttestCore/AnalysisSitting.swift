import Foundation

/// One attempt with only the response figures item analysis reads.
///
/// A class's attempts hold hundreds of thousands of responses; the store can hand them over in this shape
/// without reading the answer text, skills or difficulty of each one (`AttestDatabase.analysisSittings`).
/// `AnalysisAttempt` converts to it, so every source of attempts is analysed alike.
public struct AnalysisSitting: Sendable, Hashable {
    public var attempt: AttemptRecord
    public var responses: [AnalysisResponse]

    public init(attempt: AttemptRecord, responses: [AnalysisResponse]) {
        self.attempt = attempt
        self.responses = responses
    }

    public init(_ analysed: AnalysisAttempt) {
        self.init(attempt: analysed.attempt, responses: analysed.responses.map(AnalysisResponse.init))
    }
}

/// The parts of one effective response that item analysis uses: where it stands, how it was scored,
/// which options it chose and how long it took.
public struct AnalysisResponse: Sendable, Hashable {
    /// Position of the question in the attempt (0-based).
    public var position: Int
    public var outcome: ResponseOutcome
    /// For choice questions: the chosen option indices in pack order.
    public var selection: [Int]?
    /// Fraction of the question's credit earned, 0...1.
    public var score: Double
    public var points: Double
    public var maxPoints: Double
    /// Seconds between showing the question and the response (`ResponseRecord.duration`).
    public var duration: Double

    public init(
        position: Int, outcome: ResponseOutcome, selection: [Int]?, score: Double, points: Double, maxPoints: Double,
        duration: Double
    ) {
        self.position = position
        self.outcome = outcome
        self.selection = selection
        self.score = score
        self.points = points
        self.maxPoints = maxPoints
        self.duration = duration
    }

    public init(_ record: ResponseRecord) {
        self.init(
            position: record.position, outcome: record.outcome, selection: record.selection, score: record.score,
            points: record.points, maxPoints: record.maxPoints, duration: record.duration)
    }
}
