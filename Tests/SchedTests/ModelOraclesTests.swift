import Testing
@testable import Sched

@Suite("Model oracles: off only for benchmarks, never under the explorer")
struct ModelOraclesTests {
    static let oraclesSeenByModelThreads = ScenarioDefinition(name: "oracles under the explorer", expect: .pass, bound: 1,
                                                              file: #filePath, line: #line) { s in
        for name in ["A", "B"] {
            s.thread(name) { s.check(model_oracles_enabled, "\(name) ran with the model's oracles off") }
        }
    }

    @Test func explorerKeepsOraclesOnInsideWithModelOraclesOff() {
        let report = withModelOraclesOff {
            Explorer.explore(Self.oraclesSeenByModelThreads, config: ExplorerConfig(strategy: .dfs(preemptionBound: 1)))
        }
        #expect(report.verdict == .passed)
        #expect(report.exhaustive)
    }

    /// Other tests may run the explorer at the same moment, which turns the oracles on for
    /// everyone; the check is made only when no exploration ran around the read.
    @Test func normalRunsSeeTheScope() {
        #expect(model_oracles_enabled || explorersActive.load(ordering: .sequentiallyConsistent) > 0)
        withModelOraclesOff {
            withModelOraclesOff {}
            let quietBefore = explorersActive.load(ordering: .sequentiallyConsistent) == 0
            let enabled = model_oracles_enabled
            let quietAfter = explorersActive.load(ordering: .sequentiallyConsistent) == 0
            if quietBefore && quietAfter { #expect(!enabled, "a nested scope's end must not switch the oracles back on") }
        }
        #expect(model_oracles_enabled || explorersActive.load(ordering: .sequentiallyConsistent) > 0)
    }
}
