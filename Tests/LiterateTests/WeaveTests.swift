import Testing
@testable import Literate

/// The book: a variant's chapters read with its renames, replaced chunks beside their base text,
/// and nothing the author wrote let through as raw HTML.
@Suite struct WeaveTests {
    let review = Fixture.review(id: "naming", extra: "renames:\n  vma_mark_locked: vma_write_lock",
                                body: "```swift replaces=lock\nfunc vma_write_lock() -> Int { 2 }\n```\n")

    func project() throws -> Project {
        try Fixture.project([("Spec/a.md", Fixture.chapter + "\n\n<script>alert(1)</script>\n"), ("Patches/naming.md", review)])
    }

    @Test func renamedVariantHasNoOldNameInProseOrCode() throws {
        let project = try project()
        let html = try Weaver(variant: try Variant(project: project, name: "naming")).html(project.chapters[0])
        // The old name may stand only in the base text shown beside the replaced chunk.
        let base = try #require(html.range(of: "<code class=\"language-swift-base\">"))
        let baseEnd = try #require(html.range(of: "</code>", range: base.upperBound..<html.endIndex))
        #expect(!html.replacingCharacters(in: base.lowerBound..<baseEnd.upperBound, with: "").contains("vma_mark_locked"))
        #expect(html.contains("<code>vma_write_lock</code>"))
        #expect(html.contains("vma_write_lock() + 1"))
    }

    @Test func replacedChunkShowsBothTextsWithTheirSources() throws {
        let project = try project()
        let html = try Weaver(variant: try Variant(project: project, name: "naming")).html(project.chapters[0])
        #expect(html.contains("<em>Chunk lock as review naming rewrites it (Patches/naming.md:14):</em>"))
        #expect(html.contains("<code class=\"language-swift-replacement\">func vma_write_lock() -&gt; Int { 2 }"))
        #expect(html.contains("<em>The text it replaces (Spec/a.md:3):</em>"))
        #expect(html.contains("<code class=\"language-swift-base\">func vma_mark_locked() -&gt; Int { 1 }"))
    }

    @Test func baseVariantKeepsTheSpecAsWritten() throws {
        let project = try project()
        let html = try Weaver(variant: try Variant(project: project, name: "rfc")).html(project.chapters[0])
        #expect(html.contains("<code>vma_mark_locked</code>"))
        #expect(!html.contains("replacement"))
    }

    @Test func rawHTMLIsNotPassedThrough() throws {
        let project = try project()
        let pages = try Book(project: project).pages()
        for (path, contents) in pages where path.hasSuffix(".html") {
            #expect(!contents.contains("<script>"), "\(path)")
        }
        #expect(pages.map(\.path).contains("naming/a.html"))
        #expect(pages.map(\.path).contains("review/naming.html"))
    }

    @Test func headingCodeSpansBecomeCode() {
        #expect(Book.inline("1. One `mmap_lock` <for> all") == "1. One <code>mmap_lock</code> &lt;for&gt; all")
        #expect(Book.inline("odd ` tick") == "odd ` tick")
    }

    @Test func ownTextIsEscaped() {
        #expect(Book.escape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
    }
}
