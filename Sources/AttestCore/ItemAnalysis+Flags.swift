import Foundation

extension ItemAnalysis {
    /// Adds the flags of every question with enough attempts (`ItemAnalysisMinimum.discrimination`).
    static func addFlags(_ stats: inout [QuestionStatistics]) {
        let medians = stats.map(\.medianDuration)
        for index in stats.indices where stats[index].attempts >= ItemAnalysisMinimum.discrimination {
            var flags: [ItemFlag] = []
            let stat = stats[index]
            if let d = stat.discrimination, d < Threshold.discrimination {
                flags.append(d < 0
                    ? ItemFlag(kind: .negativeDiscrimination, message: "Discrimination is negative (\(percent(d))): "
                        + "learners who did well on the rest of the test did worse on this question. Check the key first, then the wording.")
                    : ItemFlag(kind: .lowDiscrimination, message: "Discrimination is near zero (\(percent(d))): "
                        + "this question does not separate stronger from weaker learners. Look for ambiguity, a trick, or a skill the rest of the test does not assess."))
            }
            if let f = stat.facility, f > Threshold.easyFacility {
                flags.append(ItemFlag(kind: .tooEasy, message: "Almost everyone earned full credit (facility \(percent(f))): "
                    + "the question tells you little about who has the skill. Make it harder or drop it."))
            } else if let f = stat.facility, f < Threshold.hardFacility {
                flags.append(ItemFlag(kind: .tooHard, message: "Almost nobody earned credit (facility \(percent(f))): "
                    + "check the key, then whether the question is taught and clearly worded."))
            }
            flags += distractorFlags(stat)
            let others = medians.enumerated().compactMap { $0.offset == index ? nil : $0.element }
            if let own = stat.medianDuration, let typical = Descriptive.median(others), typical > 0,
               own > Threshold.slowFactor * typical {
                flags.append(ItemFlag(kind: .slow, message: "Learners took \(seconds(own)) on this question (median), "
                    + "more than twice the \(seconds(typical)) typical of the others. Check whether it is too long or unclear."))
            }
            stats[index].flags = flags
        }
    }

    /// Distractors nobody chose, and distractors the top third preferred to the key.
    static func distractorFlags(_ stat: QuestionStatistics) -> [ItemFlag] {
        var flags: [ItemFlag] = []
        let keys = stat.options.filter(\.correct)
        for option in stat.options where !option.correct {
            if option.chosen == 0 {
                flags.append(ItemFlag(kind: .unusedDistractor, message: "Option \(option.index + 1) (\"\(option.text)\") "
                    + "was never chosen: it does not look plausible. Replace it with a mistake learners really make."))
            }
            let weakestKey = keys.compactMap(\.topThird).min()
            if let top = option.topThird, let key = weakestKey, top > key {
                let what = keys.count == 1 ? "the key" : "a correct option"
                flags.append(ItemFlag(kind: .distractorBeatsKey, message: "Option \(option.index + 1) (\"\(option.text)\") "
                    + "was chosen by more of the top third (\(percent(top))) than \(what) (\(percent(key))). "
                    + "Check the key, and whether this option can also be read as right."))
            }
        }
        return flags
    }

    /// `0.123` as `12%`, `-0.05` as `-5%`.
    static func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded()))%"
    }

    static func seconds(_ value: Double) -> String {
        "\(Int(value.rounded())) s"
    }
}
