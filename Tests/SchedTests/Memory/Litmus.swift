import Synchronization
import Testing
@testable import Sched

/// Runs a litmus shape exhaustively and collects the outcomes its `finally` reports.
struct Litmus {
    let name: String
    let threads: [(String, @Sendable (Registers) -> Void)]

    /// The values the threads read, by register name.
    final class Registers: @unchecked Sendable {
        let x = AtomicInt(0, name: "x")
        let y = AtomicInt(0, name: "y")
        private let values = Mutex<[String: Int]>([:])
        func set(_ register: String, _ value: Int) { values.withLock { $0[register] = value } }
        var outcome: String { values.withLock { $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") } }
    }

    /// Every outcome any schedule gives under `memory`, at preemption bound 3.
    func outcomes(_ memory: MemoryModel) -> Set<String> {
        let seen = Mutex<Set<String>>([])
        let threads = self.threads
        let scenario = ScenarioDefinition(name: name, expect: .pass, bound: 3, file: #filePath, line: #line) { s in
            let registers = Registers()
            for (threadName, body) in threads { s.thread(threadName) { body(registers) } }
            s.finally { _ = seen.withLock { $0.insert(registers.outcome) } }
        }
        let report = Explorer.explore(scenario, config: ExplorerConfig(strategy: .dfs(preemptionBound: 3), memory: memory))
        precondition(report.exhaustive && report.verdict == .passed, "\(name): \(report)")
        return seen.withLock { $0 }
    }
}

/// Classic litmus shapes (as in the kernel's tools/memory-model/litmus-tests and the C11 papers),
/// each with the outcome C11 allows or forbids for its orderings.
@Suite("Memory model: litmus tests")
struct LitmusTests {
    static func messagePassing(_ store: MemoryOrder, _ load: MemoryOrder) -> Litmus {
        Litmus(name: "MP", threads: [
            ("writer", { r in r.x.store(1, .relaxed); r.y.store(1, store) }),
            ("reader", { r in r.set("flag", r.y.load(load)); r.set("data", r.x.load(.relaxed)) }),
        ])
    }

    @Test func messagePassingWithRelaxedFlagMayReadStaleData() {
        let shape = Self.messagePassing(.relaxed, .relaxed)
        #expect(shape.outcomes(.weak).contains("data=0 flag=1"))
        #expect(!shape.outcomes(.sc).contains("data=0 flag=1"), "sequential consistency never reorders")
    }

    @Test func messagePassingWithReleaseAcquireIsForbidden() {
        let outcomes = Self.messagePassing(.release, .acquire).outcomes(.weak)
        #expect(!outcomes.contains("data=0 flag=1"))
        #expect(outcomes.isSuperset(of: ["data=0 flag=0", "data=1 flag=1", "data=1 flag=0"]))
    }

    @Test func messagePassingWithReleaseButRelaxedLoadMayReadStaleData() {
        #expect(Self.messagePassing(.release, .relaxed).outcomes(.weak).contains("data=0 flag=1"))
    }

    static func storeBuffering(_ order: MemoryOrder) -> Litmus {
        Litmus(name: "SB", threads: [
            ("P0", { r in r.x.store(1, order); r.set("r0", r.y.load(order)) }),
            ("P1", { r in r.y.store(1, order); r.set("r1", r.x.load(order)) }),
        ])
    }

    @Test func storeBufferingRelaxedAllowsBothZero() {
        #expect(Self.storeBuffering(.relaxed).outcomes(.weak).contains("r0=0 r1=0"))
        #expect(Self.storeBuffering(.release).outcomes(.weak).contains("r0=0 r1=0"), "release/acquire does not forbid SB")
    }

    @Test func storeBufferingSeqCstForbidsBothZero() {
        #expect(!Self.storeBuffering(.seqCst).outcomes(.weak).contains("r0=0 r1=0"))
        #expect(!Self.storeBuffering(.relaxed).outcomes(.sc).contains("r0=0 r1=0"))
    }

    /// C11 allows r0=r1=1 here; an operational model without promises (this one, loom, shuttle)
    /// cannot read a store that comes later in program order, so it never produces it. A
    /// reviewer relying on load buffering being impossible is relying on more than the kernel gives.
    @Test func loadBufferingIsNotProduced() {
        let shape = Litmus(name: "LB", threads: [
            ("P0", { r in r.set("r0", r.x.load(.relaxed)); r.y.store(1, .relaxed) }),
            ("P1", { r in r.set("r1", r.y.load(.relaxed)); r.x.store(1, .relaxed) }),
        ])
        let outcomes = shape.outcomes(.weak)
        #expect(!outcomes.contains("r0=1 r1=1"))
        #expect(outcomes.isSuperset(of: ["r0=0 r1=0", "r0=0 r1=1", "r0=1 r1=0"]))
    }

    static func iriw(_ load: MemoryOrder, _ store: MemoryOrder) -> Litmus {
        Litmus(name: "IRIW", threads: [
            ("Wx", { r in r.x.store(1, store) }),
            ("Wy", { r in r.y.store(1, store) }),
            ("R1", { r in r.set("a", r.x.load(load)); r.set("b", r.y.load(load)) }),
            ("R2", { r in r.set("c", r.y.load(load)); r.set("d", r.x.load(load)) }),
        ])
    }

    /// Two readers disagreeing on the order of two independent writes.
    @Test func iriwAcquireAllowsReadersToDisagree() {
        #expect(Self.iriw(.acquire, .release).outcomes(.weak).contains("a=1 b=0 c=1 d=0"))
    }

    @Test func iriwSeqCstForbidsDisagreement() {
        #expect(!Self.iriw(.seqCst, .seqCst).outcomes(.weak).contains("a=1 b=0 c=1 d=0"))
    }

    /// Coherence of read-read: once a thread has read the new value, it never reads the old one.
    @Test func coherenceReadReadNeverGoesBack() {
        let shape = Litmus(name: "CoRR", threads: [
            ("writer", { r in r.x.store(1, .relaxed) }),
            ("reader", { r in r.set("first", r.x.load(.relaxed)); r.set("second", r.x.load(.relaxed)) }),
        ])
        let outcomes = shape.outcomes(.weak)
        #expect(!outcomes.contains("first=1 second=0"))
        #expect(outcomes.contains("first=0 second=1"))
    }

    /// A thread always reads its own latest store (coherence of write-read).
    @Test func coherenceWriteReadSeesOwnStore() {
        let shape = Litmus(name: "CoWR", threads: [
            ("P0", { r in r.x.store(1, .relaxed); r.set("r0", r.x.load(.relaxed)) }),
            ("P1", { r in r.x.store(2, .relaxed) }),
        ])
        #expect(!shape.outcomes(.weak).contains("r0=0"))
    }

    /// A release sequence goes on through a read-modify-write: the acquirer that reads the RMW's
    /// store synchronizes with the original release.
    @Test func releaseSequenceContinuesThroughReadModifyWrite() {
        let shape = Litmus(name: "MP+rmw", threads: [
            ("writer", { r in r.x.store(1, .relaxed); r.y.store(1, .release) }),
            ("bumper", { r in r.y.add(1, .relaxed) }),
            ("reader", { r in
                let flag = r.y.load(.acquire)
                r.set("flag2", flag == 2 ? 1 : 0)
                r.set("data", flag == 2 ? r.x.load(.relaxed) : -1)
            }),
        ])
        let outcomes = shape.outcomes(.weak)
        #expect(!outcomes.contains("data=0 flag2=1"), "y=2 came after the release store of y=1 in y's modification order")
    }
}
