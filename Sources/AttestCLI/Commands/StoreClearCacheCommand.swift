import ArgumentParser
import Foundation

/// `store clear-cache`: forget the compiled packs kept in the store.
///
/// A big pack's compiled form takes about as much room as its JSON file; this gives the room back to
/// the store (and is the way out should a cache ever be suspected). Nothing a learner recorded is touched,
/// and each pack is compiled again, in the background, the next time it is used.
struct StoreClearCacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear-cache",
        abstract: "Forget the compiled packs kept in the store (rebuilt from the pack files when next used).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let context = global.context()
        let count = try context.store().clearPackCache()
        let packs = count == 1 ? "1 compiled pack" : "\(count) compiled packs"
        context.console.line("Cleared \(packs); each is rebuilt from its file the next time it is used. "
            + "Answers and credentials are untouched.")
    }
}
