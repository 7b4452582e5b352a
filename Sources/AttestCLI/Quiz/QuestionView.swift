import AttestCore
import Foundation

/// Draws a question, practice feedback and a results screen for the terminal.
///
/// All pack text passes through `MarkdownRenderer`/`Console.safe`, so nothing a pack
/// contains can reach the terminal as an escape sequence.
struct QuestionView {
    let console: Console

    private func markdown(indent: String = "  ", narrower: Int = 0) -> MarkdownRenderer {
        MarkdownRenderer(width: console.width - narrower, useColor: console.useColor, indent: indent)
    }

    /// The header, prompt, choices and the answer hint of the open question.
    func render(_ item: EngineItem, pack: Pack) -> [String] {
        let question = item.question
        let skills = question.skillIDs.compactMap { pack.skill($0)?.name }.joined(separator: ", ")
        var header = "Question \(item.position + 1) of \(item.total)"
        if let section = item.sectionTitle, section != skills { header += " · " + section }
        header += " · " + skills + " · " + points(question.points) + " · " + question.difficulty.rawValue
        if let limit = item.timeLimit { header += " · " + DurationText.minutes(limit) }
        if item.flagged { header += " · flagged" }
        header = TerminalText.sanitize(header, keepNewlines: false)
        var lines = [""]
        if console.accessible {
            // A screen reader would name every box-drawing character of the rule: accessible mode gives the words only.
            lines += DisplayWidth.wrap(header, to: console.width)
        } else if DisplayWidth.of(header) + 4 <= console.width {
            let rule = String(repeating: "─", count: max(0, console.width - DisplayWidth.of(header) - 4))
            lines.append(console.styled("── " + header + " " + rule, .bold))
        } else {
            // A narrow window: the header wraps between words instead of the terminal cutting words in two.
            lines += DisplayWidth.wrap(header, to: console.width).map { console.styled($0, .bold) }
        }
        lines += markdown().render(question.prompt)
        lines.append("")
        for choice in item.presented.choices {
            let label = console.styled(choice.label + ")", .bold, .cyan)
            for (index, line) in markdown(indent: "", narrower: 6).render(choice.text).enumerated() {
                lines.append(index == 0 ? "  \(label) \(line)" : "     \(line)")
            }
        }
        if let given = item.previous?.given {
            lines.append(console.styled("  Your answer so far: ", .dim) + console.safe(given))
        }
        lines += console.wrapped(QuestionView.answerHint(for: item.presented) + "  (:help for commands)", indent: "  ")
            .map { console.styled("  " + $0, .dim) }
        return lines
    }

    /// How to answer this kind of question, in a few words.
    static func answerHint(for presented: PresentedQuestion) -> String {
        let labels = presented.labels
        let range = labels.isEmpty ? "" : "\(labels[0])–\(labels[labels.count - 1])"
        switch presented.question.kind {
        case .singleChoice: return "Answer with one letter (\(range))."
        case .multipleChoice: return "Select all that apply: letters separated by commas or spaces, e.g. a,c."
        case .trueFalse: return "Answer t (true) or f (false)."
        case .shortText: return "Type your answer."
        case let .numeric(key):
            return "Answer with a number" + (key.unit.map { " (in \(TerminalText.sanitize($0)))" } ?? "") + "."
        case .ordering: return "Put all \(labels.count) letters in order, e.g. \(labels.reversed().joined(separator: " "))."
        }
    }

    /// What practice mode shows after an answer.
    func render(feedback: PracticeFeedback) -> [String] {
        var lines: [String] = []
        if feedback.correct {
            lines.append(console.styled("  ✓ Correct.", .bold, .green))
        } else if feedback.score > 0 {
            lines += labelled(console.styled("◐ Partly right (\(percent(feedback.score)) credit).", .bold, .yellow)
                + " Right answer:", feedback.correctAnswer.summary)
        } else {
            lines += labelled(console.styled("✗ Not quite.", .bold, .red) + " Right answer:", feedback.correctAnswer.summary)
        }
        for option in feedback.optionFeedback {
            lines += markdown(indent: "    ").render("\(option.label)) \(option.feedback)")
        }
        if let explanation = feedback.explanation {
            lines += markdown().render(explanation).map { console.styled($0, .dim) }
        }
        return lines
    }

    /// The results screen: per-skill bars against thresholds, time, and every missed question.
    func render(result: QuizResult, quiz: Quiz, attemptID: String, timeMultiplier: Double = 1) -> [String] {
        var lines = [""]
        let verdict = result.passed ? console.styled("PASSED", .bold, .green) : console.styled("NOT PASSED", .bold, .red)
        let status = result.status == .completed ? "" : " (" + result.status.rawValue + ")"
        lines.append(console.styled("Results: ", .bold) + console.safe(quiz.title) + " — " + verdict + status)
        lines.append("  Score \(CorrectAnswer.format((result.points * 100).rounded() / 100)) of "
            + "\(CorrectAnswer.format(result.maxPoints)) points (\(percent(result.fraction))) · time "
            + DurationText.clock(result.timeUsed)
            + (timeMultiplier > 1 ? " (extended time \(Accommodation.describe(timeMultiplier)))" : ""))
        let nameWidth = min(28, result.skills.map { DisplayWidth.of($0.name) }.max() ?? 0)
        for skill in result.skills {
            let name = DisplayWidth.pad(
                DisplayWidth.truncate(TerminalText.sanitize(skill.name, keepNewlines: false), to: nameWidth), to: nameWidth)
            let mark = skill.passed ? console.styled("pass", .green) : console.styled("below", .red)
            let rule: String
            if let settled = skill.decision {
                rule = "  decided \(settled.isProficient ? "proficient" : "not yet proficient") after \(settled.items)"
            } else {
                rule = skill.awaitsDecision ? "  undecided" : "  needs " + percent(skill.threshold)
            }
            lines.append("  " + name + "  " + Bar.render(skill.fraction, width: 20, threshold: skill.threshold, console: console)
                + " " + percent(skill.fraction).leftPadded(to: 4) + rule + "  " + mark)
        }
        if result.saved > 0 {
            lines.append("  The decision rule settled early: \(result.saved) question\(result.saved == 1 ? " was" : "s were") "
                + "not needed.")
        }
        // An abandoned attempt never shows the questions it did not reach: leaving must not reveal their keys.
        let reviewed = result.missed
        if !reviewed.isEmpty {
            lines.append("")
            lines.append(console.styled("Review", .bold)
                + " — \(reviewed.count) question\(reviewed.count == 1 ? "" : "s") without full credit:")
            for item in reviewed {
                lines.append("")
                lines.append(console.styled("  \(item.position + 1). ", .bold) + console.styled(state(of: item), .yellow)
                    + (item.given.map { " — you answered " + console.safe($0, .bold) } ?? ""))
                lines += markdown(indent: "     ").render(item.prompt)
                lines += labelled(
                    console.styled("Answer:", .green),
                    item.correctAnswer?.summary ?? "sealed: this exam question's key is not shown", indent: "     ")
                if let explanation = item.explanation {
                    lines += markdown(indent: "     ").render(explanation).map { console.styled($0, .dim) }
                }
            }
        }
        let unseen = result.unreached
        if unseen > 0 {
            lines.append("")
            lines.append("\(unseen) question\(unseen == 1 ? " was" : "s were") not reached; "
                + "\(unseen == 1 ? "its answer is" : "their answers are") not shown.")
        }
        lines.append("")
        lines.append(console.styled("Attempt \(attemptID)", .dim))
        return lines
    }

    /// `label text…` wrapped to the width, continuation lines indented under the text.
    private func labelled(_ label: String, _ text: String, indent: String = "  ") -> [String] {
        let labelWidth = DisplayWidth.of(label) + 1
        let body = markdown(indent: "", narrower: indent.count + labelWidth).render(text)
        let hanging = indent + String(repeating: " ", count: labelWidth)
        return body.isEmpty ? [indent + label] : body.enumerated().map { index, line in
            index == 0 ? indent + label + " " + line : hanging + line
        }
    }

    private func state(of item: QuizResult.MissedItem) -> String {
        switch item.outcome {
        case .answered?: item.score > 0 ? "partly right" : "wrong"
        case .skipped?: "skipped"
        case .timedOut?: "time ran out"
        case nil: "not reached"
        }
    }

    private func points(_ value: Double) -> String {
        "\(CorrectAnswer.format(value)) pt" + (value == 1 ? "" : "s")
    }

    func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded()))%"
    }
}

extension String {
    /// Right-aligned in `width` columns.
    func leftPadded(to width: Int) -> String {
        let current = DisplayWidth.of(self)
        return current >= width ? self : String(repeating: " ", count: width - current) + self
    }
}
