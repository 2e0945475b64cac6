import Testing
@testable import Sched

/// Data races under the `hb` memory model: every protection that orders two plain accesses, and
/// the schedule that races once it is taken away.
@Suite("Memory model: data races")
struct DataRaceTests {
    /// A plain field written by one thread and read by another, with `order` between them.
    static func handOff(lock: Bool, flagStore: MemoryOrder, flagLoad: MemoryOrder) -> ScenarioDefinition {
        ScenarioDefinition(name: "hand-off", expect: .pass, bound: 2, file: #filePath, line: #line) { s in
            let field = AtomicInt(0, name: "field", access: .plain)
            let flag = AtomicInt(0, name: "flag")
            let sem = RWSemaphore(name: "sem")
            s.thread("writer") {
                if lock { sem.down_write() }
                field.store(42)
                if lock { sem.up_write() }
                flag.store(1, flagStore)
            }
            s.thread("reader") {
                guard flag.load(flagLoad) == 1 else { return }
                if lock { sem.down_read() }
                _ = field.load()
                if lock { sem.up_read() }
            }
        }
    }

    @Test func plainAccessesOrderedByReleaseAcquireDoNotRace() {
        let report = Explorer.explore(Self.handOff(lock: false, flagStore: .release, flagLoad: .acquire), config: .init(memory: .hb))
        #expect(report.verdict == .passed)
        #expect(report.exhaustive)
    }

    @Test func plainAccessesOrderedOnlyByRelaxedFlagRace() throws {
        let report = Explorer.explore(Self.handOff(lock: false, flagStore: .relaxed, flagLoad: .relaxed), config: .init(memory: .hb))
        let failure = try #require(report.verdict.failure)
        #expect(failure.kind == .dataRace)
        #expect(failure.message.contains("data race on field: plain write by writer at"))
        #expect(failure.message.contains("and plain read by reader at"))
        #expect(failure.file?.hasSuffix("DataRaceTests.swift") == true)
    }

    @Test func sameRaceIsInvisibleUnderSequentialConsistency() {
        let report = Explorer.explore(Self.handOff(lock: false, flagStore: .relaxed, flagLoad: .relaxed), config: .init(memory: .sc))
        #expect(report.verdict == .passed)
    }

    @Test func plainAccessesUnderOneSemaphoreDoNotRace() {
        let report = Explorer.explore(Self.handOff(lock: true, flagStore: .relaxed, flagLoad: .relaxed), config: .init(memory: .hb))
        #expect(report.verdict == .passed)
    }

    @Test func markedAccessesNeverRace() {
        let scenario = ScenarioDefinition(name: "marked", expect: .pass, bound: 2, file: #filePath, line: #line) { s in
            let field = AtomicInt(0, name: "field", access: .relaxed)
            s.thread("writer") { field.store(1) }
            s.thread("reader") { _ = field.load() }
        }
        #expect(Explorer.explore(scenario, config: .init(memory: .hb)).verdict == .passed)
    }

    @Test func aMarkedReadRacesWithAPlainWrite() throws {
        let scenario = ScenarioDefinition(name: "mixed", expect: .pass, bound: 2, file: #filePath, line: #line) { s in
            let field = AtomicInt(0, name: "field", access: .plain)
            s.thread("writer") { field.store(1) }
            s.thread("reader") { _ = field.load(.relaxed) }
        }
        let failure = try #require(Explorer.explore(scenario, config: .init(memory: .hb)).verdict.failure)
        #expect(failure.kind == .dataRace)
        #expect(failure.message.contains("marked read by reader"))
    }

    /// A reader's plain read inside its read-side critical section happens before the code after
    /// `synchronize_rcu`; without the grace period the writer's plain store races with it.
    static func graceThenWrite(waitForReaders: Bool) -> ScenarioDefinition {
        ScenarioDefinition(name: "grace period", expect: .pass, bound: 2, file: #filePath, line: #line) { s in
            let field = AtomicInt(0, name: "field", access: .plain)
            let published = AtomicInt(1, name: "published", access: .relaxed)
            s.thread("reader") {
                rcu_read_lock()
                if published.load() == 1 { _ = field.load() }
                rcu_read_unlock()
            }
            s.thread("writer") {
                published.store(0)
                if waitForReaders { synchronize_rcu() }
                field.store(7)
            }
        }
    }

    @Test func gracePeriodOrdersReadersBeforeTheWriter() {
        #expect(Explorer.explore(Self.graceThenWrite(waitForReaders: true), config: .init(memory: .hb)).verdict == .passed)
    }

    @Test func withoutTheGracePeriodTheWriterRaces() throws {
        let failure = try #require(Explorer.explore(Self.graceThenWrite(waitForReaders: false), config: .init(memory: .hb)).verdict.failure)
        #expect(failure.kind == .dataRace)
    }

    /// A failing weak schedule replays to the same trace, stale read included.
    @Test func weakFailureReplaysToTheSameTrace() throws {
        let scenario = ScenarioDefinition(name: "MP check", expect: .fail, bound: 2, file: #filePath, line: #line) { s in
            let data = AtomicInt(0, name: "data", access: .relaxed)
            let flag = AtomicInt(0, name: "flag", access: .relaxed)
            s.thread("writer") { data.store(1); flag.store(1) }
            s.thread("reader") {
                if flag.load() == 1 { s.check(data.load() == 1, "flag set but data stale") }
            }
        }
        let explored = try #require(Explorer.explore(scenario, config: .init(memory: .weak)).verdict.failure)
        #expect(explored.kind == .invariant)
        #expect(explored.replayToken.contains("+weak."))
        #expect(explored.trace.contains { $0.operation.contains("data reads an older store") })
        let replayed = try #require(Explorer.replay(scenario, token: explored.replayToken).verdict.failure)
        #expect(replayed.trace == explored.trace)
        #expect(Explorer.explore(scenario, config: .init(memory: .hb)).verdict == .passed, "hb reads the newest store")
    }
}
