import Foundation

/// `attest-bench SUITE [options]`: runs one benchmark suite and prints its table.
let usage = """
    usage: attest-bench SUITE [options]
    suites:
      packs [--questions N]   load+validate generated packs (10,000 and 50,000 questions by default)
                              side by side with Python's json.load of the same files
    """

var arguments = Array(CommandLine.arguments.dropFirst())
guard let suite = arguments.first else {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(64)
}
arguments.removeFirst()

switch suite {
case "packs":
    do {
        try PackLoadBenchmark(arguments: arguments).run()
    } catch {
        FileHandle.standardError.write(Data("attest-bench: \(error.localizedDescription)\n".utf8))
        exit(1)
    }
default:
    FileHandle.standardError.write(Data("attest-bench: unknown suite \"\(suite)\"\n\(usage)\n".utf8))
    exit(64)
}
