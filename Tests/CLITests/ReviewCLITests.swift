import Foundation
import Testing

/// The review tracker on a small spec: the table, the range-diff of a variant, fingerprints that
/// make a review point stale when its base chunk changes, and bad review documents.
@Suite struct ReviewCLITests {
    static let chapter = """
    # Locks

    ```swift chunk=lock
    func vma_mark_locked() -> Int { 1 }
    ```

    ```swift chunk=caller
    func caller() -> Int { vma_mark_locked() + 1 }
    ```
    """

    static let review = """
    ```review
    id: kent-naming
    title: Say that it takes a lock
    reviewer: Kent Overstreet
    date: 2022-09-01
    source: <20220901205819.emxnnschszqv4ahy@moria.home.lan>
    base: rfc
    status: adopted
    upstream: vma_start_write in 6.4
    renames:
      vma_mark_locked: vma_write_lock
    ```

    The new text:

    ```swift replaces=lock
    func vma_write_lock() -> Int { 2 }
    ```
    """

    func fixture() throws -> URL {
        try Harness.folder(["Spec/01-locks.md": Self.chapter, "Patches/naming.md": Self.review])
    }

    @Test func tableShowsTheReviewPoint() throws {
        let root = try fixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try Harness.vmaspec(["review", "--no-run", "--root", root.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("id ") == true)
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix("kent-naming  Kent Overstreet  adopted  no target"))
        #expect(lines[1].contains("unrecorded"))
        #expect(lines[1].hasSuffix("vma_start_write in 6.4"))
    }

    @Test func jsonCarriesEveryColumn() throws {
        let root = try fixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try Harness.vmaspec(["review", "--no-run", "--json", "--root", root.path])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows[0]["id"] as? String == "kent-naming")
        #expect(rows[0]["freshness"] as? String == "unrecorded")
        #expect(rows[0]["renames"] as? [String: String] == ["vma_mark_locked": "vma_write_lock"])
        #expect(rows[0]["replacedChunks"] as? [String] == ["lock"])
    }

    @Test func diffShowsRenamesAndBothSidesWithTheirLines() throws {
        let root = try fixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try Harness.vmaspec(["review", "--diff", "kent-naming", "--root", root.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("vma_mark_locked -> vma_write_lock   (2 uses in model code; Patches/naming.md:11)"))
        #expect(outcome.stdout.contains("1: chunk lock  Spec/01-locks.md:3 -> Patches/naming.md:16"))
        #expect(outcome.stdout.contains("--- Spec/01-locks.md:4 (rfc)\n    +++ Patches/naming.md:17 (kent-naming)\n    @@ -4,1 +17,1 @@\n    -func vma_mark_locked() -> Int { 1 }\n    +func vma_write_lock() -> Int { 2 }"))
        #expect(outcome.stdout.contains("chunks changed by renames only:\n  caller  Spec/01-locks.md:7  1 line renamed"))
    }

    @Test func refreshRecordsFingerprintsAndAChangedBaseMakesItStale() throws {
        let root = try fixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let refreshed = try Harness.vmaspec(["review", "--refresh", "kent-naming", "--root", root.path])
        #expect(refreshed.stdout.contains("recorded 1 base fingerprint in Patches/naming.md"))
        let text = Harness.read(root.appendingPathComponent("Patches/naming.md"))
        let changed = zip(text.split(separator: "\n", omittingEmptySubsequences: false), Self.review.split(separator: "\n", omittingEmptySubsequences: false)).filter { $0 != $1 }
        #expect(changed.count == 1)
        #expect(changed.first?.0.hasPrefix("```swift replaces=lock base=") == true)
        #expect(try Harness.vmaspec(["review", "--no-run", "--root", root.path]).stdout.contains("  fresh  "))

        let edited = Self.chapter.replacingOccurrences(of: "{ 1 }", with: "{ 10 }")
        try Data(edited.utf8).write(to: root.appendingPathComponent("Spec/01-locks.md"))
        #expect(try Harness.vmaspec(["review", "--no-run", "--root", root.path]).stdout.contains("stale (lock)"))
        #expect(try Harness.vmaspec(["review", "--diff", "kent-naming", "--root", root.path]).stdout.contains(": STALE]"))
    }

    @Test(arguments: [
        ("base: rfc", "base: nope", "Patches/naming.md:7: error: unknown base 'nope'"),
        ("status: adopted\n", "", "Patches/naming.md:1: error: the review header lacks 'status'"),
        ("replaces=lock", "replaces=locks", "Patches/naming.md:16: error: 'replaces=locks' names no chunk in Spec/"),
        ("vma_mark_locked: vma_write_lock", "vma_mark_locked: caller", "Patches/naming.md:11: error: renaming 'vma_mark_locked' to 'caller' clashes with the existing name 'caller'"),
    ])
    func badReviewDocumentsAreRefused(old: String, new: String, message: String) throws {
        let root = try Harness.folder(["Spec/01-locks.md": Self.chapter, "Patches/naming.md": Self.review.replacingOccurrences(of: old, with: new)])
        defer { try? FileManager.default.removeItem(at: root) }
        let before = Harness.snapshot(root)
        let outcome = try Harness.vmaspec(["review", "--refresh", "kent-naming", "--root", root.path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix(message), "\(outcome.stderr)")
        #expect(Harness.snapshot(root).mapValues(\.0) == before.mapValues(\.0))
    }
}
