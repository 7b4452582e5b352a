import ArgumentParser
import Foundation

/// `manual-page`: prints the `attest(1)` manual page (mdoc) rendered from the command tree.
///
/// Hidden: it is for scripts/install and scripts/package, which write its output to
/// `share/man/man1/attest.1`, so the installed page always matches the installed binary.
struct ManualPageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual-page",
        abstract: "Print the attest(1) manual page (mdoc), rendered from the command tree.",
        shouldDisplay: false)

    @Option(help: ArgumentHelp("The page's date, YYYY-MM-DD (default: today).", valueName: "date"))
    var date: String?

    func validate() throws {
        if let date, Self.pageDate(date) == nil {
            throw ValidationError("--date takes a date as YYYY-MM-DD, such as 2026-12-05; got '\(date)'.")
        }
    }

    func run() throws {
        let page = try ManualPage(dumpedHelp: ManualPage.attestCommandTree())
        let day = date.flatMap(Self.pageDate) ?? Self.formatter("MMMM d, yyyy").string(from: SystemClock().now())
        print(page.rendered(date: day, version: AttestCommand.version), terminator: "")
    }

    /// `2026-12-05` as mdoc writes dates: `December 5, 2026`; nil when it is not such a date.
    static func pageDate(_ day: String) -> String? {
        guard day.count == 10, let parsed = formatter("yyyy-MM-dd").date(from: day) else { return nil }
        return formatter("MMMM d, yyyy").string(from: parsed)
    }

    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }
}
