import Testing
@testable import Literate

/// Reviews as change files over the spec: replacements, renames, chains and staleness.
@Suite struct VariantTests {
    let naming = Fixture.review(id: "naming", extra: "renames:\n  vma_mark_locked: vma_write_lock",
                                body: "```swift replaces=lock\nfunc vma_mark_locked() -> Int { 2 }\n```\n")

    func project(_ extra: [(String, String)] = []) throws -> Project {
        try Fixture.project([("Spec/a.md", Fixture.chapter), ("Patches/naming.md", naming)] + extra,
                            configurations: ["rfc-nopvl": "rfc"])
    }

    @Test func baseVariantIsTheSpecAsWritten() throws {
        let variant = try Variant(project: try project(), name: "rfc")
        let blocks = variant.modelBlocks(in: try project().chapters[0])
        #expect(blocks.map(\.code) == ["func vma_mark_locked() -> Int { 1 }\n", "func caller() -> Int { vma_mark_locked() + 1 }\n"])
        #expect(blocks.map(\.source.file) == ["Spec/a.md", "Spec/a.md"])
    }

    @Test func configurationsTangleAsTheirSource() throws {
        let project = try project()
        let nopvl = Tangler(variant: try Variant(project: project, name: "rfc-nopvl")).modelSource(project.chapters[0])
        let rfc = Tangler(variant: try Variant(project: project, name: "rfc")).modelSource(project.chapters[0])
        #expect(nopvl.replacingOccurrences(of: "rfc-nopvl", with: "rfc") == rfc)
    }

    @Test func replacementAndRenameApplyToAllCode() throws {
        let project = try project()
        let variant = try Variant(project: project, name: "naming")
        let blocks = variant.modelBlocks(in: project.chapters[0])
        #expect(blocks.map(\.code) == ["func vma_write_lock() -> Int { 2 }\n", "func caller() -> Int { vma_write_lock() + 1 }\n"])
        #expect(blocks[0].source.file == "Patches/naming.md")
        #expect(blocks[0].source.line == 14)
        #expect(!variant.allCodeWords().contains("vma_mark_locked"))
    }

    @Test func renamedSourceNamesTheReviewLine() throws {
        let project = try project()
        let source = Tangler(variant: try Variant(project: project, name: "naming")).modelSource(project.chapters[0])
        #expect(source.contains("#sourceLocation(file: \"Patches/naming.md\", line: 15)\nfunc vma_write_lock() -> Int { 2 }\n#sourceLocation()"))
        #expect(source.contains("#sourceLocation(file: \"Spec/a.md\", line: 10)\nfunc caller() -> Int { vma_write_lock() + 1 }\n"))
    }

    @Test func chainsApplyInOrderAndTheLastReplacementWins() throws {
        let upstream = Fixture.review(id: "upstream", base: "naming", extra: "renames:\n  vma_write_lock: vma_start_write",
                                      body: "```swift replaces=lock\nfunc vma_write_lock() -> Int { 3 }\n```\n")
        let project = try project([("Patches/upstream.md", upstream)])
        let variant = try Variant(project: project, name: "upstream")
        #expect(variant.chain.map(\.header.id) == ["naming", "upstream"])
        #expect(variant.chunkText("lock") == "func vma_start_write() -> Int { 3 }\n")
        #expect(variant.modelBlocks(in: project.chapters[0])[1].code == "func caller() -> Int { vma_start_write() + 1 }\n")
    }

    @Test func fingerprintsMarkStaleReplacements() throws {
        let project = try project()
        let review = try #require(project.review(id: "naming"))
        let statuses = try project.replacementStatuses(of: review)
        #expect(statuses.count == 1)
        #expect(statuses[0].recorded == nil)
        #expect(!statuses[0].isFresh)
        #expect(statuses[0].current == Fingerprint.of("func vma_mark_locked() -> Int { 1 }\n"))

        let refreshed = try project.refreshedText(of: review)
        #expect(refreshed == naming.replacingOccurrences(of: "```swift replaces=lock", with: "```swift replaces=lock base=\(statuses[0].current)"))
        let fresh = try Fixture.project([("Spec/a.md", Fixture.chapter), ("Patches/naming.md", refreshed)])
        #expect(try fresh.replacementStatuses(of: fresh.reviews[0]).allSatisfy(\.isFresh))

        let edited = Fixture.chapter.replacingOccurrences(of: "{ 1 }", with: "{ 10 }")
        let stale = try Fixture.project([("Spec/a.md", edited), ("Patches/naming.md", refreshed)])
        #expect(try stale.replacementStatuses(of: stale.reviews[0]).allSatisfy { !$0.isFresh })
    }

    @Test func reviewTestsBelongToTheirOwnVariant() throws {
        let body = "```swift test\n@Test func renamed() {}\n```\n"
        let review = Fixture.review(id: "naming", extra: "renames:\n  vma_mark_locked: vma_write_lock", body: body)
        let project = try Fixture.project([("Spec/a.md", Fixture.chapter), ("Patches/naming.md", review)])
        let document = project.reviews[0].document
        let isTest: (Block.Role) -> Bool = { if case .test = $0 { true } else { false } }
        #expect(try Variant(project: project, name: "naming").blocks(in: document, where: isTest).count == 1)
        #expect(try Variant(project: project, name: "rfc").blocks(in: document, where: isTest).isEmpty)
    }

    @Test func variantFiltersKeepOrLeaveOut() throws {
        let text = "```swift test variants=rfc-nopvl\n```\n\n```swift example variants=!rfc-nopvl\n```\n\n```output\n```\n"
        let project = try Fixture.project([("Spec/a.md", text)], configurations: ["rfc-nopvl": "rfc"])
        let kinds: (Block.Role) -> Bool = { if case .output = $0 { false } else { true } }
        let rfc = try Variant(project: project, name: "rfc").blocks(in: project.chapters[0], where: kinds)
        let nopvl = try Variant(project: project, name: "rfc-nopvl").blocks(in: project.chapters[0], where: kinds)
        #expect(rfc.map(\.source.line) == [4])
        #expect(nopvl.map(\.source.line) == [1])
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", "```swift test variants=rfc,!rfc-nopvl\n```\n")], configurations: ["rfc-nopvl": "rfc"]) }
                == "Spec/a.md:1: error: 'variants' lists names to keep or, with '!', names to leave out, not both")
    }

    @Test func renamerReplacesWholeIdentifiersOnly() {
        let table = ["vma_mark_locked": "vma_write_lock", "a": "b", "b": "a"]
        #expect(Renamer.apply(table, to: "vma_mark_locked(x); vma_mark_locked_all(); xvma_mark_locked; \"vma_mark_locked\" a+b")
                == "vma_write_lock(x); vma_mark_locked_all(); xvma_mark_locked; \"vma_write_lock\" b+a")
    }
}
