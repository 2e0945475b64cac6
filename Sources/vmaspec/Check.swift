import ArgumentParser
import Foundation
import Literate
import Mutation

/// `vmaspec check`: the main job. Checks the spec, runs every variant's examples and scenarios
/// (each in a worker process, so a trap is a reported failure), checks that every must-fail
/// variant is caught, writes the book, and ends with the review table.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the spec, run every variant's examples and scenarios, write the book, show the review (the main job).",
        discussion: "Progress goes to standard error, the report to standard output. Exit status 0 when everything is as expected, 1 when a check failed, 2 on bad input.")

    @OptionGroup var spec: SpecOptions

    @Option(help: "Where to write the HTML book.")
    var site: String = "site"

    @Option(help: "How many variants to check at once (default: one per core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Run every scenario under this memory model (sc, hb or weak) instead of its own memory=.")
    var memory: String?

    @Flag(help: "Do not wrap the review table to 120 columns.")
    var wide = false

    @Flag(help: "Also run mutation testing for every variant with the per-VMA lock (minutes), instead of showing the last results.")
    var mutate = false

    func run() throws {
        try ArgumentChecks.wholeNumber(jobs, "--jobs", minimum: 1)
        try ArgumentChecks.memoryModel(memory)
        let project = try reportingBadInput { try spec.project() }
        try reportingBadInput { try CheckTargets.verify(project) }
        try reportingBadInput { try ExampleRun.checkBuiltFromToday(variantRegistry.filter { !project.isMustFail($0.name) }, project: project) }
        let siteFolder = try ArgumentChecks.outputFolder(site, "--site")
        let blocks = project.chapters.flatMap(\.blocks)
        print("spec: \(project.chapters.count) chapters, \(blocks.filter(\.isModelCode).count) model blocks, \(project.chunkDefinitions.count) chunks, \(project.reviews.count) documents in Patches/")
        print()

        let checks = CheckRun(project: project, memory: memory).run(jobs: jobs) { print($0, terminator: "") }
        var failures = 0
        for check in checks {
            // A variant that could not run at all (its row says why) counts as one failure.
            failures += (try? check.get().failures) ?? 1
        }
        failures += catchersFailingOnTheirBase(project, checks.compactMap { try? $0.get() })
        failures += try mutationTesting(project)
        let scratch = MutantBuild.defaultScratch(root: spec.rootURL)
        let checked = checks.compactMap { try? $0.get() }
        let history = HistoryRows.make(project, checks: checked)
        let pages = try reportingBadInput {
            try Book(project: project, mutation: MutationResults.tables(project, scratch: scratch),
                     history: history.isEmpty ? nil : HistoryRows.page(history, checks: checked),
                     kernelFigures: try KernelFigures.load(project: project.root)).pages()
        }

        _ = try OutputWriter.writeAll(pages, under: siteFolder)
        print("\nbook: \(pages.count) pages in \(site)/index.html\n")
        let rows = try reportingBadInput { try ReviewRows.fromCheck(project, checks.compactMap { try? $0.get() }) }
        print(ReviewTable.render(rows, width: wide ? nil : ReviewTable.defaultWidth), terminator: "")
        print(ReviewTable.footnote(testsRan: false))
        print(HistoryTable.render(history, width: wide ? nil : ReviewTable.defaultWidth), terminator: "")
        if failures > 0 { throw ExitStatus.checkFailed }
    }

    /// With `--mutate`, runs mutation testing for each variant and counts those with survivors;
    /// then prints every variant's score, from this run or the last (the book shows the tables).
    func mutationTesting(_ project: Project) throws -> Int {
        let scratch = MutantBuild.defaultScratch(root: spec.rootURL)
        var failures = 0
        if mutate {
            for entry in MutationResults.variants(project) {
                let schema = try reportingBadInput { try MutantSchema(variant: try Variant(project: project, name: entry.name)) }
                let report = try MutationRun(schema: schema, defines: ["PER_VMA_LOCK"], scratch: scratch, jobs: jobs, timeout: 300).run()
                try report.store(scratch: scratch)
                if !report.problems.isEmpty { failures += 1 }
            }
        }
        print("\n" + MutationResults.summary(project, scratch: scratch))
        return failures
    }

    /// A must-fail variant's `catches:` scenario must pass on the variant the bug was put into;
    /// one that fails there already cannot show the bug. Prints each such scenario; returns how many.
    func catchersFailingOnTheirBase(_ project: Project, _ checks: [VariantCheck]) -> Int {
        var useless = 0
        for bug in checks where bug.mustFail {
            guard let review = project.review(id: bug.name), let base = checks.first(where: { $0.name == review.header.base }) else { continue }
            for name in review.header.catches {
                guard let outcome = base.scenarios.first(where: { $0.name == name }), outcome.failure != nil || outcome.crash != nil else { continue }
                useless += 1
                print("\(review.header.line(of: "catches")): error: '\(name)' fails on \(base.name) already, so it cannot show the bug of \(bug.name)")
            }
        }
        return useless
    }
}
