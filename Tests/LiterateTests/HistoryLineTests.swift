import Testing
@testable import Literate

/// The history line (`kind: history` documents) and where a scenario's bug lives on it
/// (`since=`, `fixed-by=`): each variant of the line is tangled with its own expectation.
@Suite struct HistoryLineTests {
    static func history(_ id: String, base: String, extra: String = "") -> String {
        Fixture.review(id: id, base: base, extra: "kind: history\n" + extra)
    }

    static func chapter(_ attributes: String) -> String {
        """
        # A chapter

        ```swift chunk=lock
        func vma_mark_locked() -> Int { 1 }
        ```

        ```swift scenario name=race expect=pass \(attributes) bound=1
        scenario.thread("t") {}
        ```
        """
    }

    /// rfc → naming → v1 → v2 → fix (a fix of v1's bug), and a side branch `no-fallback` on rfc.
    static func project(_ attributes: String) throws -> Project {
        try Fixture.project([
            ("Spec/a.md", chapter(attributes)),
            ("Patches/naming.md", Fixture.review(id: "naming")),
            ("Patches/no-fallback.md", Fixture.review(id: "no-fallback")),
            ("Patches/history/v1.md", history("v1", base: "naming")),
            ("Patches/history/v2.md", history("v2", base: "v1")),
            ("Patches/history/fix.md", history("fix", base: "v2", extra: "fixes: v1\ncommit: fb49c455323f")),
        ], configurations: ["rfc-nopvl": "rfc"])
    }

    func failing(_ project: Project) throws -> [String] {
        guard case .scenario(let scenario) = project.chapters[0].blocks[1].role else { return [] }
        return project.variantNames.filter { project.expectsFailure(scenario, in: $0) }
    }

    @Test func theLineRunsFromTheBaseToTheNewestHistoryDocument() throws {
        let project = try Self.project("fixed-by=v2")
        #expect(project.historyLine == ["rfc", "naming", "v1", "v2", "fix"])
        #expect(project.review(id: "fix")?.header.fixes == "v1")
        #expect(project.review(id: "fix")?.header.commits == ["fb49c455323f"])
    }

    @Test func aBugFailsOnTheLineUntilItsFixAndNowhereElse() throws {
        // Side branches and build configurations say their own verdict with fails=.
        #expect(try failing(Self.project("fixed-by=v2")) == ["rfc", "naming", "v1"])
        #expect(try failing(Self.project("fixed-by=v2 fails=no-fallback")) == ["rfc", "naming", "no-fallback", "v1"])
    }

    @Test func sinceStartsTheBugLater() throws {
        #expect(try failing(Self.project("since=v1 fixed-by=fix")) == ["v1", "v2"])
        #expect(try failing(Self.project("since=v2 fixed-by=none")) == ["v2", "fix"])
    }

    @Test func eachVariantIsTangledWithItsPlaceOnTheLine() throws {
        let project = try Self.project("since=v1 fixed-by=fix failure=invariant")
        let source = { (name: String) in Tangler(variant: try Variant(project: project, name: name)).modelSource(project.chapters[0]) }
        #expect(try source("naming").contains("name: \"race\", expect: .pass"))
        #expect(try source("v2").contains("name: \"race\", expect: .fail, expectedFailure: .invariant"))
        #expect(try source("fix").contains("name: \"race\", expect: .pass"))
    }

    @Test func badPlacesOnTheLineAreRefused() {
        #expect(Fixture.error { _ = try Self.project("fixed-by=no-fallback") }?
            .hasPrefix("Spec/a.md:7: error: 'fixed-by=no-fallback' names no variant of the history line (rfc → naming → v1 → v2 → fix)") == true)
        #expect(Fixture.error { _ = try Self.project("since=v2 fixed-by=v1") }
            == "Spec/a.md:7: error: 'since=v2' must name a variant before 'v1' on the history line (rfc → naming → v1 → v2 → fix)")
        #expect(Fixture.error { _ = try Self.project("since=v1") }
            == "Spec/a.md:7: error: 'since=v1' needs 'fixed-by=VARIANT' (or 'fixed-by=none'): where does the bug end?")
        #expect(Fixture.error { _ = try Self.project("fixed-by=nope") } == "Spec/a.md:7: error: unknown variant 'nope' (known: fix, naming, no-fallback, rfc, rfc-nopvl, v1, v2)")
    }

    @Test func theHistoryIsOneLine() {
        let forked = { try Fixture.project([
            ("Spec/a.md", Fixture.chapter),
            ("Patches/history/v1.md", Self.history("v1", base: "rfc")),
            ("Patches/history/v2.md", Self.history("v2", base: "rfc")),
        ]) }
        #expect(Fixture.error { _ = try forked() }
            == "Patches/history/v2.md:7: error: the history is one line, but 'v1' and 'v2' both end it: base one on the other")
    }

    @Test func fixesAndCommitsBelongToHistoryDocuments() {
        let fixesLater = { try Fixture.project([
            ("Spec/a.md", Fixture.chapter),
            ("Patches/history/v1.md", Self.history("v1", base: "rfc", extra: "fixes: v2")),
            ("Patches/history/v2.md", Self.history("v2", base: "v1")),
        ]) }
        #expect(Fixture.error { _ = try fixesLater() }
            == "Patches/history/v1.md:11: error: 'fixes' must name a variant before 'v1' on the history line (rfc → v1 → v2)")
        let badCommit = { try Fixture.project([("Spec/a.md", Fixture.chapter), ("Patches/history/v1.md", Self.history("v1", base: "rfc", extra: "commit: fb49c45"))]) }
        #expect(Fixture.error { _ = try badCommit() } == "Patches/history/v1.md:11: error: 'fb49c45' is not a commit id (12 to 40 lowercase hex digits)")
        let reviewWithCommit = { try Fixture.project([("Spec/a.md", Fixture.chapter), ("Patches/naming.md", Fixture.review(id: "naming", extra: "commit: fb49c455323f"))]) }
        #expect(Fixture.error { _ = try reviewWithCommit() } == "Patches/naming.md:10: error: 'commit' belongs to a history document ('kind: history')")
    }

    @Test func aHistoryDocumentsTestsRunOnTheLaterStepsAndPlusNamesThem() throws {
        let test = "```swift test\n@Test func t() {}\n```\n"
        let narrowed = "```swift example name=e variants=!v2+\nprint(1)\n```\n\n```output\n1\n```\n"
        let project = try Fixture.project([
            ("Spec/a.md", Fixture.chapter + "\n\n" + narrowed),
            ("Patches/naming.md", Fixture.review(id: "naming", body: test)),
            ("Patches/history/v1.md", Self.history("v1", base: "naming") + "\n\n" + test),
            ("Patches/history/v2.md", Self.history("v2", base: "v1")),
        ])
        let tests = { (name: String, path: String) in
            try Variant(project: project, name: name).blocks(in: project.review(id: path)!.document) { if case .test = $0 { true } else { false } }.count
        }
        #expect(try tests("naming", "naming") == 1)
        #expect(try tests("v1", "naming") == 0)     // a review point's tests stay its own
        #expect(try tests("v1", "v1") == 1)
        #expect(try tests("v2", "v1") == 1)         // a history step's tests stay true later
        let examples = { (name: String) in
            try Variant(project: project, name: name).blocks(in: project.chapters[0]) { if case .example = $0 { true } else { false } }.count
        }
        #expect(try [examples("rfc"), examples("naming"), examples("v1"), examples("v2")] == [1, 1, 1, 0])
    }
}
