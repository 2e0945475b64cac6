import Foundation
import Testing
@testable import Sched

/// `wait_var_event` / `wake_up_var`: sleeping on a variable until it changes.
@Suite("wait_var_event")
struct WaitVarTests {
    static func scenario(wakes: Bool) -> ScenarioDefinition {
        ScenarioDefinition(name: wakes ? "waiter and waker" : "waiter alone", expect: wakes ? .pass : .fail,
                           bound: 2, file: #filePath, line: #line) { s in
            let seq = AtomicInt(0, name: "seq")
            s.thread("waiter") { wait_var_event(seq) { seq.peek != 0 } }
            s.thread("writer") {
                seq.store(1)
                if wakes { wake_up_var(seq) }
            }
        }
    }

    @Test func aWakeAfterTheChangeEndsTheWait() {
        let report = Explorer.explore(Self.scenario(wakes: true), config: ExplorerConfig())
        #expect(report.verdict == .passed)
        #expect(report.exhaustive)
    }

    @Test func aChangeWithoutAWakeCanLeaveTheWaiterAsleep() throws {
        let failure = try #require(Explorer.explore(Self.scenario(wakes: false), config: ExplorerConfig()).verdict.failure)
        #expect(failure.kind == .deadlock)
    }

    @Test func normalRunWakesARealThread() {
        let seq = AtomicInt(0, name: "seq")
        let done = DispatchSemaphore(value: 0)
        Thread {
            wait_var_event(seq) { seq.peek != 0 }
            done.signal()
        }.start()
        usleep(10_000)
        seq.store(1)
        wake_up_var(seq)
        #expect(done.wait(timeout: .now() + 5) == .success)
    }
}
