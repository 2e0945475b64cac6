import Testing
@testable import Sched

@Suite("Explorer: RCU")
struct ExplorerRCUTests {
    @Test func unprotectedReaderIsAUseAfterFree() throws {
        let scenario = Scenarios.rcuReader(protected: false)
        let failure = try #require(Explorer.explore(scenario, config: ExplorerConfig(strategy: .dfs(preemptionBound: 2))).verdict.failure)
        #expect(failure.kind == .useAfterFree)
        #expect(failure.thread == "reader")
        #expect(failure.message.contains("access(old.field)"))
        #expect(failure.message.contains("freed at"))
        #expect(failure.message.contains("Scenarios.swift:"))
    }

    @Test func kfreeWithoutAGracePeriodIsCaughtInsideAReadSection() throws {
        let failure = try #require(Explorer.explore(Scenarios.readerVersusKfree, config: ExplorerConfig()).verdict.failure)
        #expect(failure.kind == .useAfterFree)
        #expect(failure.trace.contains { $0.operation == "kfree(old)" })
    }

    @Test func readSectionProtectsTheObject() {
        let report = Explorer.explore(Scenarios.rcuReader(protected: true), config: ExplorerConfig(strategy: .dfs(preemptionBound: 3)))
        #expect(report.verdict == .passed)
        #expect(report.exhaustive)
    }

    @Test func synchronizeRCUWaitsForPreexistingReaders() {
        let report = Explorer.explore(Scenarios.synchronizeThenFree, config: ExplorerConfig(strategy: .dfs(preemptionBound: 3)))
        #expect(report.verdict == .passed)
    }

    @Test func synchronizeInsideReadSectionIsABug() throws {
        let scenario = ScenarioDefinition(name: "sync in rcu", expect: .fail, bound: 0, file: #filePath, line: #line) { s in
            s.thread("t") {
                rcu_read_lock()
                synchronize_rcu()
                rcu_read_unlock()
            }
        }
        let failure = try #require(Explorer.explore(scenario, config: ExplorerConfig()).verdict.failure)
        #expect(failure.kind == .assertion)
        #expect(failure.message.contains("synchronize_rcu() inside"))
    }

    @Test func readLockHeldIsPerThread() {
        let scenario = ScenarioDefinition(name: "held", expect: .pass, bound: 1, file: #filePath, line: #line) { s in
            s.thread("reader") {
                rcu_read_lock()
                BUG_ON(!rcu_read_lock_held(), "reader should hold")
                rcu_read_unlock()
                BUG_ON(rcu_read_lock_held(), "reader left")
            }
            s.thread("other") { BUG_ON(rcu_read_lock_held(), "other never locked") }
        }
        #expect(Explorer.explore(scenario, config: ExplorerConfig()).verdict == .passed)
    }
}
