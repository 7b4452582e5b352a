import ArgumentParser
import AttestCore
import Foundation

/// `attempts export`: every attempt in the store (or one pack's, or only the current learner's) as JSON Lines.
struct AttemptsExportCommand: ParsableCommand {
    /// The export formats; JSON Lines is the only one.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write attempts as JSON Lines (one attempt with its responses per line).",
        discussion: """
            The file holds learner names as stored, the pack id, version and hash, and every answer; \
            never keys or credentials. Send it to your instructor, who runs 'attest attempts import FILE'.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only attempts at this pack.", valueName: "id"))
    var pack: String?

    @Flag(help: "Only the current learner's attempts (see --learner).")
    var mine = false

    @Option(help: ArgumentHelp("Write to this file instead of standard output (- is standard output).", valueName: "file"))
    var output: String?

    @Option(help: "The file format.")
    var format: Format = .jsonl

    @Flag(help: "Overwrite the output file if it exists.")
    var force = false

    @Flag(help: "Write your own attempts as a submission signed by this store's device key, for 'creds issue'.")
    var sign = false

    func run() throws {
        let context = global.context()
        if sign {
            let store = try context.store()
            let key = try DeviceKey.load(store)
            let submission = try Submission.collect(store: store, learner: context.learner, packID: pack, device: key.did)
            try write(try submission.sign(with: key, at: context.clock.now()) + "\n", context: context)
            context.console.error("Signed \(Plural.count(submission.attempts.count, "attempt")) "
                + "with your device key \(key.did.prefix(24))…; give the file to your instructor.")
            return
        }
        let attempts = try context.store().exportAttempts(learner: mine ? context.learner : nil, packID: pack)
        try write(try AttemptsFile.encode(attempts), context: context)
        if let output, output != "-" {
            context.console.error("Exported \(Plural.count(attempts.count, "attempt")) to \(TerminalText.sanitize(output)).")
        }
    }

    private func write(_ text: String, context: AppContext) throws {
        guard let output, output != "-" else {
            context.console.write(text)
            return
        }
        if FileManager.default.fileExists(atPath: output), !force {
            throw CommandFailure("\(CommandFailure.quote(output)) already exists; choose another --output or add --force to overwrite it.")
        }
        try OutputFile.refuseBrokenLink(output)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw InstructorFileError.cannotWrite(file: output, reason: error.localizedDescription)
        }
    }
}
