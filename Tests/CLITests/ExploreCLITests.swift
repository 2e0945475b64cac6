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
        let outcome = try explore(["lookup-vs-munmap", "--variant", "rfc"])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("passed: "))
        #expect(outcome.stdout.contains(", exhaustive"))
        #expect(outcome.stdout.contains("as expected"))
    }

    /// `fault-vs-munmap` fails on the RFC's own code (its `up_read` race), as the scenario's
    /// `fixed-by=v2` says: exit 0, with the trace; on v2, which has the fix, it passes.
    @Test func theRFCsOwnRaceIsAnExpectedFailure() throws {
        let rfc = try explore(["fault-vs-munmap", "--variant", "rfc"])
        #expect(rfc.status == 0, "\(rfc.stdout)\(rfc.stderr)")
        #expect(rfc.stdout.contains("useAfterFree") && rfc.stdout.contains("rwsem_wake(vma->lock)"))
        #expect(rfc.stdout.contains("as expected") && !rfc.stdout.contains("NOT as expected"))
        let fixed = try explore(["fault-vs-munmap", "--variant", "v2"])
        #expect(fixed.status == 0 && fixed.stdout.contains("passed: "), "\(fixed.stdout)")
    }

    /// The README's own example: on a must-fail variant, a scenario its document names in
    /// `catches:` is expected to fail, so finding the bug is the expected result (issue 9).
    @Test func bugIsFoundWithATokenAndASpecLocatedTrace() throws {
        let found = try explore(["lookup-vs-munmap", "--variant", "bug-free-without-grace"])
        #expect(found.status == 0, "\(found.stdout)")
        #expect(found.stdout.contains("useAfterFree"))
        #expect(found.stdout.hasSuffix("caught: the bug put back in bug-free-without-grace fails here, as Patches/bugs/free-without-grace.md:7 expects\n"), "\(found.stdout)")
        #expect(!found.stdout.contains("NOT"))
        let steps = trace(found.stdout)
        #expect(!steps.isEmpty)
        #expect(steps.allSatisfy { $0.contains("(Spec/") || $0.contains("(Patches/") }, "\(steps)")
        let replayLine = try #require(found.stdout.split(separator: "\n").first { $0.hasPrefix("replay: ") })
        let token = String(try #require(replayLine.split(separator: " ").last))

        let replayed = try explore(["lookup-vs-munmap", "--variant", "bug-free-without-grace", "--replay", token])
        #expect(replayed.status == 0)
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
        for name in ["fault-vs-munmap", "lookup-vs-munmap", "fork-vs-first-write-fault", "fault-vs-stack-expansion", "fault-vs-mprotect-split",
                     "two-faults-one-writer", "fault-vs-mremap-move", "fault-during-fork", "mark-many-unlock-all"] {
            #expect(outcome.stdout.contains(name))
        }
    }

    @Test(arguments: [["no-such-scenario"], ["fault-vs-munmap", "--variant", "nope"], ["fault-vs-munmap", "--bound", "1", "--pct", "5"]])
    func badArgumentsExitTwo(arguments: [String]) throws {
        let outcome = try explore(arguments)
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("error:"))
    }

    /// Settings that would explore nothing and "pass" are refused with their valid range (issue 9).
    @Test(arguments: [
        (["--pct", "0"], "'--pct' must be a whole number ≥ 1, not '0'"),
        (["--random", "0"], "'--random' must be a whole number ≥ 1, not '0'"),
        (["--bound=-1"], "'--bound' must be a whole number ≥ 0, not '-1'"),
        (["--max-steps", "0"], "'--max-steps' must be a whole number ≥ 1, not '0'"),
        (["--pct", "5", "--depth", "0"], "'--depth' must be a whole number ≥ 1, not '0'"),
        (["--replay", "garbage"], "malformed token 'garbage'"),
    ])
    func settingsThatCheckNothingExitTwo(arguments: [String], message: String) throws {
        let outcome = try explore(["fault-vs-munmap"] + arguments)
        #expect(outcome.status == 2, "\(outcome.stdout)")
        #expect(outcome.stderr.hasPrefix("<command line>:1: error: \(message)"), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test func aTokenOfAnotherScenarioIsBadInput() throws {
        let outcome = try explore(["fault-vs-munmap", "--replay", "dfs2.10000.zzzzzzzzzzzz"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("<command line>:1: error: replay token 'dfs2.10000.zzzzzzzzzzzz' is no schedule of scenario 'fault-vs-munmap' on rfc"), "\(outcome.stderr)")
    }
}
