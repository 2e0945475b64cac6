import Foundation
import Testing
@testable import vmaspec
import Literate

/// The series' history line from the command line: `vmaspec bisect` walks the line with the
/// explorer and finds, for every bug a scenario places on it, the step whose document fixes it;
/// `vmaspec review --history` lists the steps with what fails on each.
@Suite struct HistoryCLITests {
    static func project() throws -> Project {
        try Project.load(root: Harness.packageRoot, configurations: ["rfc-nopvl": "rfc"])
    }

    /// Every scenario that names the step fixing its bug, bisected over the real line: the
    /// search must land on that step. This is the chain walked with the explorer, not read from
    /// the declarations (each step is tested by running the scenario in a worker).
    @Test(arguments: try project().historyScenarios.map(\.scenario).filter { $0.fixedBy != Block.Scenario.neverFixed }.map(\.name))
    func bisectFindsTheFix(scenario: String) throws {
        let outcome = try Harness.vmaspec(["bisect", "--root", Harness.packageRoot.path, scenario])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("as its fixed-by= says"), "\(outcome.stdout)")
    }

    @Test func aScenarioThatNeverPassesBracketsNoFix() throws {
        let outcome = try Harness.vmaspec(["bisect", "--root", Harness.packageRoot.path, "writer-wraparound-skips-a-reader"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("the ends do not bracket a fix"), "\(outcome.stdout)")
    }

    @Test func badStepsAreBadInput() throws {
        let unknown = try Harness.vmaspec(["bisect", "--root", Harness.packageRoot.path, "fault-vs-munmap", "--bad", "v9"])
        #expect(unknown.status == 2 && unknown.stderr.contains("--bad 'v9' is no step of the history line (rfc → naming → v1"))
        let reversed = try Harness.vmaspec(["bisect", "--root", Harness.packageRoot.path, "fault-vs-munmap", "--bad", "v3", "--good", "v1"])
        #expect(reversed.status == 2 && reversed.stderr.contains("--bad 'v3' must come before --good 'v1'"))
    }

    /// The search itself, on a line where the test is a table: few steps tested, the first
    /// passing one found, and ends that do not bracket a change reported as such.
    @Test func theSearchTestsLogarithmicallyManySteps() throws {
        let line = (0..<16).map { "s\($0)" }
        var runs = 0
        let search = BisectSearch(line: line) { step in runs += 1; return Int(step.dropFirst())! < 11 }
        let result = try search.run(bad: 0, good: 15)
        #expect(result.firstPassing == "s11")
        #expect(runs <= 6)
        let none = try BisectSearch(line: line) { _ in true }.run(bad: 0, good: 15)
        #expect(none.firstPassing == nil)
    }

    @Test func theHistoryListsEveryStepWithItsDeclaredBugs() throws {
        let outcome = try Harness.vmaspec(["review", "--root", Harness.packageRoot.path, "--history", "--no-run", "--json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let rows = try JSONDecoder().decode([HistoryRow].self, from: Data(outcome.stdout.utf8))
        #expect(rows.map(\.id) == (try Self.project().historyLine))
        let v1 = try #require(rows.first { $0.id == "v1" })
        #expect(v1.fixedHere.contains("fault-vs-munmap-upper-half"))
        #expect(v1.bugs.contains { $0.scenario == "fault-vs-munmap" && $0.fixedIn == "v2" })
        let mempolicy = try #require(rows.first { $0.id == "fix-mempolicy" })
        #expect(Set(mempolicy.fixedHere) == ["fault-vs-mbind", "fault-vs-cpuset-rebind"])
        #expect(try #require(rows.first { $0.id == "linux-6.4.0" }).pending.isEmpty, "b1f02b95758d is a step now")
        #expect(try #require(rows.first { $0.id == "fix-new-mapping" }).pending.count == 1)
        let ordering = try #require(rows.first { $0.id == "fix-memory-ordering" })
        #expect(ordering.fixedHere == ["b1f02b95758d-flags-change-vs-fault"])
    }
}
