import Testing
@testable import Sched

/// An object with a semaphore inside it, as `vma->lock` lives in the VMA.
private final class Locked: RCUObject, @unchecked Sendable {
    let lock = RWSemaphore(name: "obj->lock")

    init() {
        super.init(kind: "obj")
        lock.embed(in: self)
    }
}

/// A reader drops its read hold while a writer that queued behind it goes on to free the object:
/// the kernel's `up_read` releases the count before it wakes the waiter (`rwsem_wake`), so the
/// writer can take the lock, finish and free in between. `protected` wraps the `up_read` in an
/// RCU read section and frees with `call_rcu`, as v2's `vma_end_read` does.
private func unlockVersusFree(protected: Bool) -> ScenarioDefinition {
    ScenarioDefinition(name: "up_read vs free", expect: protected ? .pass : .fail, bound: 2, file: #filePath, line: #line) { s in
        let object = Locked()
        s.thread("reader") {
            object.lock.down_read()
            if protected { rcu_read_lock() }
            object.lock.up_read()
            if protected { rcu_read_unlock() }
        }
        s.thread("writer") {
            object.lock.down_write()
            object.lock.up_write()
            call_rcu(object)
        }
    }
}

@Suite("Explorer: object lifetime around locks and RCU callbacks")
struct ExplorerLifetimeTests {
    @Test func upReadWakesAWaiterAfterTheObjectIsFreed() throws {
        let report = Explorer.explore(unlockVersusFree(protected: false), config: ExplorerConfig(strategy: .dfs(preemptionBound: 2)))
        let failure = try #require(report.verdict.failure)
        #expect(failure.kind == .useAfterFree)
        #expect(failure.thread == "reader")
        #expect(failure.message.contains("rwsem_wake(obj->lock) touches a obj freed at"))
        // The writer got the lock in its slow path, between the reader's two steps.
        #expect(failure.trace.contains { $0.operation.contains("acquired in its slow-path loop") })
        #expect(Explorer.replay(unlockVersusFree(protected: false), token: failure.replayToken).verdict.failure?.trace == failure.trace)
    }

    @Test func theRaceNeedsTwoPreemptions() {
        let report = Explorer.explore(unlockVersusFree(protected: false), config: ExplorerConfig(strategy: .dfs(preemptionBound: 1)))
        #expect(report.verdict == .passed && report.exhaustive)
    }

    @Test func anRCUSectionAroundUpReadKeepsTheObjectAlive() {
        let report = Explorer.explore(unlockVersusFree(protected: true), config: ExplorerConfig(strategy: .dfs(preemptionBound: 3)))
        #expect(report.verdict == .passed && report.exhaustive)
    }

    @Test func anRCUCallbackRunsWhenTheGracePeriodEndsBeforeTheFree() {
        let ran = AtomicInt(0, name: "ran")
        let scenario = ScenarioDefinition(name: "callback", expect: .pass, bound: 2, file: #filePath, line: #line) { s in
            let object = RCUObject(kind: "obj")
            let pointer = RCUPointer(object)
            let freedWhenCalled = AtomicInt(-1, name: "freedWhenCalled")
            s.thread("reader") {
                rcu_read_lock()
                pointer.rcu_dereference().access("field")
                rcu_read_unlock()
            }
            s.thread("freer") {
                pointer.rcu_assign_pointer(RCUObject(kind: "new"))
                call_rcu(object) { object in
                    freedWhenCalled.store(object.is_freed ? 1 : 0)
                    _ = ran.add(1)
                }
            }
            s.finally {
                s.check(object.is_freed, "freed at the end of the grace period")
                s.check(freedWhenCalled.peek == 0, "the callback runs before the free")
            }
        }
        let report = Explorer.explore(scenario, config: ExplorerConfig())
        #expect(report.verdict == .passed)
        #expect(ran.peek == report.schedulesExplored)
    }

    @Test func aBugInAnRCUCallbackIsReported() throws {
        let scenario = ScenarioDefinition(name: "callback bug", expect: .fail, bound: 1, file: #filePath, line: #line) { s in
            let object = Locked()
            s.thread("reader") {
                rcu_read_lock()
                object.lock.down_read()
                rcu_read_unlock()
                object.lock.up_read()
            }
            s.thread("freer") {
                call_rcu(object) { object in BUG_ON(object.lock.is_locked, "freed with a reader") }
            }
        }
        let failure = try #require(Explorer.explore(scenario, config: ExplorerConfig()).verdict.failure)
        #expect(failure.kind == .assertion)
        #expect(failure.message == "BUG: freed with a reader")
    }

    @Test func sleepingInAnRCUCallbackIsABug() throws {
        let scenario = ScenarioDefinition(name: "sleeping callback", expect: .fail, bound: 1, file: #filePath, line: #line) { s in
            let object = Locked()
            let other = RWSemaphore(name: "other")
            s.thread("holder") {
                other.down_write()
                rcu_read_lock()
                rcu_read_unlock()
                other.up_write()
            }
            s.thread("freer") {
                call_rcu(object) { _ in other.down_read(); other.up_read() }
            }
        }
        let failure = try #require(Explorer.explore(scenario, config: ExplorerConfig()).verdict.failure)
        #expect(failure.message.contains("sleeping function called from invalid context"))
    }
}
