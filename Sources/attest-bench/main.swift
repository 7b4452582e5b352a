import Foundation

/// `attest-bench SUITE [options]`: runs one benchmark suite and prints its figures.
let usage = """
    usage: attest-bench SUITE [options]
    suites:
      packs [--questions N]   load+validate generated packs (10,000 and 50,000 questions by default)
                              side by side with Python's json.load of the same files
      pack-file --questions N --output FILE
                              writes the generated pack used by 'packs'
      store --path FILE [--packs DIR] [--learner NAME] [--responses N] [--credentials N]
                              creates a store with N responses (20 per completed attempt, over the
                              packs in DIR) and N credentials, in one bulk transaction
      journal [--dir DIR] [--count N]
                              p50 and p99 µs of recordResponse on a file store, then of a raw
                              4 KiB write + fdatasync in the same folder
      credentials [--runs N]  median µs of building+signing one credential, then of verifying it
      options [--count N]     median ms of validating one question with N options (100,000 by default)
      scheduling [--reviews N] [--learners N]
                              ms to fit FSRS weights to N simulated reviews (10,000) with held-out
                              log-loss before/after; mean predicted exam score planned vs random
                              practice of equal minutes over N seeded simulated learners (20)
      decision [--learners N] [--seed N] [--max-items N]
                              the exam decision rule's operating characteristics: award rate and
                              mean questions per true ability (the tables in docs/scoring.md);
                              --max-items caps the questions per skill (the shipped exams draw 8)
    """

var arguments = Array(CommandLine.arguments.dropFirst())
guard let suite = arguments.first else {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(64)
}
arguments.removeFirst()

do {
    switch suite {
    case "packs":
        try PackLoadBenchmark(arguments: arguments).run()
    case "pack-file":
        try PackLoadBenchmark(arguments: arguments).writePack()
    case "store":
        try StoreFixture(arguments: arguments).run()
    case "journal":
        try JournalBenchmark(arguments: arguments).run()
    case "credentials":
        try CredentialBenchmark(arguments: arguments).run()
    case "options":
        try OptionListBenchmark(arguments: arguments).run()
    case "scheduling":
        try SchedulingBenchmark(arguments: arguments).run()
    case "decision":
        try DecisionBenchmark(arguments: arguments).run()
    default:
        FileHandle.standardError.write(Data("attest-bench: unknown suite \"\(suite)\"\n\(usage)\n".utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("attest-bench: \(error.localizedDescription)\n".utf8))
    exit(1)
}
