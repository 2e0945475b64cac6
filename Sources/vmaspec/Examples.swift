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
        let names = try reportingBadInput {
            try variant.map { [try VariantEntry.named($0).name] } ?? variantRegistry.filter { !project.isMustFail($0.name) }.map(\.name)
        }
        try reportingBadInput { try ExampleRun.checkBuiltFromToday(names.map { try VariantEntry.named($0) }, project: project) }
        let results = try reportingBadInput { try ExampleRun.run(variants: names, project: project) }
        if accept {
            let source = try reportingBadInput { try VariantEntry.named(variant ?? "rfc") }
            if try Variant(project: project, name: source.name).chain.contains(where: { !$0.header.renames.isEmpty }) {
                throw badArgument("--accept writes the Markdown, so it takes the output of a variant that renames nothing (e.g. rfc), not '\(source.name)'")
            }
            let crashed = results.filter { $0.variant == source.name && $0.crash != nil }
            for result in crashed { print(result.report) }
            let accepted = try reportingBadInput { try ExampleRun.accept(results.filter { $0.variant == source.name && !$0.passed && $0.crash == nil }, project: project) }
            print("accepted \(accepted) output block\(accepted == 1 ? "" : "s")" + (crashed.isEmpty ? "" : "; \(crashed.count) crashed and were left alone"))
            if !crashed.isEmpty { throw ExitStatus.checkFailed }
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
    /// What it printed; empty when it crashed.
    var actual: String
    /// The output block as this variant expects it: today's text with the variant's renames applied.
    var expected: String
    /// How the example crashed its worker, if it did.
    var crash: CrashOutcome?

    var passed: Bool { crash == nil && actual == expected }

    var report: String {
        let name = example.role == .example(name: nil) ? "" : " '\(example.info["name"] ?? "")'"
        if let crash {
            return "\(crash.location ?? example.position.description): example\(name) (\(variant)) crashed: \(crash.message)"
                + (crash.location == nil ? "" : " (the example starts at \(example.position))") + "\n"
        }
        return "\(example.position): example\(name) (\(variant)): output differs from the output block at \(output.position)\n"
            + OutputDiff.unified(expected: expected, actual: actual, expectedStart: output.firstCodeLine)
    }
}

enum ExampleRun {
    /// Runs each variant's compiled examples in a worker process and pairs them with their blocks
    /// in today's Markdown.
    static func run(variants: [String], project: Project, supervisor: Supervisor = .current) throws -> [ExampleResult] {
        try variants.flatMap { name in
            let variant = try Variant(project: project, name: name)
            return try supervisor.examples(variant: name).map { compiled in
                let (document, pair) = try blocks(of: compiled, in: project)
                return ExampleResult(variant: name, example: pair.example, output: pair.output, actual: compiled.output ?? "",
                                     expected: variant.renamed(pair.output.code, inDocument: document.path), crash: compiled.crash)
            }
        }
    }

    /// Refuses, before anything runs, a build whose examples are not today's Markdown.
    static func checkBuiltFromToday(_ entries: [VariantEntry], project: Project) throws {
        for entry in entries {
            for example in WorkerCommand.catalog(entry).examples { _ = try blocks(of: example.identity, in: project) }
        }
    }

    /// The example block a compiled example came from, and the output block after it.
    static func blocks(of compiled: ExampleOutcome, in project: Project) throws -> (Document, (example: Block, output: Block)) {
        let documents = project.chapters + project.reviews.map(\.document)
        guard let document = documents.first(where: { $0.path == compiled.file }),
              let pair = document.examples.min(by: { distance($0.example, compiled) < distance($1.example, compiled) }),
              Fingerprint.of(pair.example.code) == compiled.codeHash else {
            throw LiterateError(file: compiled.file, line: compiled.line, "this example changed since the last build; rebuild first (swift build)")
        }
        return (document, pair)
    }

    /// How far an example block is from the compiled one: 0 when the code is the same.
    static func distance(_ block: Block, _ compiled: ExampleOutcome) -> Int {
        (Fingerprint.of(block.code) == compiled.codeHash ? 0 : 1_000_000) + abs(block.line - compiled.line)
    }

    /// Rewrites the output blocks of `results`; returns how many it rewrote.
    static func accept(_ results: [ExampleResult], project: Project) throws -> Int {
        let byFile = Dictionary(grouping: results, by: \.output.file)
        var rewritten: [(URL, String)] = []
        for (file, fileResults) in byFile {
            var text = try SourceReader.utf8(try SourceReader.bytes(root: project.root, path: file), path: file)
            for result in fileResults.sorted(by: { $0.output.line > $1.output.line }) {
                let count = SourceLines.endingCount(result.output.code)
                text = try OutputBlocks.replacing(in: text, path: file, fenceLine: result.output.line, codeLineCount: count, with: result.actual)
            }
            rewritten.append((project.root.appendingPathComponent(file), text))
        }
        for (url, text) in rewritten { try OutputWriter.write(text, to: url) }
        return results.count
    }
}
