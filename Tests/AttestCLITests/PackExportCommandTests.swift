import ArgumentParser
import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// `pack export` and `pack import` together, in-process: a pack written as each format with its
/// losses on standard error, files refused without --force, and a written bank imported back
/// with its format recognised from the content.
@Suite("PackExportCommand")
struct PackExportCommandTests {
    typealias Workspace = InstructorCommandsTests.Workspace

    @Test func exportsEveryFormatAndImportsItBack() throws {
        let workspace = try Workspace()
        try workspace.run(try PackExportCommand.parse(["item-analysis", "--format", "gift"]))
        #expect(workspace.output.standardOutput.contains("$CATEGORY: $course$/top/"))
        #expect(workspace.output.standardError.hasPrefix("Not carried by gift:\n  pack: not carried: "))
        for format in PackExportFormat.allCases {
            let path = workspace.folder + "/bank." + format.fileExtension
            try workspace.run(try PackExportCommand.parse(["item-analysis", "--format", format.rawValue, "--output", path]))
            #expect(workspace.output.standardOutput.contains("Wrote \(path): "))
            #expect(throws: ValidationError.self) {
                try workspace.run(try PackExportCommand.parse(["item-analysis", "--format", format.rawValue, "--output", path]))
            }
            guard format != .qti12 else { continue }
            let imported = workspace.folder + "/back-\(format.rawValue).json"
            try workspace.run(try PackImportCommand.parse([path, "--id", "back", "--output", imported]))
            let pack = try #require(PackLibrary.read(path: imported).pack)
            #expect(pack.id == "back" && !pack.questions.isEmpty)
        }
    }

    @Test func aBankWithoutARecognisableFormatAsksForOne() throws {
        let workspace = try Workspace()
        let path = workspace.folder + "/words.txt"
        try Data("just some words\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ValidationError.self) { try workspace.run(try PackImportCommand.parse([path])) }
    }

    @Test func qtiGoesToAZipPackageCanvasImports() throws {
        let workspace = try Workspace()
        let path = workspace.folder + "/bank.zip"
        try workspace.run(try PackExportCommand.parse(["item-analysis", "--format", "qti12", "--output", path]))
        #expect(throws: ValidationError.self) {
            try workspace.run(try PackExportCommand.parse(["item-analysis", "--format", "gift", "--output", workspace.folder + "/g.zip"]))
        }
        let script = InstructorCommandsTests.fixtures.appendingPathComponent("zip_check.py").path
        guard let run = try PythonChecker.run(script, [path], requiring: "zipfile") else {
            print("python3 is missing: the QTI package is not checked independently")
            return
        }
        #expect(run.status == 0, "\(run.output)\(run.error)")
        let pack = try #require(PackLibrary.read(path: workspace.folder + "/packs/item-analysis.json").pack)
        #expect(run.output == "imsmanifest.xml\n\(pack.id)/\(pack.id).xml\n")
    }
}
