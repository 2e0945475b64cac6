import ArgumentParser
import Foundation
import Literate
import Sched

/// `vmaspec check`: the main job. Checks the spec, runs every variant's examples and scenarios,
/// and checks that every must-fail variant is caught.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the spec, run every variant's examples and scenarios (the main job).")

    @OptionGroup var spec: SpecOptions

    @Option(help: "Where to write the HTML book.")
    var site: String = "site"

    func run() throws {
        let project = try reportingBadInput { try spec.project() }
        let blocks = project.chapters.flatMap(\.blocks)
        print("spec: \(project.chapters.count) chapters, \(blocks.filter(\.isModelCode).count) model blocks, \(project.chunkDefinitions.count) chunks, \(project.reviews.count) documents in Patches/")
        print()
        var failures = 0
        print(Self.row("variant", "PER_VMA_LOCK", "examples", "scenarios (bound 2, DFS)"))
        for entry in variantRegistry where !project.isMustFail(entry.name) {
            let results = try reportingBadInput { try ExampleRun.run([entry], project: project) }
            let failed = results.filter { !$0.passed }
            let reports = entry.scenarios.map { Explorer.explore($0, config: .declared(by: $0)) }
            let unexpected = reports.filter { !$0.meetsExpectation }
            failures += failed.count + unexpected.count
            let schedules = reports.reduce(0) { $0 + $1.schedulesExplored }
            print(Self.row(entry.name, entry.perVMALock ? "y" : "n", "\(results.count - failed.count)/\(results.count)",
                           "\(reports.count - unexpected.count)/\(reports.count) as expected, \(schedules) schedules"))
            for result in failed { print(result.report) }
            for report in unexpected { print("  \(report)") }
        }
        print()
        failures += try checkBugs(project)
        let pages = try reportingBadInput { try Book(project: project).pages() }
        _ = try OutputWriter.writeAll(pages, under: URL(fileURLWithPath: site))
        print("\nbook: \(pages.count) pages in \(site)/index.html")
        if failures > 0 { throw ExitStatus.checkFailed }
    }

    /// Each must-fail variant must be caught by the scenarios its document names.
    func checkBugs(_ project: Project) throws -> Int {
        var missed = 0
        print(Self.row("must-fail variant", "caught by", "schedules", "failure"))
        for entry in variantRegistry where project.isMustFail(entry.name) {
            let catches = project.review(id: entry.name)?.header.catches ?? []
            for name in catches {
                guard let scenario = entry.scenarios.first(where: { $0.name == name }) else { continue }
                let report = Explorer.explore(scenario, config: .declared(by: scenario))
                let failure = report.verdict.failure
                if failure == nil { missed += 1 }
                print(Self.row(entry.name, name, "\(report.schedulesExplored)",
                               failure.map { "\($0.kind.rawValue) at \($0.location ?? "?")" } ?? "NOT CAUGHT"))
            }
        }
        return missed
    }

    static func row(_ columns: String...) -> String {
        let widths = [30, 24, 12]
        return columns.enumerated().map { index, text in
            index < widths.count ? text.padding(toLength: max(widths[index], text.count + 1), withPad: " ", startingAt: 0) : text
        }.joined()
    }
}
