import Testing
@testable import Sched

@Suite("Explorer: search and failure kinds")
struct ExplorerTests {
    @Test func findsLostUpdateAtBoundOne() throws {
        let report = Explorer.explore(Scenarios.lostUpdate, config: ExplorerConfig(strategy: .dfs(preemptionBound: 1)))
        let failure = try #require(report.verdict.failure)
        #expect(failure.kind == .invariant)
        #expect(failure.message == "counter is 1, expected 2")
        #expect(report.meetsExpectation)
        let stores = failure.trace.filter { $0.operation.hasPrefix("store(counter, 1)") }
        #expect(stores.count == 2)
    }

    @Test func lostUpdateNeedsAPreemption() {
        let report = Explorer.explore(Scenarios.lostUpdate, config: ExplorerConfig(strategy: .dfs(preemptionBound: 0)))
        #expect(report.verdict == .passed)
        #expect(report.schedulesExplored == 2)
        #expect(report.exhaustive)
    }

    @Test func atomicIncrementPassesExhaustively() {
        var counts: [Int] = []
        for bound in 0...3 {
            let report = Explorer.explore(Scenarios.atomicIncrement, config: ExplorerConfig(strategy: .dfs(preemptionBound: bound)))
            #expect(report.verdict == .passed)
            #expect(report.exhaustive)
            #expect(report.meetsExpectation)
            counts.append(report.schedulesExplored)
        }
        #expect(counts[0] == 2)
        #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 < $1 }, "counts \(counts) should grow with the bound")
    }

    @Test func maxSchedulesStopsEarly() {
        let config = ExplorerConfig(strategy: .dfs(preemptionBound: 3), maxSchedules: 5)
        let report = Explorer.explore(Scenarios.atomicIncrement, config: config)
        #expect(report.schedulesExplored == 5)
        #expect(!report.exhaustive)
    }

    @Test func detectsABBADeadlock() throws {
        let report = Explorer.explore(Scenarios.abba, config: ExplorerConfig(strategy: .dfs(preemptionBound: 1)))
        let failure = try #require(report.verdict.failure)
        #expect(failure.kind == .deadlock)
        #expect(failure.message.contains("first: down_write(B) waits"))
        #expect(failure.message.contains("second: down_write(A) waits"))
    }

    @Test func stepBoundCatchesEndlessSpin() throws {
        let config = ExplorerConfig(strategy: .dfs(preemptionBound: 0), maxSteps: 500)
        let failure = try #require(Explorer.explore(Scenarios.spinForever, config: config).verdict.failure)
        #expect(failure.kind == .stepBound)
        #expect(failure.message.contains("more than 500 steps"))
        #expect(failure.file?.hasSuffix("Scenarios.swift") == true)
    }

    @Test func yieldingSpinLoopMakesProgress() {
        let report = Explorer.explore(Scenarios.spinUntilSet, config: ExplorerConfig(strategy: .dfs(preemptionBound: 2), maxSteps: 500))
        #expect(report.verdict == .passed)
        #expect(report.exhaustive)
    }

    @Test func bugOnIsReportedNotFatal() throws {
        let failure = try #require(Explorer.explore(Scenarios.bug, config: ExplorerConfig()).verdict.failure)
        #expect(failure.kind == .assertion)
        #expect(failure.message == "BUG: value is zero")
        #expect(failure.thread == "checker")
        #expect(failure.file?.hasSuffix("SchedTests/Scenarios.swift") == true)
    }

    @Test func warnOnIsAFailureUnderTheExplorer() throws {
        let scenario = ScenarioDefinition(name: "warn", expect: .fail, bound: 0, file: #filePath, line: #line) { s in
            s.thread("warner") { _ = WARN_ON(true, "odd state") }
        }
        let failure = try #require(Explorer.explore(scenario, config: ExplorerConfig()).verdict.failure)
        #expect(failure.kind == .assertion)
        #expect(failure.message == "WARNING: odd state")
    }

    @Test func failureInSetupIsReported() throws {
        let scenario = ScenarioDefinition(name: "bad setup", expect: .fail, bound: 0, file: #filePath, line: #line) { s in
            BUG_ON(true, "setup is broken")
            s.thread("never") {}
        }
        let failure = try #require(Explorer.explore(scenario, config: ExplorerConfig()).verdict.failure)
        #expect(failure.kind == .assertion)
        #expect(failure.thread == "setup")
    }

    @Test func threadNamesAreVisibleToTheModel() {
        let scenario = ScenarioDefinition(name: "names", expect: .pass, bound: 0, file: #filePath, line: #line) { s in
            for name in ["reader", "writer"] {
                s.thread(name) { BUG_ON(current_thread_name != name, "name is \(current_thread_name)") }
            }
        }
        #expect(Explorer.explore(scenario, config: ExplorerConfig()).verdict == .passed)
    }

    @Test func thrownErrorIsUncaught() throws {
        struct Oops: Error {}
        let scenario = ScenarioDefinition(name: "throws", expect: .fail, bound: 0, file: #filePath, line: #line) { s in
            s.thread("thrower") { throw Oops() }
        }
        let failure = try #require(Explorer.explore(scenario, config: ExplorerConfig()).verdict.failure)
        #expect(failure.kind == .uncaughtError)
    }

    @Test func traceLinesCarryCallSites() throws {
        let failure = try #require(Explorer.explore(Scenarios.lostUpdate, config: ExplorerConfig(strategy: .dfs(preemptionBound: 1))).verdict.failure)
        let loads = failure.trace.filter { $0.operation == "load(counter) -> 0" }
        #expect(loads.count == 2)
        for step in loads {
            #expect(step.file.hasSuffix("SchedTests/Scenarios.swift"))
            #expect(step.line == 10)
        }
        #expect(Set(loads.map(\.thread)) == ["A", "B"])
    }

    @Test func misuseOfASemaphoreIsAnAssertion() throws {
        let scenario = ScenarioDefinition(name: "bad unlock", expect: .fail, bound: 0, file: #filePath, line: #line) { s in
            let lock = RWSemaphore(name: "lock")
            s.thread("t") { lock.up_write() }
        }
        let failure = try #require(Explorer.explore(scenario, config: ExplorerConfig()).verdict.failure)
        #expect(failure.kind == .assertion)
        #expect(failure.message.contains("up_write(lock)"))
    }

    @Test func waitQueueWakesAndLostWakeupDeadlocks() throws {
        #expect(Explorer.explore(Scenarios.waitQueue(wakes: true), config: ExplorerConfig()).verdict == .passed)
        let failure = try #require(Explorer.explore(Scenarios.waitQueue(wakes: false), config: ExplorerConfig()).verdict.failure)
        #expect(failure.kind == .deadlock)
        #expect(failure.message.contains("wait_event(wq) sleeps"))
    }

    @Test func writerWaitsForReadersAndReadersQueueBehindWriter() {
        let scenario = ScenarioDefinition(name: "rwsem", expect: .pass, bound: 2, file: #filePath, line: #line) { s in
            let lock = RWSemaphore(name: "lock")
            let data = AtomicInt(0, name: "data")
            for name in ["r1", "r2"] {
                s.thread(name) {
                    lock.down_read()
                    let first = data.load()
                    let second = data.load()
                    BUG_ON(first != second, "data changed under a read lock")
                    lock.up_read()
                }
            }
            s.thread("w") {
                lock.down_write()
                BUG_ON(!lock.is_write_locked_by_current, "not owner")
                data.add(1)
                data.add(1)
                lock.downgrade_write()
                BUG_ON(lock.readers < 1 || lock.is_write_locked, "downgrade should leave a read hold")
                lock.up_read()
            }
            s.finally { s.check(!lock.is_locked, "lock still held") }
        }
        let report = Explorer.explore(scenario, config: ExplorerConfig(strategy: .dfs(preemptionBound: 2)))
        #expect(report.verdict == .passed)
        #expect(report.exhaustive)
    }
}
