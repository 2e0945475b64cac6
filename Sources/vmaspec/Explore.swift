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

    func run() throws {
        try ArgumentChecks.wholeNumber(bound, "--bound", minimum: 0)
        try ArgumentChecks.wholeNumber(pct, "--pct", minimum: 1)
        try ArgumentChecks.wholeNumber(random, "--random", minimum: 1)
        try ArgumentChecks.wholeNumber(depth, "--depth", minimum: 1)
        try ArgumentChecks.wholeNumber(maxSteps, "--max-steps", minimum: 1)
        try ArgumentChecks.memoryModel(memory)
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
        let project = try reportingBadInput { try spec.project() }
        let expectation = ExploreExpectation(project: project, variant: variant, scenario: name)
        let progress = ProgressLine()
        let outcomes = try Supervisor.current.scenarios(
            WorkerRequest(kind: .scenarios, variant: variant, only: [name], strategy: strategy, maxSteps: maxSteps, memory: memory,
                          replay: replay),
            progress: { _, update in progress.show(update) })
        progress.finish()
        guard let outcome = outcomes.first else { throw badArgument("variant '\(variant)' has no scenario '\(name)'") }
        if let failure = outcome.failure, failure.kind == "replayMismatch" {
            throw badArgument("replay token '\(replay ?? "")' is no schedule of scenario '\(name)' on \(variant) (\(failure.message))")
        }
        print(ExploreReport.render(outcome, variant: variant, expectation: expectation), terminator: "")
        if !expectation.isMet(by: outcome) { throw ExitStatus.checkFailed }
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
    static func render(_ outcome: ScenarioOutcome, variant: String, expectation: ExploreExpectation) -> String {
        var out = "\(outcome.file):\(outcome.line): scenario '\(outcome.name)' on \(variant) (expect=\(outcome.expect)), \(outcome.strategy)\n"
        if outcome.crash == nil, outcome.failure == nil {
            let rate = String(format: "%.0f", outcome.seconds > 0 ? Double(outcome.schedules) / outcome.seconds : 0)
            out += "passed: \(outcome.schedules) schedules\(outcome.exhaustive ? ", exhaustive" : "") in \(String(format: "%.2f", outcome.seconds)) s (\(rate)/s)\n"
        }
        return out + details(outcome, variant: variant) + expectation.verdict(outcome) + "\n"
    }

    /// For a crash or a failure: what happened and where, the command that replays it, the trace.
    static func details(_ outcome: ScenarioOutcome, variant: String) -> String {
        let replay = { (token: String) in "replay: vmaspec explore \(outcome.name) --variant \(variant) --replay \(token)\n" }
        if let crash = outcome.crash {
            return "crashed: \(crash.message)" + (crash.location.map { " at \($0)" } ?? "") + (crash.thread.map { " in \($0)" } ?? "") + "\n"
                + (crash.replayToken.map(replay) ?? "") + trace(crash.trace)
        }
        guard let failure = outcome.failure else { return "" }
        let kind = failure.message.hasPrefix("\(failure.kind):") ? "" : "\(failure.kind): "
        return "failed after \(outcome.schedules) schedules in \(String(format: "%.2f", outcome.seconds)) s: \(kind)\(failure.message)"
            + (failure.location.map { " at \($0)" } ?? "") + "\n" + replay(failure.replayToken) + trace(failure.trace)
    }

    static func trace(_ steps: [TraceStepOutcome]) -> String {
        guard !steps.isEmpty else { return "" }
        return "trace:\n" + steps.enumerated().map { "  \($0 + 1). \($1)\n" }.joined()
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
