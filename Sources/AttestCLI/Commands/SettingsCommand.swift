import ArgumentParser
import AttestCore
import Foundation

/// `settings`: the learner's accessible mode and extended-time accommodation, kept in the store.
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Show or change how you sit quizzes: accessible mode and extended time.",
        discussion: """
            settings accessible on|off     plain lines for screen readers, no countdown redrawn in place
            settings extra-time 1.5|2|off  extended time on every timed quiz whose pack allows it (WCAG 2.2.1); \
            the attempt records it and a credential's evidence states it
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("accessible or extra-time.", valueName: "name"))
    var name: String?

    @Argument(help: ArgumentHelp("on/off for accessible; a multiplier such as 1.5 or 2, or off, for extra-time.", valueName: "value"))
    var value: String?

    func validate() throws {
        guard let name else { return }
        guard ["accessible", "extra-time"].contains(name) else {
            throw ValidationError("Unknown setting '\(TerminalText.sanitize(name, keepNewlines: false))'; "
                + "the settings are accessible and extra-time.")
        }
        guard let value else { return }
        if name == "accessible", !["on", "off"].contains(value) {
            throw ValidationError("accessible is on or off, not '\(TerminalText.sanitize(value, keepNewlines: false))'.")
        }
        if name == "extra-time", value != "off", LearnerSettings.parseMultiplier(value) == nil {
            throw ValidationError("extra-time is a multiplier above 1 and at most "
                + "\(Accommodation.describe(Accommodation.largestMultiplier)) (such as 1.5 or 2), or off; "
                + "not '\(TerminalText.sanitize(value, keepNewlines: false))'.")
        }
    }

    func run() throws {
        let context = global.context()
        let store = try context.store()
        let learner = context.learner
        if let name, let value {
            switch name {
            case "accessible":
                try store.setSetting(LearnerSettings.accessibleKey(learner), to: value == "on" ? "on" : nil)
            default:
                try store.setSetting(
                    LearnerSettings.extraTimeKey(learner), to: LearnerSettings.parseMultiplier(value).map { String($0) })
            }
        }
        let accessible = try store.setting(LearnerSettings.accessibleKey(learner)) == "on"
        let extra = try LearnerSettings.extraTime(learner, store: store)
        let who = TerminalText.sanitize(learner, keepNewlines: false)
        if name == nil || name == "accessible" {
            context.console.line("accessible  \(accessible ? "on" : "off")  (for \(who); --accessible or ACCESSIBLE=1 turn it on for one run)")
        }
        if name == nil || name == "extra-time" {
            context.console.line("extra-time  " + (extra.map { Accommodation.describe($0) + " on timed quizzes that allow it" } ?? "off")
                + "  (for \(who))")
        }
    }
}
