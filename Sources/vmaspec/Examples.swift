import ArgumentParser
import Foundation
import Literate

/// `vmaspec examples [--variant V] [--accept]`: run every example and compare its output with the
/// `output` block after it, as the Markdown says today.
struct Examples: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the examples and compare their output with the output blocks.")

    @OptionGroup var spec: SpecOptions

    @Option(help: "Run one variant's examples (default: every variant).")
    var variant: String?

    @Flag(help: "Rewrite each differing output block with the actual output (of --variant, or rfc).")
    var accept = false

    func run() throws {
        let project = try reportingBadInput { try spec.project() }
        let entries = try reportingBadInput {
            try variant.map { [try VariantEntry.named($0)] } ?? variantRegistry.filter { !project.isMustFail($0.name) }
        }
        let results = try reportingBadInput { try ExampleRun.run(entries, project: project) }
        if accept {
            let source = try reportingBadInput { try VariantEntry.named(variant ?? "rfc") }
            if try Variant(project: project, name: source.name).chain.contains(where: { !$0.header.renames.isEmpty }) {
                throw badArgument("--accept writes the Markdown, so it takes the output of a variant that renames nothing (e.g. rfc), not '\(source.name)'")
            }
            let accepted = try reportingBadInput { try ExampleRun.accept(results.filter { $0.variant == source.name && !$0.passed }, project: project) }
            print("accepted \(accepted) output block\(accepted == 1 ? "" : "s")")
            return
        }
        for result in results where !result.passed { print(result.report) }
        let failed = results.filter { !$0.passed }.count
        print("examples: \(results.count - failed) passed, \(failed) failed")
        if failed > 0 { throw ExitStatus.checkFailed }
    }
}

/// One example run against the Markdown as it is now.
struct ExampleResult {
    var variant: String
    var example: Block
    var output: Block
    var actual: String
    /// The output block as this variant expects it: today's text with the variant's renames applied.
    var expected: String

    var passed: Bool { actual == expected }

    var report: String {
        let name = example.role == .example(name: nil) ? "" : " '\(example.info["name"] ?? "")'"
        return "\(example.position): example\(name) (\(variant)): output differs from the output block at \(output.position)\n"
            + OutputDiff.unified(expected: expected, actual: actual, expectedStart: output.firstCodeLine)
    }
}

enum ExampleRun {
    /// Runs each compiled example and pairs it with its blocks in today's Markdown.
    static func run(_ entries: [VariantEntry], project: Project) throws -> [ExampleResult] {
        let documents = project.chapters + project.reviews.map(\.document)
        return try entries.flatMap { entry in
            let variant = try Variant(project: project, name: entry.name)
            return try entry.examples.map { compiled in
                guard let document = documents.first(where: { $0.path == compiled.file }),
                      let pair = document.examples.min(by: { distance($0.example, compiled) < distance($1.example, compiled) }),
                      Fingerprint.of(pair.example.code) == compiled.codeHash else {
                    throw LiterateError(file: compiled.file, line: compiled.line, "this example changed since the last build; rebuild first (swift build)")
                }
                return ExampleResult(variant: entry.name, example: pair.example, output: pair.output, actual: compiled.run(),
                                     expected: variant.renamed(pair.output.code, inDocument: document.path))
            }
        }
    }

    /// How far an example block is from the compiled one: 0 when the code is the same.
    static func distance(_ block: Block, _ compiled: ExampleEntry) -> Int {
        (Fingerprint.of(block.code) == compiled.codeHash ? 0 : 1_000_000) + abs(block.line - compiled.line)
    }

    /// Rewrites the output blocks of `results`; returns how many it rewrote.
    static func accept(_ results: [ExampleResult], project: Project) throws -> Int {
        let byFile = Dictionary(grouping: results, by: \.output.file)
        var rewritten: [(URL, String)] = []
        for (file, fileResults) in byFile {
            var text = try SourceReader.utf8(try SourceReader.bytes(root: project.root, path: file), path: file)
            for result in fileResults.sorted(by: { $0.output.line > $1.output.line }) {
                let count = result.output.code.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
                text = try OutputBlocks.replacing(in: text, path: file, fenceLine: result.output.line, codeLineCount: count, with: result.actual)
            }
            rewritten.append((project.root.appendingPathComponent(file), text))
        }
        for (url, text) in rewritten { try OutputWriter.write(text, to: url) }
        return results.count
    }
}
