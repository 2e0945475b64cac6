import Synchronization
import Testing
@testable import Sched

@Suite("Explorer: resources stay flat")
struct ResourceTests {
    @Test func threadsAndExecutionsDoNotAccumulate() {
        let stats = ExplorerStats()
        let config = ExplorerConfig(strategy: .random(iterations: 2_000, seed: 3))
        let report = Explorer.explore(Scenarios.rcuReader(protected: true), config: config, stats: stats)
        #expect(report.verdict == .passed)
        #expect(report.schedulesExplored == 2_000)
        #expect(stats.workersSpawned.load(ordering: .relaxed) == 2)
        #expect(stats.workersAlive.load(ordering: .relaxed) == 0)
        #expect(stats.executionsAlive.load(ordering: .relaxed) == 0)
    }

    @Test func scenarioStateIsFreedAfterEverySchedule() {
        let tracker = Tracker()
        let scenario = ScenarioDefinition(name: "tracked", expect: .pass, bound: 1, file: #filePath, line: #line) { s in
            let state = Tracked(tracker)
            let lock = RWSemaphore(name: "lock")
            for name in ["A", "B"] {
                s.thread(name) {
                    lock.down_write()
                    state.value.add(1)
                    lock.up_write()
                }
            }
            // The closure captures `s`, a cycle the explorer must break.
            s.finally { s.check(state.value.peek == 2, "both increments landed") }
        }
        let report = Explorer.explore(scenario, config: ExplorerConfig(strategy: .random(iterations: 500, seed: 9)))
        #expect(report.verdict == .passed)
        #expect(tracker.created.load(ordering: .relaxed) == 500)
        #expect(tracker.destroyed.load(ordering: .relaxed) == 500)
    }

    @Test func failedScheduleThreadsAreTornDown() {
        let stats = ExplorerStats()
        let report = Explorer.explore(Scenarios.abba, config: ExplorerConfig(strategy: .dfs(preemptionBound: 1)), stats: stats)
        #expect(report.verdict.failure?.kind == .deadlock)
        // Both deadlocked threads are ended and joined, in the exploration and in the replay.
        #expect(stats.workersAlive.load(ordering: .relaxed) == 0)
    }

    @Test func explorationLeavesNormalRunsAlone() {
        _ = Explorer.explore(Scenarios.atomicIncrement, config: ExplorerConfig())
        let lock = RWSemaphore()
        #expect(lock.down_read_trylock())
        lock.up_read()
        #expect(current_thread_name == "main" || !current_thread_name.isEmpty)
    }
}

final class Tracker: Sendable {
    let created = Atomic<Int>(0)
    let destroyed = Atomic<Int>(0)
}

final class Tracked: Sendable {
    let tracker: Tracker
    let value = AtomicInt(0, name: "value")

    init(_ tracker: Tracker) {
        self.tracker = tracker
        tracker.created.add(1, ordering: .relaxed)
    }

    deinit { tracker.destroyed.add(1, ordering: .relaxed) }
}
