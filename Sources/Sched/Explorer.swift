import Dispatch
import Synchronization

/// How the explorer picks schedules.
public enum Strategy: Sendable, CustomStringConvertible {
    /// Every schedule with at most `preemptionBound` preemptions, depth first (CHESS, loom).
    case dfs(preemptionBound: Int)
    /// `iterations` PCT schedules for bugs of depth `depth`, from `seed` (shuttle).
    case pct(iterations: Int, depth: Int, seed: UInt64)
    /// `iterations` uniformly random schedules from `seed`.
    case random(iterations: Int, seed: UInt64)

    public var description: String {
        switch self {
        case .dfs(let bound): "dfs(preemptionBound: \(bound))"
        case .pct(let iterations, let depth, let seed): "pct(iterations: \(iterations), depth: \(depth), seed: \(seed))"
        case .random(let iterations, let seed): "random(iterations: \(iterations), seed: \(seed))"
        }
    }
}

/// Settings of one exploration.
public struct ExplorerConfig: Sendable {
    public var strategy: Strategy
    /// Scheduling points one schedule may take before it is a `stepBound` failure.
    public var maxSteps: Int
    /// Stop after this many schedules (the report is then not exhaustive).
    public var maxSchedules: Int?
    /// Stop after this long.
    public var maxDuration: Duration?
    /// Called about every half second with the progress so far.
    public var progress: (@Sendable (ExplorerProgress) -> Void)?
    /// What the explorer checks of the memory model (see `MemoryModel`).
    public var memory: MemoryModel
    /// Explore only this part of the schedule tree (DFS only; see `Shard`).
    public var shard: Shard?
    /// Explorers run side by side on this many OS threads, each on its own part of the tree
    /// (DFS only; other strategies run on one). The report does not depend on it (but the time
    /// does), unless `maxSchedules` or `maxDuration` cuts the run short.
    public var jobs: Int

    public init(
        strategy: Strategy = .dfs(preemptionBound: 2), maxSteps: Int = 10_000, maxSchedules: Int? = nil,
        maxDuration: Duration? = nil, memory: MemoryModel = .sc, shard: Shard? = nil, jobs: Int = 1,
        progress: (@Sendable (ExplorerProgress) -> Void)? = nil
    ) {
        self.strategy = strategy
        self.shard = shard
        self.jobs = max(1, jobs)
        self.memory = memory
        self.maxSteps = maxSteps
        self.maxSchedules = maxSchedules
        self.maxDuration = maxDuration
        self.progress = progress
    }

    /// What the scenario declares: its sampling strategy if it has one, else DFS with its own
    /// preemption bound (or `defaultBound`); its step limit, or the default; its memory model, or
    /// sequential consistency.
    public static func declared(by scenario: ScenarioDefinition, defaultBound: Int = 2) -> ExplorerConfig {
        ExplorerConfig(strategy: scenario.sampling ?? .dfs(preemptionBound: scenario.bound ?? defaultBound),
                       maxSteps: scenario.maxSteps ?? ExplorerConfig().maxSteps, memory: scenario.memory ?? .sc)
    }

    /// The strategy's name with the memory model and shard, e.g. `dfs(preemptionBound: 2), memory hb, shard 1/4`.
    var strategyDescription: String {
        strategy.description + (memory == .sc ? "" : ", memory \(memory.rawValue)") + (shard.map { ", shard \($0)" } ?? "")
    }

    /// Whether `jobs` and `shard` apply (they split a depth-first tree).
    var isDepthFirst: Bool {
        if case .dfs = strategy { return true }
        return false
    }
}

/// Runs scenarios under controlled scheduling.
public enum Explorer {
    /// Runs `scenario` under schedule after schedule until one fails or the strategy is done.
    public static func explore(_ scenario: ScenarioDefinition, config: ExplorerConfig) -> ExplorationReport {
        explore(scenario, config: config, stats: ExplorerStats())
    }

    /// `explore`, reporting resource use into `stats` (for tests).
    static func explore(_ scenario: ScenarioDefinition, config: ExplorerConfig, stats: ExplorerStats) -> ExplorationReport {
        let run = ExplorationRun(config: config)
        let outcome: ShardOutcome
        if config.jobs > 1, config.isDepthFirst {
            outcome = exploreInParallel(scenario, config: config, run: run, stats: stats)
        } else {
            outcome = exploreShard(scenario, config: config, shard: config.isDepthFirst ? config.shard : nil, run: run, stats: stats)
        }
        var report = report(scenario, outcome.failure.map(Verdict.failed) ?? .passed, count: outcome.tally.schedules, since: run.start,
                            exhaustive: outcome.tally.exhaustive, strategy: config.strategyDescription)
        report.tally = outcome.tally
        return report
    }

    /// One explorer on one part of the tree (all of it without a shard), until its part is done,
    /// it fails, a limit is reached, or another part of the same run failed earlier in DFS order.
    static func exploreShard(
        _ scenario: ScenarioDefinition, config: ExplorerConfig, shard: Shard?, run: ExplorationRun, stats: ExplorerStats,
        part: Int? = nil
    ) -> ShardOutcome {
        let scheduler = config.strategy.makeScheduler(shard: shard)
        let runner = Runner(stats: stats, part: part)
        defer { runner.close() }
        var outcome = ShardOutcome()
        while run.withinLimits(), scheduler.nextExecution() {
            let execution = runner.run(
                scenario, scheduler: scheduler, maxSteps: config.maxSteps, recording: false, memory: config.memory)
            scheduler.executionEnded(steps: execution.steps)
            guard scheduler.ownsLastSchedule else { continue }
            if scheduler.prefixOrdinal > run.firstFailingPrefix.load(ordering: .relaxed) { return outcome }
            outcome.tally.count(prefix: scheduler.prefixOrdinal)
            run.counted()
            stats.counted(execution.choices)
            if execution.problem != nil {
                let tag = scheduler.tag + config.memory.tagSuffix
                let token = ReplayToken.encode(tag: tag, maxSteps: config.maxSteps, choices: execution.choices)
                outcome.failure = replayFailure(scenario, token: token, runner: runner, original: execution)!
                outcome.tally.failurePrefix = scheduler.prefixOrdinal
                run.firstFailingPrefix.min(scheduler.prefixOrdinal, ordering: .relaxed)
                return outcome
            }
        }
        outcome.tally.exhaustive = scheduler.exhaustive
        return outcome
    }

    /// `config.jobs` explorers, one per piece of the tree (of the config's shard, or the whole
    /// tree), on threads of their own. The failure reported is the one of the lowest prefix: the
    /// one a single explorer meets first.
    private static func exploreInParallel(
        _ scenario: ScenarioDefinition, config: ExplorerConfig, run: ExplorationRun, stats: ExplorerStats
    ) -> ShardOutcome {
        let whole = config.shard ?? Shard(index: 0, count: 1)!
        let outcomes = Mutex([ShardOutcome](repeating: ShardOutcome(), count: config.jobs))
        DispatchQueue.concurrentPerform(iterations: config.jobs) { part in
            let outcome = exploreShard(scenario, config: config, shard: whole.split(part, of: config.jobs), run: run, stats: stats, part: part)
            outcomes.withLock { $0[part] = outcome }
        }
        return ShardOutcome(combining: outcomes.withLock { $0 })
    }

    /// Runs the one schedule a replay token describes, recording its trace.
    ///
    /// A token whose schedule passes gives a passed report; one that does not fit the scenario
    /// gives a `replayMismatch` failure.
    public static func replay(_ scenario: ScenarioDefinition, token: String) -> ExplorationReport {
        let start = ContinuousClock().now
        let runner = Runner(stats: ExplorerStats())
        defer { runner.close() }
        let verdict: Verdict = replayFailure(scenario, token: token, runner: runner, original: nil).map { .failed($0) } ?? .passed
        return report(scenario, verdict, count: 1, since: start, exhaustive: false, strategy: "replay")
    }

    /// Replays `token` with tracing on; keeps the original failure's kind and message when given.
    private static func replayFailure(
        _ scenario: ScenarioDefinition, token: String, runner: Runner, original: Execution?
    ) -> Failure? {
        guard let decoded = ReplayToken.decode(token) else {
            return Failure(
                kind: .replayMismatch, message: "malformed replay token", thread: "explorer", file: nil, line: nil,
                replayToken: token, trace: [])
        }
        let scheduler = ReplayScheduler(choices: decoded.choices, tag: decoded.tag)
        _ = scheduler.nextExecution()
        let execution = runner.run(
            scenario, scheduler: scheduler, maxSteps: decoded.maxSteps, recording: true, memory: MemoryModel.from(tag: decoded.tag))
        guard let problem = original?.problem ?? execution.problem else {
            if scheduler.consumedAll { return nil }
            return Failure(
                kind: .replayMismatch, message: "the schedule ended before the token's choices ran out", thread: "explorer",
                file: nil, line: nil, replayToken: token, trace: execution.trace)
        }
        return Failure(
            kind: problem.kind, message: problem.message, thread: problem.thread, file: problem.site?.file,
            line: problem.site?.line, replayToken: token, trace: execution.trace)
    }

    private static func report(
        _ scenario: ScenarioDefinition, _ verdict: Verdict, count: Int, since start: ContinuousClock.Instant,
        exhaustive: Bool, strategy: String
    ) -> ExplorationReport {
        return ExplorationReport(
            scenario: scenario.name, verdict: verdict, schedulesExplored: count, elapsed: ContinuousClock().now - start,
            exhaustive: exhaustive, strategy: strategy, meetsExpectation: meets(scenario, verdict))
    }

    /// A passing scenario must pass; a failing one must fail, with the pinned kind of failure if any.
    static func meets(_ scenario: ScenarioDefinition, _ verdict: Verdict) -> Bool {
        guard let failure = verdict.failure else { return scenario.expect == .pass }
        return scenario.expect == .fail && (scenario.expectedFailure.map { $0 == failure.kind } ?? true)
    }
}
