import Testing
@testable import Sched

@Suite("Explorer: replay, PCT, random")
struct ReplayTests {
    @Test func replayReproducesTheFailingTrace() throws {
        let explored = try #require(Explorer.explore(Scenarios.lostUpdate, config: ExplorerConfig(strategy: .dfs(preemptionBound: 1))).verdict.failure)
        for _ in 0..<3 {
            let replayed = try #require(Explorer.replay(Scenarios.lostUpdate, token: explored.replayToken).verdict.failure)
            #expect(replayed == explored)
        }
    }

    @Test func replayOfDeadlockAndUseAfterFree() throws {
        for scenario in [Scenarios.abba, Scenarios.rcuReader(protected: false)] {
            let explored = try #require(Explorer.explore(scenario, config: ExplorerConfig(strategy: .dfs(preemptionBound: 2))).verdict.failure)
            let replayed = try #require(Explorer.replay(scenario, token: explored.replayToken).verdict.failure)
            #expect(replayed == explored)
        }
    }

    @Test func replayOfStepBoundKeepsTheBound() throws {
        let config = ExplorerConfig(strategy: .dfs(preemptionBound: 0), maxSteps: 300)
        let explored = try #require(Explorer.explore(Scenarios.spinForever, config: config).verdict.failure)
        #expect(explored.replayToken.hasPrefix("dfs0.300."))
        let replayed = try #require(Explorer.replay(Scenarios.spinForever, token: explored.replayToken).verdict.failure)
        #expect(replayed == explored)
        #expect(replayed.trace.count == 300 + 1)
    }

    @Test func reportDescribesTheOutcome() {
        let passed = Explorer.explore(Scenarios.atomicIncrement, config: ExplorerConfig(strategy: .dfs(preemptionBound: 0)))
        #expect(passed.description.hasPrefix("atomic increment: passed: 2 schedules, exhaustive, dfs(preemptionBound: 0)"))
        let failed = Explorer.explore(Scenarios.lostUpdate, config: ExplorerConfig(strategy: .dfs(preemptionBound: 1)))
        #expect(failed.description.contains("replay token: dfs1.10000."))
    }

    @Test func tokenRoundTrip() throws {
        let choices = [0, 0, 1, 1, 1, 0, 2, 30, 30, 60]
        let token = ReplayToken.encode(tag: "dfs2", maxSteps: 777, choices: choices)
        #expect(token == "dfs2.777.a2b3acE2(60)")
        let decoded = try #require(ReplayToken.decode(token))
        #expect(decoded.tag == "dfs2")
        #expect(decoded.maxSteps == 777)
        #expect(decoded.choices == choices)
        #expect(ReplayToken.decode("nonsense") == nil)
    }

    @Test func malformedOrForeignTokensAreMismatches() throws {
        let malformed = try #require(Explorer.replay(Scenarios.lostUpdate, token: "garbage").verdict.failure)
        #expect(malformed.kind == .replayMismatch)
        let foreign = try #require(Explorer.replay(Scenarios.lostUpdate, token: "dfs1.10000.c5").verdict.failure)
        #expect(foreign.kind == .replayMismatch)
    }

    @Test func passingScheduleReplaysAsPassed() {
        #expect(Explorer.replay(Scenarios.lostUpdate, token: "dfs0.10000.a3").verdict == .passed)
    }

    @Test func pctFindsTheLostUpdateDeterministically() throws {
        let config = ExplorerConfig(strategy: .pct(iterations: 500, depth: 2, seed: 42))
        let first = Explorer.explore(Scenarios.lostUpdate, config: config)
        let second = Explorer.explore(Scenarios.lostUpdate, config: config)
        let failure = try #require(first.verdict.failure)
        #expect(failure.replayToken.hasPrefix("pct2s42i"))
        #expect(first.verdict == second.verdict)
        #expect(first.schedulesExplored == second.schedulesExplored)
        let replayed = try #require(Explorer.replay(Scenarios.lostUpdate, token: failure.replayToken).verdict.failure)
        #expect(replayed == failure)
    }

    @Test func randomIsDeterministicPerSeed() throws {
        let config = ExplorerConfig(strategy: .random(iterations: 500, seed: 7))
        let first = Explorer.explore(Scenarios.lostUpdate, config: config)
        let second = Explorer.explore(Scenarios.lostUpdate, config: config)
        #expect(first.verdict.failure != nil)
        #expect(first.verdict == second.verdict)
        let passing = Explorer.explore(Scenarios.atomicIncrement, config: ExplorerConfig(strategy: .random(iterations: 200, seed: 1)))
        #expect(passing.verdict == .passed)
        #expect(passing.schedulesExplored == 200)
        #expect(!passing.exhaustive)
    }
}
