import Foundation
import Testing

/// `vmaspec explore` as a reviewer uses it: a verdict against the scenario's `expect=`, a replay
/// token and a spec-located trace on failure, the same trace again from the token.
@Suite struct ExploreCLITests {
    func explore(_ arguments: [String]) throws -> Harness.Outcome {
        try Harness.vmaspec(["explore", "--root", Harness.packageRoot.path] + arguments)
    }

    /// The trace lines of an explore report (their order and text, without timings).
    func trace(_ output: String) -> [Substring] {
        output.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.contains(". [") }
    }

    @Test func passingScenarioExitsZero() throws {
        let outcome = try explore(["fault-vs-munmap", "--variant", "rfc"])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("passed: "))
        #expect(outcome.stdout.contains(", exhaustive"))
        #expect(outcome.stdout.contains("as expected"))
    }

    @Test func bugIsFoundWithATokenAndASpecLocatedTrace() throws {
        let found = try explore(["fault-vs-munmap", "--variant", "bug-free-without-grace"])
        #expect(found.status == 1)
        #expect(found.stdout.contains("useAfterFree"))
        #expect(found.stdout.contains("NOT as expected"))
        let steps = trace(found.stdout)
        #expect(!steps.isEmpty)
        #expect(steps.allSatisfy { $0.contains("(Spec/") || $0.contains("(Patches/") }, "\(steps)")
        let replayLine = try #require(found.stdout.split(separator: "\n").first { $0.hasPrefix("replay: ") })
        let token = String(try #require(replayLine.split(separator: " ").last))

        let replayed = try explore(["fault-vs-munmap", "--variant", "bug-free-without-grace", "--replay", token])
        #expect(replayed.status == 1)
        #expect(trace(replayed.stdout) == steps)
    }

    @Test func sameSeedSameResult() throws {
        let first = try explore(["fault-vs-mprotect-split", "--variant", "bug-split-unmarked", "--pct", "300", "--seed", "11"])
        let second = try explore(["fault-vs-mprotect-split", "--variant", "bug-split-unmarked", "--pct", "300", "--seed", "11"])
        #expect(first.status == second.status)
        #expect(trace(first.stdout) == trace(second.stdout))
        let tokenLine: (String) -> Substring? = { $0.split(separator: "\n").first { $0.hasPrefix("replay: ") } }
        #expect(tokenLine(first.stdout) == tokenLine(second.stdout))
    }

    @Test func listNamesEveryScenario() throws {
        let outcome = try explore(["--list", "--variant", "rfc"])
        for name in ["fault-vs-munmap", "fault-vs-mprotect-split", "two-faults-one-writer", "fault-vs-mremap-move", "fault-during-fork", "mark-many-unlock-all"] {
            #expect(outcome.stdout.contains(name))
        }
    }

    @Test(arguments: [["no-such-scenario"], ["fault-vs-munmap", "--variant", "nope"], ["fault-vs-munmap", "--bound", "1", "--pct", "5"]])
    func badArgumentsExitTwo(arguments: [String]) throws {
        let outcome = try explore(arguments)
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("error:"))
    }
}
