import Foundation
import Testing

/// `vmaspec mutate` on a toy spec with a known set of sites: one grace period a scenario guards,
/// one nobody runs, and an assertion declared equivalent. The table must be exactly this.
@Suite struct MutateCLITests {
    static let chapter = """
    # A toy

    An object freed through RCU, two ways to retire it, and an assertion.

    ```swift chunk=toy equivalent=remove-assert.1
    final class Obj: RCUObject, @unchecked Sendable {
        init() { super.init(kind: "obj") }
    }

    func mmap_assert_locked(_ pointer: RCUPointer<Obj>) {}

    func retire(_ pointer: RCUPointer<Obj>) {
        mmap_assert_locked(pointer)
        let old = pointer.rcu_dereference()
        pointer.rcu_assign_pointer(Obj())
        call_rcu(old)
    }

    func retire_unused(_ pointer: RCUPointer<Obj>) {
        let old = pointer.rcu_dereference()
        pointer.rcu_assign_pointer(Obj())
        call_rcu(old)
    }
    ```

    ```swift scenario name=reader-vs-retire expect=pass bound=2
    let pointer = RCUPointer(Obj())
    scenario.thread("reader") {
        rcu_read_lock()
        pointer.rcu_dereference().access("field")
        rcu_read_unlock()
    }
    scenario.thread("writer") { retire(pointer) }
    ```
    """

    @Test func theToySpecGivesExactlyItsTable() throws {
        let root = try Harness.folder(["Spec/01-toy.md": Self.chapter])
        defer { try? FileManager.default.removeItem(at: root) }
        // The schema cache lives in the package's build folder, so Sched compiles once for all runs.
        let scratch = Harness.packageRoot.appendingPathComponent(".build/vmaspec-mutants-tests")
        let json = root.appendingPathComponent("report.json")
        let outcome = try Harness.vmaspec(["mutate", "--root", root.path, "--variant", "rfc", "--scratch", scratch.path, "--json", json.path])
        #expect(outcome.status == 1, "one mutant survives: \(outcome.stdout)\(outcome.stderr)")
        let rows = outcome.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).prefix(3).joined(separator: " ") }
        #expect(rows == [
            "Spec/01-toy.md:13 remove-assert equivalent",
            "mmap_assert_locked(pointer) [toy/remove-assert.1]",
            "Spec/01-toy.md:16 free-immediately killed",
            "call_rcu(old) [toy/free-immediately.1]",
            "Spec/01-toy.md:22 free-immediately SURVIVED:",
            "call_rcu(old) [toy/free-immediately.2]",
            "rfc: 1/2 mutants",
        ], "\(outcome.stdout)")
        #expect(outcome.stdout.contains("killed by reader-vs-retire: useAfterFree at Spec/01-toy.md:"))
        #expect(outcome.stdout.contains("SURVIVED: no scenario reaches it"))
        #expect(outcome.stdout.hasSuffix("rfc: 1/2 mutants killed (50%), 1 declared equivalent, 1 surviving\n"))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
        #expect((report?["results"] as? [Any])?.count == 3)
    }

    @Test func listNamesTheSitesWithoutBuilding() throws {
        let root = try Harness.folder(["Spec/01-toy.md": Self.chapter])
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try Harness.vmaspec(["mutate", "--root", root.path, "--list"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == """
            Spec/01-toy.md:13\tremove-assert\ttoy/remove-assert.1\tequivalent
            Spec/01-toy.md:16\tfree-immediately\ttoy/free-immediately.1
            Spec/01-toy.md:22\tfree-immediately\ttoy/free-immediately.2

            """)
    }

    @Test func aStaleEquivalenceIsBadInput() throws {
        let stale = Self.chapter.replacingOccurrences(of: "equivalent=remove-assert.1", with: "equivalent=remove-mark.1")
        let root = try Harness.folder(["Spec/01-toy.md": stale])
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try Harness.vmaspec(["mutate", "--root", root.path, "--list"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "Spec/01-toy.md:5: error: 'equivalent=remove-mark.1' names no mutant of this block (its mutants: free-immediately.1, free-immediately.2, remove-assert.1)\n")
    }

    @Test(arguments: [["--jobs", "0"], ["--timeout", "0"], ["--variant", "nope"], ["--variant", "bug-free-without-grace"]])
    func badArgumentsExitTwo(arguments: [String]) throws {
        let outcome = try Harness.vmaspec(["mutate", "--root", Harness.packageRoot.path, "--list"] + arguments)
        #expect(outcome.status == 2, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stderr.contains("error:"))
    }
}
