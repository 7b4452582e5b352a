import AttestCore
import Foundation

/// Measures how fast `PackDecoder` loads and validates large packs, against Python's `json.load`.
///
/// Authors of big item banks lint on every save, and `attest` loads every installed pack at
/// start, so loading must stay well under a tenth of a second for a 10,000-question pack.
/// Each measurement runs in a fresh child process (this executable with `--measure`), so
/// the peak memory (VmHWM) is that of one load, and timings do not share warm caches.
struct PackLoadBenchmark {
    /// Why the benchmark could not run.
    enum Failure: LocalizedError {
        case badArguments(String)
        case childFailed(String, String)
        case packInvalid([Diagnostic])

        var errorDescription: String? {
            switch self {
            case let .badArguments(text): "packs: \(text)"
            case let .childFailed(command, output): "a measurement failed: \(command)\n\(output)"
            case let .packInvalid(diagnostics):
                "the generated pack does not validate:\n" + diagnostics.prefix(5).map(\.description).joined(separator: "\n")
            }
        }
    }

    /// One timed load.
    struct Sample {
        var seconds: Double
        var peakKilobytes: Int
    }

    static let runs = 5
    var sizes: [Int] = [10_000, 50_000]
    var measureFile: String?
    /// Where `writePack` puts the generated pack.
    var outputFile: String?
    /// One line of plain numbers per size instead of the table (for `scripts/bench`).
    var raw = false

    init(arguments: [String]) throws(Failure) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--questions":
                guard let value = remaining.popFirst(), let count = Int(value), count > 0 else {
                    throw .badArguments("--questions needs a positive number")
                }
                sizes = [count]
            case "--output":
                guard let path = remaining.popFirst() else { throw .badArguments("--output needs a file") }
                outputFile = path
            case "--raw":
                raw = true
            case "--measure":
                guard let path = remaining.popFirst() else { throw .badArguments("--measure needs a file") }
                measureFile = path
            default:
                throw .badArguments("unknown option \(argument)")
            }
        }
    }

    /// Writes the generated pack of the first size to `--output`.
    func writePack() throws {
        guard let outputFile, let size = sizes.first else { throw Failure.badArguments("--output needs a file") }
        try Data(SyntheticPack.json(questionCount: size).utf8).write(to: URL(fileURLWithPath: outputFile))
    }

    func run() throws {
        if let measureFile {
            try Self.measureOnce(path: measureFile)
            return
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("attest-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let python = Self.resolvePython()
        if raw {
            try runRaw(directory: directory, python: python)
            return
        }
        print("pack load+validate: median of \(Self.runs) runs, each in a fresh process; peak = VmHWM of that process")
        print("python: \(python ?? "not found (python3 -c 'import sys; print(sys.executable)' failed)")")
        print("")
        let header = ["questions", "MB", "attest ms", "MB/s", "peak MB", "python ms", "MB/s", "peak MB", "attest/python"]
        print(Self.row(header))
        for size in sizes {
            let file = directory.appendingPathComponent("bench-\(size).json")
            let text = SyntheticPack.json(questionCount: size)
            try Data(text.utf8).write(to: file)
            let megabytes = Double(text.utf8.count) / 1_000_000
            let attest = try (0..<Self.runs).map { _ in try Self.child(Self.executable, ["packs", "--measure", file.path]) }
            let python = try python.map { interpreter in
                try (0..<Self.runs).map { _ in try Self.child(interpreter, ["-c", Self.pythonScript, file.path]) }
            }
            let attestTime = Self.median(attest.map(\.seconds))
            var cells = [
                String(size), Self.format(megabytes, 1), Self.format(attestTime * 1000, 1),
                Self.format(megabytes / attestTime, 0), Self.format(Double(attest.map(\.peakKilobytes).max()!) / 1024, 1),
            ]
            if let python {
                let pythonTime = Self.median(python.map(\.seconds))
                cells += [
                    Self.format(pythonTime * 1000, 1), Self.format(megabytes / pythonTime, 0),
                    Self.format(Double(python.map(\.peakKilobytes).max()!) / 1024, 1), Self.format(attestTime / pythonTime, 2),
                ]
            } else {
                cells += ["-", "-", "-", "-"]
            }
            print(Self.row(cells))
        }
    }

    /// Per size: questions, MB, attest median s, attest peak KB, python median s (or -1), python peak KB.
    private func runRaw(directory: URL, python: String?) throws {
        for size in sizes {
            let file = directory.appendingPathComponent("bench-\(size).json")
            let text = SyntheticPack.json(questionCount: size)
            try Data(text.utf8).write(to: file)
            let attest = try (0..<Self.runs).map { _ in try Self.child(Self.executable, ["packs", "--measure", file.path]) }
            let peer = try python.map { interpreter in
                try (0..<Self.runs).map { _ in try Self.child(interpreter, ["-c", Self.pythonScript, file.path]) }
            }
            print(size, Double(text.utf8.count) / 1_000_000, Self.median(attest.map(\.seconds)),
                  attest.map(\.peakKilobytes).max()!, peer.map { Self.median($0.map(\.seconds)) } ?? -1,
                  peer?.map(\.peakKilobytes).max() ?? -1)
        }
    }

    /// The child side: load and validate one file, print seconds and peak kilobytes.
    private static func measureOnce(path: String) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let bytes = try readBytes(path)
        let result = PackDecoder().decode(bytes: bytes, file: path)
        let elapsed = clock.now - start
        guard result.pack != nil else { throw Failure.packInvalid(result.diagnostics) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(seconds, peakKilobytes())
    }

    /// The file's bytes read straight into one array (going through `Data` would hold the file twice).
    private static func readBytes(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(descriptor) }
        let size = Int(lseek(descriptor, 0, SEEK_END))
        lseek(descriptor, 0, SEEK_SET)
        return try [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            while initialized < size {
                let count = read(descriptor, buffer.baseAddress! + initialized, size - initialized)
                guard count > 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
                initialized += count
            }
        }
    }

    /// VmHWM (peak resident set) of this process, in kilobytes; 0 where /proc is missing.
    private static func peakKilobytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        return 0
    }

    static let pythonScript = """
        import json, sys, time
        start = time.perf_counter()
        with open(sys.argv[1], 'rb') as f:
            data = json.load(f)
        elapsed = time.perf_counter() - start
        peak = 0
        with open('/proc/self/status') as status:
            for line in status:
                if line.startswith('VmHWM:'):
                    peak = int(line.split()[1])
        print(elapsed, peak)
        """

    private static var executable: String {
        Bundle.main.executablePath ?? CommandLine.arguments[0]
    }

    /// The real interpreter behind `python3` on PATH (not a shell shim), via `sys.executable`.
    private static func resolvePython() -> String? {
        guard let output = try? capture("/usr/bin/env", ["python3", "-c", "import os, sys; print(os.path.realpath(sys.executable))"])
        else { return nil }
        let path = output.trimmingCharacters(in: .whitespacesAndNewlines)
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    private static func child(_ executable: String, _ arguments: [String]) throws -> Sample {
        let output = try capture(executable, arguments)
        let fields = output.split(whereSeparator: \.isWhitespace)
        guard fields.count == 2, let seconds = Double(fields[0]), let peak = Int(fields[1]) else {
            throw Failure.childFailed(([executable] + arguments.prefix(2)).joined(separator: " "), output)
        }
        return Sample(seconds: seconds, peakKilobytes: peak)
    }

    private static func capture(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure.childFailed(([executable] + arguments.prefix(2)).joined(separator: " "), output)
        }
        return output
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    private static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    private static func row(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            let width = index == 0 ? 9 : 13
            return String(repeating: " ", count: max(0, width - cell.count)) + cell
        }.joined(separator: " ")
    }
}
