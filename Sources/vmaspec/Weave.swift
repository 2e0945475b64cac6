import ArgumentParser
import Foundation
import Literate

/// `vmaspec weave --out DIR`: the HTML book — every chapter as the RFC has it, the same chapters
/// as each review variant reads them, and the review documents.
struct Weave: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write the HTML book: the spec, each review variant, the review.")

    @OptionGroup var spec: SpecOptions

    @Option(help: "The folder to write the site into.")
    var out: String = "site"

    func run() throws {
        let project = try reportingBadInput { try spec.project() }
        let tables = MutationResults.tables(project, scratch: MutantBuild.defaultScratch(root: spec.rootURL))
        let files = try reportingBadInput {
            try Book(project: project, mutation: tables, kernelFigures: try KernelFigures.load(project: project.root)).pages()
        }
        let changed = try OutputWriter.writeAll(files, under: try ArgumentChecks.outputFolder(out, "--out"))
        print("wove \(files.count) pages into \(out) (\(changed.count) changed); open \(out)/index.html")
    }
}
