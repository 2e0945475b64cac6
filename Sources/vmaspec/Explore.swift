import ArgumentParser
import Foundation
import Literate
import Sched
import Synchronization

/// `vmaspec explore SCENARIO [--variant V] [--bound K | --pct N --seed S | --random N --seed S] [--replay TOKEN]
/// [--shard K/N] [--jobs J] [--json FILE] [--minimize]`, and `vmaspec explore --merge A.json B.json …`.
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

    @Option(parsing: .unconditional, help: "Depth-first search with this preemption bound (default: the scenario's bound=, else 2).")
    var bound: Int?

    @Option(parsing: .unconditional, help: "PCT: this many randomized schedules (with --depth and --seed).")
    var pct: Int?

    @Option(parsing: .unconditional, help: "Plain random: this many schedules (with --seed).")
    var random: Int?

    @Option(parsing: .unconditional, help: "PCT bug depth.")
    var depth: Int = 3

    @Option(help: "Seed of PCT or random search.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Steps one schedule may take before it is a runaway (default: the scenario's steps=, else 10000).")
    var maxSteps: Int?

    @Option(help: "Memory model: sc (sequential consistency), hb (data races by happens-before) or weak (hb plus stale reads); default: the scenario's memory=, else sc.")
    var memory: String?

    @Option(help: "Replay the schedule of a token printed by an earlier failure.")
    var replay: String?

    @Flag(help: "List the scenarios of the variant and exit.")
    var list = false

    @Option(help: "Explore only part K of N of the schedule tree (1 ≤ K ≤ N; depth-first search only). Without it, Bazel's TEST_SHARD_INDEX/TEST_TOTAL_SHARDS or VMASPEC_SHARD_COUNT with VMASPEC_SHARD_INDEX or JOB_COMPLETION_INDEX choose the part.")
    var shard: String?

    @Option(parsing: .unconditional, help: "Explorers side by side, each on its own part of the tree (default: one per core). The report does not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Also write the report as JSON to this file (what --merge reads).")
    var json: String?

    @Option(parsing: .upToNextOption, help: "Merge the JSON reports of every shard of one run into one verdict, instead of exploring.")
    var merge: [String] = []

    @Flag(help: "After a failure, shrink its schedule to the fewest preemptions, then steps, failing the same way; print its token and trace.")
    var minimize = false

    @Flag(help: "Print every step of a trace, the setup's too (they are folded into one line by default).")
    var fullTrace = false

    func run() throws {
        try ArgumentChecks.wholeNumber(bound, "--bound", minimum: 0)
        try ArgumentChecks.wholeNumber(pct, "--pct", minimum: 1)
        try ArgumentChecks.wholeNumber(random, "--random", minimum: 1)
        try ArgumentChecks.wholeNumber(depth, "--depth", minimum: 1)
        try ArgumentChecks.wholeNumber(maxSteps, "--max-steps", minimum: 1)
        try ArgumentChecks.memoryModel(memory)
        try ArgumentChecks.wholeNumber(jobs, "--jobs", minimum: 1)
        let jsonFile = try json.map { try ArgumentChecks.outputFile($0, "--json") }
        if !merge.isEmpty { return try runMerge(writing: jsonFile) }
        if [bound != nil, pct != nil, random != nil].filter({ $0 }).count > 1 { throw badArgument("give one of --bound, --pct or --random") }
        if let replay, !Explorer.isWellFormed(replayToken: replay) {
            throw badArgument("malformed token '\(replay)': a replay token reads <strategy>.<max steps>.<choices>, as a failure prints it")
        }
        let entry = try reportingBadInput { try VariantEntry.named(variant) }
        if list {
            for s in entry.scenarios {
                print("\(s.name)\texpect=\(s.expect.rawValue)\tbound=\(s.bound.map(String.init) ?? "-")\tmemory=\(s.memory?.rawValue ?? "sc")\t\(s.file):\(s.line)")
            }
            return
        }
        guard let name = scenario else { throw badArgument("name a scenario, or pass --list") }
        guard entry.scenarios.contains(where: { $0.name == name }) else {
            throw badArgument("variant '\(variant)' has no scenario '\(name)' (known: \(entry.scenarios.map(\.name).joined(separator: ", ")))")
        }
        let selected = try ShardSelection.resolve(option: shard, environment: ProcessInfo.processInfo.environment)
        if let selected { try checkShardable(selected, sampled: entry.scenarios.first { $0.name == name }?.sampling != nil) }
        let project = try reportingBadInput { try spec.project() }
        let expectation = ExploreExpectation(project: project, variant: variant, scenario: name)
        let progress = ProgressLine()
        var request = WorkerRequest(kind: .scenarios, variant: variant, only: [name], strategy: strategy, maxSteps: maxSteps,
                                    memory: memory, replay: replay)
        request.jobs = jobs
        request.shardIndex = selected?.shard.index
        request.shardCount = selected?.shard.count
        request.minimize = minimize
        let outcomes = try Supervisor.current.scenarios(request, progress: { _, update in progress.show(update) })
        progress.finish()
        guard let outcome = outcomes.first else { throw badArgument("variant '\(variant)' has no scenario '\(name)'") }
        if let failure = outcome.failure, failure.kind == "replayMismatch" {
            throw badArgument("replay token '\(replay ?? "")' is no schedule of scenario '\(name)' on \(variant) (\(failure.message))")
        }
        print(ExploreReport.render(outcome, variant: variant, expectation: expectation, fullTrace: fullTrace), terminator: "")
        if let jsonFile {
            let suffix = selected.map { ", shard \($0.shard)" } ?? ""
            let search = outcome.strategy.hasSuffix(suffix) ? String(outcome.strategy.dropLast(suffix.count)) : outcome.strategy
            try ExploreReportFile(variant: variant, strategy: search, shard: selected?.shard.description, outcome: outcome).write(to: jsonFile)
        }
        if !expectation.isMet(by: outcome) { throw ExitStatus.checkFailed }
    }

    /// A shard splits a depth-first tree: not a replay's one schedule, nor a sampled search.
    private func checkShardable(_ selected: ShardSelection.Selected, sampled: Bool) throws {
        let what = "shard \(selected.shard) (from \(selected.source))"
        if replay != nil { throw badArgument("\(what): a replay runs one schedule and has no shards") }
        if pct != nil || random != nil || (bound == nil && sampled) {
            throw badArgument("\(what): shards split depth-first search, not a sampled one (--pct, --random, or the scenario's own sampling; give --bound)")
        }
    }

    /// `--merge`: the shards' reports as one run's, judged against the scenario's expectation.
    private func runMerge(writing jsonFile: URL?) throws {
        if scenario != nil { throw badArgument("--merge takes the shards' reports, not a scenario name") }
        let merged = try ShardMerge.merge(merge)
        let project = try reportingBadInput { try spec.project() }
        let expectation = ExploreExpectation(project: project, variant: merged.variant, scenario: merged.outcome.name)
        print(ExploreReport.render(merged.outcome, variant: merged.variant, expectation: expectation, fullTrace: fullTrace), terminator: "")
        if let jsonFile {
            try ExploreReportFile(variant: merged.variant, strategy: merged.outcome.strategy, shard: nil, outcome: merged.outcome).write(to: jsonFile)
        }
        if !expectation.isMet(by: merged.outcome) { throw ExitStatus.checkFailed }
    }

    /// The search the options ask for; nil keeps the scenario's own.
    var strategy: StrategyRequest? {
        if let pct { return .pct(iterations: pct, depth: depth, seed: seed) }
        if let random { return .random(iterations: random, seed: seed) }
        return bound.map { .dfs(bound: $0) }
    }
}

/// What an exploration must show: what the scenario's `expect=` says, except on a must-fail
/// variant whose document names the scenario in `catches:`, where it must fail: the bug is caught.
struct ExploreExpectation {
    /// The must-fail document that names the scenario, if any.
    var bug: Review?

    init(project: Project, variant: String, scenario: String) {
        bug = project.review(id: variant).flatMap { $0.header.kind == .bug && $0.header.catches.contains(scenario) ? $0 : nil }
    }

    func isMet(by outcome: ScenarioOutcome) -> Bool {
        guard bug != nil else { return outcome.meetsExpectation && outcome.crash == nil }
        return outcome.crash == nil && outcome.failure.map { $0.kind != "replayMismatch" } == true
    }

    func verdict(_ outcome: ScenarioOutcome) -> String {
        if let bug {
            return isMet(by: outcome)
                ? "caught: the bug put back in \(bug.header.id) fails here, as \(bug.header.line(of: "catches")) expects"
                : "NOT caught: \(bug.header.line(of: "catches")) names this scenario to catch the bug of \(bug.header.id)"
        }
        return isMet(by: outcome) ? "as expected" : "NOT as expected (expect=\(outcome.expect))"
    }
}

/// How `explore` prints a report: the verdict, then for a failure or a crash its replay token and trace.
enum ExploreReport {
    static func render(_ outcome: ScenarioOutcome, variant: String, expectation: ExploreExpectation, fullTrace: Bool = false) -> String {
        var out = "\(outcome.file):\(outcome.line): scenario '\(outcome.name)' on \(variant) (expect=\(outcome.expect)), \(outcome.strategy)\n"
        if outcome.crash == nil, outcome.failure == nil {
            let rate = String(format: "%.0f", outcome.seconds > 0 ? Double(outcome.schedules) / outcome.seconds : 0)
            out += "passed: \(outcome.schedules) schedules\(outcome.exhaustive ? ", exhaustive" : "") in \(String(format: "%.2f", outcome.seconds)) s (\(rate)/s)\n"
        }
        out += details(outcome, variant: variant, fullTrace: fullTrace)
        if let shrunk = outcome.minimized {
            out += "minimized: \(shrunk.original) -> \(shrunk.minimized) (\(shrunk.schedulesTried) schedules tried)\n"
                + replayLine(outcome, variant: variant, token: shrunk.failure.replayToken) + trace(shrunk.failure.trace, full: fullTrace)
        }
        return out + expectation.verdict(outcome) + "\n"
    }

    /// For a crash or a failure: what happened and where, the command that replays it, the trace
    /// (only the minimized one's when there is one).
    static func details(_ outcome: ScenarioOutcome, variant: String, fullTrace: Bool = false) -> String {
        if let crash = outcome.crash {
            return "crashed: \(crash.message)" + (crash.location.map { " at \($0)" } ?? "") + (crash.thread.map { " in \($0)" } ?? "") + "\n"
                + (crash.replayToken.map { replayLine(outcome, variant: variant, token: $0) } ?? "") + trace(crash.trace, full: fullTrace)
        }
        guard let failure = outcome.failure else { return "" }
        let kind = failure.message.hasPrefix("\(failure.kind):") ? "" : "\(failure.kind): "
        return "failed after \(outcome.schedules) schedules in \(String(format: "%.2f", outcome.seconds)) s: \(kind)\(failure.message)"
            + (failure.location.map { " at \($0)" } ?? "") + "\n" + replayLine(outcome, variant: variant, token: failure.replayToken)
            + (outcome.minimized == nil ? trace(failure.trace, full: fullTrace) : "")
    }

    private static func replayLine(_ outcome: ScenarioOutcome, variant: String, token: String) -> String {
        "replay: vmaspec explore \(outcome.name) --variant \(variant) --replay \(token)\n"
    }

    /// The numbered steps; the scenario's setup (its leading `setup` steps, when more than two)
    /// folded into one line unless `full`. A step that preempts a thread says so.
    static func trace(_ steps: [TraceStepOutcome], full: Bool = false) -> String {
        guard !steps.isEmpty else { return "" }
        let setup = full ? 0 : steps.prefix { $0.thread == "setup" }.count
        let folded = setup > 2 ? setup : 0
        var out = "trace:\n"
        if folded > 0 {
            let first = steps[0], last = steps[folded - 1]
            out += "  1-\(folded). [setup] \(folded) steps folded, --full-trace shows them  (\(first.file):\(first.line) ... \(last.file):\(last.line))\n"
        }
        for index in folded..<steps.count { out += "  \(index + 1). \(steps[index])\n" }
        return out
    }
}

/// Schedules explored, rate and elapsed time on long runs, rewritten in place on standard error.
final class ProgressLine: Sendable {
    private let shown = Mutex(false)

    func show(_ progress: ExplorerProgressOutcome) {
        let seconds = progress.seconds
        let line = String(format: "\r%d schedules, %.0f/s, %.1f s    ", progress.schedules, Double(progress.schedules) / max(seconds, 0.001), seconds)
        shown.withLock { $0 = true }
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Ends the progress line, if one was shown, so the report starts on a line of its own.
    func finish() {
        if shown.withLock({ $0 }) { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
