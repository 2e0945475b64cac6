import Testing
@testable import Literate

@Suite struct OutputTests {
    @Test func unifiedDiffNamesTheMarkdownLines() {
        let diff = OutputDiff.unified(expected: "a\nb\nc\n", actual: "a\nB\nc\n", expectedStart: 20)
        #expect(diff == "--- expected\n+++ actual\n@@ -20,3 +1,3 @@\n a\n-b\n+B\n c\n")
    }

    @Test func identicalTextsHaveNoHunks() {
        #expect(OutputDiff.unified(expected: "x\n", actual: "x\n") == "--- expected\n+++ actual\n")
    }

    @Test func acceptRewritesOnlyTheOutputLines() throws {
        let text = "# T\n\n```swift example\nprint(1)\n```\n\n```output\nold\nlines\n```\n\nTail text.\n"
        let rewritten = try OutputBlocks.replacing(in: text, path: "Spec/t.md", fenceLine: 7, codeLineCount: 2, with: "new\n")
        #expect(rewritten == "# T\n\n```swift example\nprint(1)\n```\n\n```output\nnew\n```\n\nTail text.\n")
    }

    @Test func acceptKeepsTheContainerPrefix() throws {
        let text = "> ```output\n> old\n> ```\n"
        #expect(try OutputBlocks.replacing(in: text, path: "Spec/t.md", fenceLine: 1, codeLineCount: 1, with: "one\n\ntwo\n")
                == "> ```output\n> one\n>\n> two\n> ```\n")
    }

    @Test func acceptRefusesOutputThatWouldCloseTheFence() {
        #expect(Fixture.error { _ = try OutputBlocks.replacing(in: "```output\nx\n```\n", path: "Spec/t.md", fenceLine: 1, codeLineCount: 1, with: "```\n") }
                == "Spec/t.md:1: error: the new output's line 1 would close the fence '```'; use a longer fence")
    }

    @Test func fingerprintIsStableAndShort() {
        #expect(Fingerprint.of("") == "cbf29ce484")
        #expect(Fingerprint.of("a") != Fingerprint.of("b"))
        #expect(Fingerprint.of("abc").count == 10)
    }
}

/// Issue 9, item 2: rewriting a file with CR or CRLF line endings keeps its lines and endings.
@Suite struct LineEndingRewriteTests {
    @Test func acceptInACRLFFile() throws {
        let text = "# T\r\n\r\n```output\r\nold\r\n```\r\ntail\r\n"
        #expect(try OutputBlocks.replacing(in: text, path: "Spec/t.md", fenceLine: 3, codeLineCount: 1, with: "new\n\n")
                == "# T\r\n\r\n```output\r\nnew\r\n\r\n```\r\ntail\r\n")
    }

    @Test func acceptInALoneCRFile() throws {
        let text = "```output\rold\rlines\r```\rtail"
        #expect(try OutputBlocks.replacing(in: text, path: "Spec/t.md", fenceLine: 1, codeLineCount: 2, with: "new\n")
                == "```output\rnew\r```\rtail")
    }

    @Test func refreshInALoneCRFile() throws {
        let review = Fixture.review(id: "naming", body: "```swift replaces=lock\nfunc vma_mark_locked() -> Int { 2 }\n```\n")
            .replacingOccurrences(of: "\n", with: "\r")
        let project = try Fixture.project([("Spec/a.md", Fixture.chapter), ("Patches/naming.md", review)])
        let refreshed = try project.refreshedText(of: project.reviews[0])
        let lines = refreshed.split(separator: "\r", omittingEmptySubsequences: false)
        #expect(lines.count == review.split(separator: "\r", omittingEmptySubsequences: false).count)
        #expect(lines[12].hasPrefix("```swift replaces=lock base="))
    }

    @Test func settingBaseKeepsTabsAndIndentation() {
        #expect(Project.settingBase("abc", in: "  ```swift\treplaces=x") == "  ```swift\treplaces=x base=abc")
        #expect(Project.settingBase("abc", in: "```swift replaces=x\tbase=old") == "```swift replaces=x\tbase=abc")
    }
}
