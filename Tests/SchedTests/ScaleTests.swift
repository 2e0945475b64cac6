import Synchronization
import Testing
@testable import Sched

/// Three threads, each adding to a counter three times: a tree of thousands of schedules at bound 2.
private let threeAdders = ScenarioDefinition(name: "three adders", expect: .pass, bound: 2, file: #filePath, line: #line) { s in
    let counter = AtomicInt(0, name: "counter")
    for name in ["A", "B", "C"] {
        s.thread(name) { for _ in 0..<3 { counter.add(1) } }
    }
    s.finally { s.check(counter.peek == 9, "counter is \(counter.peek), expected 9") }
}

/// Three threads with a lost update that needs the third thread between the first two's load and store.
private let threeWayLostUpdate = ScenarioDefinition(name: "three-way lost update", expect: .fail, bound: 2, file: #filePath, line: #line) { s in
    let counter = AtomicInt(0, name: "counter")
    let noise = AtomicInt(0, name: "noise")
    for name in ["A", "B", "C"] {
        s.thread(name) {
            noise.add(1)
            noise.add(1)
            let seen = counter.load()
            noise.add(1)
            counter.store(seen + 1)
        }
    }
    s.finally { s.check(counter.peek == 3, "counter is \(counter.peek), expected 3") }
}

private func schedules(_ scenario: ScenarioDefinition, _ config: ExplorerConfig) -> (report: ExplorationReport, choices: [[Int]]) {
    let stats = ExplorerStats(logsSchedules: true)
    let report = Explorer.explore(scenario, config: config, stats: stats)
    return (report, stats.schedules.withLock { $0 })
}

@Suite("Explorer at scale: shards, parallel explorers, minimized failures")
struct ScaleTests {
    @Test(arguments: [2, 3, 7])
    func shardsPartitionTheTree(count: Int) {
        let whole = schedules(threeAdders, ExplorerConfig(strategy: .dfs(preemptionBound: 2)))
        #expect(whole.report.exhaustive)
        #expect(whole.choices.count > 300, "a tree big enough to split: \(whole.choices.count)")
        var union: [[Int]] = []
        for index in 0..<count {
            let part = schedules(threeAdders, ExplorerConfig(strategy: .dfs(preemptionBound: 2), shard: Shard(index: index, count: count)))
            #expect(part.report.exhaustive)
            #expect(part.report.schedulesExplored == part.choices.count)
            #expect(!part.choices.isEmpty, "shard \(index + 1)/\(count) got no schedule")
            union += part.choices
        }
        #expect(union.count == whole.choices.count, "no schedule in two shards")
        #expect(Set(union) == Set(whole.choices), "together the shards are the whole tree")
    }

    /// Classes of two deviations are small next to the tree: two shards get similar shares.
    @Test func shardsShareTheTreeEvenly() {
        let counts = (0..<2).map {
            Explorer.explore(threeAdders, config: ExplorerConfig(strategy: .dfs(preemptionBound: 2), shard: Shard(index: $0, count: 2))).schedulesExplored
        }
        let share = Double(counts[0]) / Double(counts[0] + counts[1])
        #expect(share > 0.4 && share < 0.6, "shares \(counts)")
    }

    @Test func aShardRunsItsSchedulesInTheUndividedOrder() {
        let whole = schedules(threeAdders, ExplorerConfig(strategy: .dfs(preemptionBound: 1)))
        let part = schedules(threeAdders, ExplorerConfig(strategy: .dfs(preemptionBound: 1), shard: Shard(index: 1, count: 3)))
        let mine = Set(part.choices)
        #expect(whole.choices.filter { mine.contains($0) } == part.choices)
    }

    @Test(arguments: [2, 4])
    func parallelExplorersCountTheSameTree(jobs: Int) {
        let one = Explorer.explore(threeAdders, config: ExplorerConfig(strategy: .dfs(preemptionBound: 2)))
        var config = ExplorerConfig(strategy: .dfs(preemptionBound: 2))
        config.jobs = jobs
        let many = Explorer.explore(threeAdders, config: config)
        #expect(many.verdict == .passed)
        #expect(many.exhaustive)
        #expect(many.schedulesExplored == one.schedulesExplored)
        #expect(many.tally == one.tally)
    }

    @Test(arguments: [1, 2, 3, 5])
    func parallelExplorersReportTheFailureOneExplorerMeetsFirst(jobs: Int) throws {
        let alone = Explorer.explore(threeWayLostUpdate, config: ExplorerConfig(strategy: .dfs(preemptionBound: 2)))
        let one = try #require(alone.verdict.failure)
        var config = ExplorerConfig(strategy: .dfs(preemptionBound: 2))
        config.jobs = jobs
        let report = Explorer.explore(threeWayLostUpdate, config: config)
        let failure = try #require(report.verdict.failure)
        #expect(failure.replayToken == one.replayToken)
        #expect(failure.trace == one.trace)
        #expect(report.schedulesExplored == alone.schedulesExplored, "counted as one explorer counts")
        #expect(!report.exhaustive)
    }

    @Test func shardedFailuresOrderByPrefix() throws {
        let one = Explorer.explore(threeWayLostUpdate, config: ExplorerConfig(strategy: .dfs(preemptionBound: 2)))
        let parts = (0..<3).map {
            Explorer.explore(threeWayLostUpdate, config: ExplorerConfig(strategy: .dfs(preemptionBound: 2), shard: Shard(index: $0, count: 3)))
        }
        let first = try #require(parts.filter { $0.verdict.failure != nil }.min { $0.failurePrefix! < $1.failurePrefix! })
        #expect(first.verdict.failure?.replayToken == one.verdict.failure?.replayToken)
        #expect(first.failurePrefix == one.failurePrefix)
        let merged = ShardTally.combine(parts.map(\.tally))
        #expect(merged.tally.schedules == one.schedulesExplored)
        #expect(merged.tally == one.tally, "the same counts by prefix as one explorer's")
        #expect(merged.failing.map { parts[$0].verdict.failure?.replayToken } == one.verdict.failure?.replayToken)
        for (index, part) in parts.enumerated() { #expect(part.strategy.hasSuffix("shard \(index + 1)/3")) }
        let passing = (0..<3).map {
            Explorer.explore(threeAdders, config: ExplorerConfig(strategy: .dfs(preemptionBound: 2), shard: Shard(index: $0, count: 3))).tally
        }
        let whole = Explorer.explore(threeAdders, config: ExplorerConfig(strategy: .dfs(preemptionBound: 2)))
        let combined = ShardTally.combine(passing)
        #expect(combined.failing == nil)
        #expect(combined.tally == whole.tally)
        #expect(combined.tally.schedules == whole.schedulesExplored && combined.tally.exhaustive)
    }

    /// Each explorer keeps its threads on one CPU while it runs, and gives the caller its mask back.
    @Test func explorersGiveBackTheCallersCPUs() throws {
        let before = try #require(CPUPin.allowedCPUs())
        var config = ExplorerConfig(strategy: .dfs(preemptionBound: 1))
        _ = Explorer.explore(threeAdders, config: config)
        #expect(CPUPin.allowedCPUs() == before)
        config.jobs = 2
        _ = Explorer.explore(threeAdders, config: config)
        #expect(CPUPin.allowedCPUs() == before)
        let inside = Mutex<[Int]?>(nil)
        let probe = ScenarioDefinition(name: "probe", expect: .pass, bound: 0, file: #filePath, line: #line) { s in
            s.thread("A") { inside.withLock { $0 = CPUPin.allowedCPUs() } }
        }
        _ = Explorer.explore(probe, config: ExplorerConfig(strategy: .dfs(preemptionBound: 0)))
        if before.count > 1 { #expect(inside.withLock { $0 }?.count == 1, "a model thread runs pinned") }
    }

    @Test func shardsParseOneBased() {
        #expect(Shard(oneBased: "1/4") == Shard(index: 0, count: 4))
        #expect(Shard(oneBased: "4/4")?.description == "4/4")
        for bad in ["0/4", "5/4", "1/0", "x/2", "1/2/3", "", "-1/2"] { #expect(Shard(oneBased: bad) == nil, "\(bad)") }
    }

    @Test func minimizeFindsFewerPreemptionsAndTheTokenReplays() throws {
        // Random search finds the lost update with whatever preemptions it happened to take.
        let sampled = Explorer.explore(threeWayLostUpdate, config: ExplorerConfig(strategy: .random(iterations: 500, seed: 7)))
        let failure = try #require(sampled.verdict.failure)
        let shrunk = try #require(Explorer.minimize(threeWayLostUpdate, failure: failure))
        #expect(shrunk.minimized <= shrunk.original)
        #expect(shrunk.minimized.preemptions == 1, "one preemption between a load and its store suffices")
        let minimal = try #require(shrunk.report.verdict.failure)
        #expect(minimal.kind == failure.kind)
        #expect(minimal.location == failure.location)
        let again = Explorer.replay(threeWayLostUpdate, token: minimal.replayToken)
        #expect(again.verdict.failure?.trace == minimal.trace)
        #expect(minimal.trace.filter(\.preempts).count == 1, "the trace marks its one preemption")
    }

    @Test func minimizeKeepsAScheduleThatIsAlreadySmallest() throws {
        let failure = try #require(Explorer.explore(Scenarios.lostUpdate, config: ExplorerConfig(strategy: .dfs(preemptionBound: 1))).verdict.failure)
        let shrunk = try #require(Explorer.minimize(Scenarios.lostUpdate, failure: failure))
        #expect(shrunk.minimized == shrunk.original)
        #expect(shrunk.report.verdict.failure?.replayToken == failure.replayToken)
    }

    @Test func minimizeRejectsAPassingSchedule() {
        let passing = Failure(kind: .invariant, message: "", thread: "A", file: nil, line: nil, replayToken: "dfs0.10000.", trace: [])
        #expect(Explorer.minimize(Scenarios.atomicIncrement, failure: passing) == nil)
    }

    @Test func tracesMarkPreemptionsOnly() throws {
        let failure = try #require(Explorer.explore(Scenarios.lostUpdate, config: ExplorerConfig(strategy: .dfs(preemptionBound: 1))).verdict.failure)
        let marked = failure.trace.filter(\.preempts)
        #expect(marked.count == 1)
        #expect(marked.first?.description.hasPrefix("(preempts) ") == true)
    }
}
