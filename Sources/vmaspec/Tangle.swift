import ArgumentParser
import Foundation
import Literate

/// `vmaspec tangle --variant V --out DIR`: one variant's Swift, as the build plugin makes it.
struct Tangle: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write one variant's Swift (model, examples, catalog) to a folder.")

    @OptionGroup var spec: SpecOptions

    @Option(help: "The variant to tangle (rfc, rfc-nopvl, or a review id).")
    var variant: String = "rfc"

    @Option(help: "The folder to write into; files whose bytes would not change are left alone.")
    var out: String

    func run() throws {
        let files = try reportingBadInput {
            let project = try spec.project()
            guard project.variantNames.contains(variant) else { throw LiterateErrorBridge.unknownVariant(variant, known: project.variantNames) }
            return Tangler(variant: try Variant(project: project, name: variant)).allFiles()
        }
        let folder = try ArgumentChecks.outputFolder(out, "--out")
        let changed = try OutputWriter.writeAll(files, under: folder)
        print("tangled \(variant): \(files.count) files, \(changed.count) changed")
        for path in changed { print("  wrote \(path)") }
    }
}
