import Foundation

let usage = "usage: attest-bench SUITE [options]   (suites are listed in scripts/bench)"
FileHandle.standardError.write(Data((usage + "\n").utf8))
exit(64)
