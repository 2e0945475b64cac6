import ArgumentParser
import Foundation
import Literate
import Sched
import Synchronization

/// `vmaspec explore SCENARIO [--variant V] [--bound K | --pct N --seed S | --random N --seed S] [--replay TOKEN]`.
struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every interleaving of a scenario within a bound, or sample them (PCT, random), or replay one.",
        discussion: "Exit status 0 when the result matches the scenario's expect=, 1 when it does not, 2 on bad input."
    )

    @OptionGroup var spec: SpecOptions

    @Argument(help: "The scenario's name (see `vmaspec explore --list`).")
    var scenario: String?

    @Option(help: "The variant to explore.")
    var variant: String = "rfc"

    @Option(help: "Depth-first search with this preemption bound (default: the scenario's bound=, else 2).")
    var bound: Int?

    @Option(help: "PCT: this many randomized schedules (with --depth and --seed).")
    var pct: Int?

    @Option(help: "Plain random: this many schedules (with --seed).")
    var random: Int?

    @Option(help: "PCT bug depth.")
    var depth: Int = 3

    @Option(help: "Seed of PCT or random search.")
    var seed: UInt64 = 1

    @Option(help: "Steps one schedule may take before it is a runaway (default: the scenario's steps=, else 10000).")
    var maxSteps: Int?

    @Option(help: "Replay the schedule of a token printed by an earlier failure.")
    var replay: String?

    @Flag(help: "List the scenarios of the variant and exit.")
    var list = false

    func run() throws {
        let entry = try reportingBadInput { try VariantEntry.named(variant) }
        if list {
            for s in entry.scenarios { print("\(s.name)\texpect=\(s.expect.rawValue)\tbound=\(s.bound.map(String.init) ?? "-")\t\(s.file):\(s.line)") }
            return
        }
        guard let name = scenario else { throw badArgument("name a scenario, or pass --list") }
        guard let definition = entry.scenarios.first(where: { $0.name == name }) else {
            throw badArgument("variant '\(variant)' has no scenario '\(name)' (known: \(entry.scenarios.map(\.name).joined(separator: ", ")))")
        }
        let report = try self.report(definition)
        print(ExploreReport.render(report, scenario: definition, variant: variant))
        if !report.meetsExpectation { throw ExitStatus.checkFailed }
    }

    func report(_ definition: ScenarioDefinition) throws -> ExplorationReport {
        if let replay { return Explorer.replay(definition, token: replay) }
        let strategy: Strategy
        switch (pct, random) {
        case (let n?, nil): strategy = .pct(iterations: n, depth: depth, seed: seed)
        case (nil, let n?): strategy = .random(iterations: n, seed: seed)
        case (nil, nil): strategy = bound.map { .dfs(preemptionBound: $0) } ?? ExplorerConfig.declared(by: definition).strategy
        default: throw badArgument("give one of --bound, --pct or --random")
        }
        if bound != nil, pct != nil || random != nil { throw badArgument("give one of --bound, --pct or --random") }
        let progress = ProgressLine()
        defer { progress.finish() }
        let steps = maxSteps ?? ExplorerConfig.declared(by: definition).maxSteps
        return Explorer.explore(definition, config: ExplorerConfig(strategy: strategy, maxSteps: steps, progress: progress.show))
    }

}

/// How `explore` prints a report: the verdict, then for a failure its replay token and trace.
enum ExploreReport {
    static func render(_ report: ExplorationReport, scenario: ScenarioDefinition, variant: String) -> String {
        let rate = String(format: "%.0f", report.schedulesPerSecond)
        let seconds = String(format: "%.2f", report.elapsed.inSeconds)
        var out = "\(scenario.file):\(scenario.line): scenario '\(scenario.name)' on \(variant) (expect=\(scenario.expect.rawValue)), \(report.strategy)\n"
        switch report.verdict {
        case .passed:
            out += "passed: \(report.schedulesExplored) schedules\(report.exhaustive ? ", exhaustive" : "") in \(seconds) s (\(rate)/s)\n"
        case .failed(let failure):
            let kind = failure.message.hasPrefix("\(failure.kind.rawValue):") ? "" : "\(failure.kind.rawValue): "
            out += "failed after \(report.schedulesExplored) schedules in \(seconds) s: \(kind)\(failure.message)"
            out += failure.location.map { " at \($0)" } ?? ""
            out += "\nreplay: vmaspec explore \(scenario.name) --variant \(variant) --replay \(failure.replayToken)\ntrace:\n"
            for (index, step) in failure.trace.enumerated() { out += "  \(index + 1). \(step)\n" }
        }
        out += report.meetsExpectation ? "as expected\n" : "NOT as expected\n"
        return out
    }

}

/// Schedules explored, rate and elapsed time on long runs, rewritten in place on standard error.
final class ProgressLine: Sendable {
    private let shown = Mutex(false)

    func show(_ progress: ExplorerProgress) {
        let seconds = progress.elapsed.inSeconds
        let line = String(format: "\r%d schedules, %.0f/s, %.1f s    ", progress.schedulesExplored, Double(progress.schedulesExplored) / max(seconds, 0.001), seconds)
        shown.withLock { $0 = true }
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Ends the progress line, if one was shown, so the report starts on a line of its own.
    func finish() {
        if shown.withLock({ $0 }) { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
