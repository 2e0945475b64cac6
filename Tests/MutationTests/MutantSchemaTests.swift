import Foundation
import Testing
@testable import Literate
@testable import Mutation

/// A variant's mutants: named by chunk, operator and ordinal, located on their Markdown line,
/// renamed with the variant, and declared equivalent by a block or by a review header.
@Suite struct MutantSchemaTests {
    static let chapter = """
    # A chapter

    ```swift chunk=lock equivalent=remove-assert.1
    func vma_mark_locked(_ v: Int) {}
    func mmap_assert_write_locked(_ v: Int) {}

    func writer(_ v: Int) {
        mmap_assert_write_locked(v)
        vma_mark_locked(v)
        vma_mark_locked(v + 1)
    }
    ```
    """

    static func review(_ extra: String = "") -> String {
        """
        ```review
        id: naming
        title: A review point
        reviewer: Kent Overstreet
        date: 2022-09-01
        source: <20220901205819.emxnnschszqv4ahy@moria.home.lan>
        base: rfc
        status: answered
        upstream: renamed in v2
        renames:
          vma_mark_locked: vma_write_lock
        \(extra)
        ```
        """
    }

    func schema(_ variant: String, review: String = Self.review()) throws -> MutantSchema {
        let chapter = try Document(path: "Spec/a.md", text: Self.chapter)
        let naming = try Review(document: try Document(path: "Patches/naming.md", text: review))
        let project = try Project(root: URL(fileURLWithPath: "/fixture"), chapters: [chapter], reviews: [naming])
        return try MutantSchema(variant: try Variant(project: project, name: variant))
    }

    @Test func mutantsAreNamedAndLocated() throws {
        let mutants = try schema("rfc").mutants
        #expect(mutants.map(\.name) == ["lock/remove-assert.1", "lock/remove-mark.1", "lock/remove-mark.2"])
        #expect(mutants.map(\.location) == ["Spec/a.md:8", "Spec/a.md:9", "Spec/a.md:10"])
        #expect(mutants.map(\.code) == ["mmap_assert_write_locked(v)", "vma_mark_locked(v)", "vma_mark_locked(v + 1)"])
        #expect(mutants.map(\.equivalent) == [true, false, false])
    }

    @Test func renamedVariantsFindTheirOwnMarks() throws {
        let mutants = try schema("naming").mutants
        #expect(mutants.map(\.code) == ["mmap_assert_write_locked(v)", "vma_write_lock(v)", "vma_write_lock(v + 1)"])
    }

    @Test func aReviewHeaderDeclaresEquivalenceForItsVariant() throws {
        let declared = Self.review("equivalent:\n  - lock/remove-mark.2")
        #expect(try schema("naming", review: declared).mutants.map(\.equivalent) == [true, false, true])
        #expect(try schema("rfc", review: declared).mutants.map(\.equivalent) == [true, false, false])
        let stale = Self.review("equivalent:\n  - lock/remove-mark.9")
        #expect(Fixture.error { _ = try schema("naming", review: stale) } == "Patches/naming.md:12: error: 'equivalent' names no mutant 'lock/remove-mark.9' of variant 'naming'")
    }

    @Test func theSchemaSwitchesEachSiteAndKeepsTheLines() throws {
        let schema = try schema("rfc")
        let model = try #require(schema.files().first { $0.path == "cha.swift" }).contents
        #expect(model.contains("    if !__mutant(0) { mmap_assert_write_locked(v) }\n    if !__mutant(1) { vma_mark_locked(v) }\n    if !__mutant(2) { vma_mark_locked(v + 1) }\n"))
        #expect(schema.files().map(\.path).suffix(2) == ["MutantSwitch.swift", "main.swift"])
    }
}

/// The message of the error `body` throws.
enum Fixture {
    static func error(_ body: () throws -> Void) -> String? {
        do { try body() } catch { return "\(error)" }
        return nil
    }
}
