import AttestCore
import Foundation

/// Times validating one question with a very long option list: repeated and look-alike options are
/// found with hash sets in one pass, so 100,000 options must lint in well under a second (comparing
/// each option with every earlier one took two minutes).
struct OptionListBenchmark {
    /// Why the benchmark could not run.
    enum Failure: LocalizedError {
        case badArguments(String)

        var errorDescription: String? {
            if case let .badArguments(text) = self { return "options: \(text)" }
            return nil
        }
    }

    var count = 100_000

    init(arguments: [String]) throws(Failure) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard argument == "--count", let value = remaining.popFirst(), let number = Int(value), number > 1 else {
                throw .badArguments("unknown option or bad value near \(argument)")
            }
            count = number
        }
    }

    /// Prints the median milliseconds of decoding the pack, for ASCII options and for options in
    /// other scripts (which take the NFKC and confusables path).
    func run() {
        for (label, word) in [("ascii", "option"), ("cyrillic", "вариант"), ("mixed", "Тhis опция")] {
            let bytes = pack(word: word)
            var times: [Double] = []
            var errors = 0
            for _ in 0..<5 {
                let start = DispatchTime.now().uptimeNanoseconds
                errors = PackDecoder().decode(bytes: bytes, file: "options.json").errors.count
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            let median = times.sorted()[times.count / 2]
            print("options \(label): \(count) options, \(bytes.count / 1024) KiB, median \(String(format: "%.1f", median)) ms to validate (\(errors) error(s))")
        }
    }

    private func pack(word: String) -> [UInt8] {
        var text = #"{"format": 1, "id": "p", "version": "1.0.0", "title": "P", "skills": [{"id": "s", "name": "S"}], "questions": [{"id": "q", "type": "single", "skill": "s", "prompt": "?", "explanation": "x", "options": ["#
        for index in 0..<count {
            text += (index == 0 ? "" : ",") + #"{"text": "\#(word) \#(index)""# + (index == 0 ? #", "correct": true}"# : "}")
        }
        text += #"]}], "quizzes": [{"id": "z", "title": "Z", "mode": "practice", "sections": [{"from": {"skills": ["s"]}}]}]}"#
        return Array(text.utf8)
    }
}
