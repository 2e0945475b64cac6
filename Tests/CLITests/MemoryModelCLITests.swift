import Foundation
import Testing

/// The July 2023 memory-ordering fix (b1f02b95758d) as the explorer shows it under `memory=weak`:
/// a data race on `vm_flags` before the fix, replayed to the same trace; a pass after it.
@Suite struct MemoryModelCLITests {
    static let scenario = "b1f02b95758d-flags-change-vs-fault"

    func explore(_ arguments: [String]) throws -> Harness.Outcome {
        try Harness.vmaspec(["explore", "--root", Harness.packageRoot.path] + arguments)
    }

    func trace(_ output: String) -> [Substring] {
        output.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.contains(". [") }
    }

    @Test func theMergedReleaseRacesOnVmFlagsAndReplaysToTheSameTrace() throws {
        let found = try explore([Self.scenario, "--variant", "linux-6.4.0"])
        #expect(found.status == 0, "\(found.stdout)\(found.stderr)")
        #expect(found.stdout.contains("dataRace: data race on vma->vm_flags: plain write by mprotect at Spec/"), "\(found.stdout)")
        #expect(found.stdout.contains("plain read by fault at Spec/"))
        #expect(found.stdout.contains("data race on vma->vm_lock_seq"), "v2's early check reads vm_lock_seq plainly")
        #expect(found.stdout.contains("memory weak") && found.stdout.contains("as expected"))
        let steps = trace(found.stdout)
        #expect(steps.contains { $0.contains("dataRace:") })
        let replayLine = try #require(found.stdout.split(separator: "\n").first { $0.hasPrefix("replay: ") })
        let token = String(try #require(replayLine.split(separator: " ").last))
        #expect(token.contains("+weak."))
        let replayed = try explore([Self.scenario, "--variant", "linux-6.4.0", "--replay", token])
        #expect(trace(replayed.stdout) == steps)
    }

    @Test func theRFCHasTheSameRace() throws {
        let rfc = try explore([Self.scenario, "--variant", "rfc"])
        #expect(rfc.status == 0, "\(rfc.stdout)")
        #expect(rfc.stdout.contains("data race on vma->vm_flags"))
        #expect(!rfc.stdout.contains("data race on vma->vm_lock_seq"), "the RFC reads vm_lock_seq only under vm_lock")
    }

    @Test func theFixPassesAndSequentialConsistencyHidesTheBug() throws {
        let fixed = try explore([Self.scenario, "--variant", "fix-memory-ordering"])
        #expect(fixed.status == 0 && fixed.stdout.contains("passed: ") && fixed.stdout.contains(", exhaustive"), "\(fixed.stdout)")
        let sc = try explore([Self.scenario, "--variant", "linux-6.4.0", "--memory", "sc"])
        #expect(sc.status == 1 && sc.stdout.contains("passed: ") && sc.stdout.contains("NOT as expected"), "\(sc.stdout)")
    }

    @Test func anUnknownMemoryModelIsBadInput() throws {
        let bad = try explore([Self.scenario, "--memory", "tso"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("'--memory' must be one of sc, hb, weak, not 'tso'"), "\(bad.stderr)")
    }
}
