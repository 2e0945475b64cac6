import Testing
@testable import Literate

/// Fenced code blocks are found exactly as CommonMark 0.30 (section 4.5) defines them.
@Suite struct ParsingTests {
    func blocks(_ text: String) throws -> [Block] {
        try Document(path: "Spec/t.md", text: text).blocks
    }

    @Test func backtickAndTildeFences() throws {
        let found = try blocks("```swift\nlet a = 1\n```\n\n~~~text\nplain\n~~~\n")
        #expect(found.map(\.language) == ["swift", "text"])
        #expect(found.map(\.line) == [1, 5])
        #expect(found.map(\.code) == ["let a = 1\n", "plain\n"])
    }

    @Test func closingFenceMayBeLongerButNotShorter() throws {
        let found = try blocks("````swift\n```\nstill code\n`````\nafter\n")
        #expect(found.count == 1)
        #expect(found[0].code == "```\nstill code\n")
    }

    @Test func tildeFenceInfoMayContainBackticks() throws {
        let found = try blocks("~~~ swift ignore name=`quoted`\nx\n~~~\n")
        #expect(found[0].language == "swift")
        #expect(found[0].info["name"] == "`quoted`")
    }

    @Test func backtickFenceInfoWithBackticksIsNotAFence() throws {
        // CommonMark example 145: the info string of a backtick fence may not contain backticks,
        // so this is a code span in a paragraph.
        #expect(try blocks("``` aa ```\nfoo\n").count == 0)
    }

    @Test func fencesInsideListsAndBlockquotes() throws {
        let text = "- item\n\n  ```swift\n  let inList = 1\n  ```\n\n> ```swift\n> let quoted = 2\n> ```\n"
        let found = try blocks(text)
        #expect(found.map(\.line) == [3, 7])
        #expect(found.map(\.code) == ["let inList = 1\n", "let quoted = 2\n"])
    }

    @Test func indentedCodeBlocksAreNotTangled() throws {
        #expect(try blocks("Prose.\n\n    let indented = 1\n").isEmpty)
    }

    @Test func emptyBlocks() throws {
        let found = try blocks("```swift\n```\n\n```swift\n\n```\n")
        #expect(found.map(\.code) == ["", "\n"])
    }

    @Test func fenceIndentedUpToThreeSpaces() throws {
        let found = try blocks("   ```swift\n   let a = 1\n   ```\n")
        #expect(found[0].code == "let a = 1\n")
    }

    @Test func fourSpacesMakeAnIndentedBlockNotAFence() throws {
        #expect(try blocks("    ```swift\n    x\n    ```\n").isEmpty)
    }

    @Test func unterminatedFenceIsAnError() {
        #expect(Fixture.error { _ = try blocks("# T\n\n```swift\nlet a = 1\n") }
                == "Spec/t.md:3: error: unterminated code fence (no closing fence before the end of its container)")
    }

    @Test func unterminatedFenceInsideABlockquote() {
        #expect(Fixture.error { _ = try blocks("> ```swift\n> let a = 1\n\nafter\n") }?.hasPrefix("Spec/t.md:1: error: unterminated") == true)
    }

    @Test func gfmExtensionsDoNotDisturbFences() throws {
        let text = "| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] done\n- [ ] ~~not~~ www.example.com\n\n```swift\nlet a = 1\n```\n"
        #expect(try blocks(text).map(\.line) == [8])
    }

    @Test func htmlOfTheTreeIsSafe() {
        let html = MarkdownTree("<script>alert(1)</script>\n\n[x](javascript:alert(1))\n").html()
        #expect(!html.contains("<script>"))
        #expect(!html.contains("javascript:"))
    }
}
