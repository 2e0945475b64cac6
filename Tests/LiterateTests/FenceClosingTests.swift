import Testing
@testable import Literate

/// Issue 9, items 1 and 2: a fence is closed exactly when CommonMark closes it (container ends
/// included), and lines end at `\n`, `\r\n` or a lone `\r`, numbered as cmark-gfm numbers them.
@Suite struct FenceClosingTests {
    func blocks(_ text: String) throws -> [Block] {
        try Document(path: "Spec/t.md", text: text).blocks
    }

    @Test func closerOutdentedOutOfItsListItemLeavesTheFenceOpen() {
        // Line 5 is not indented enough to stay in the list item: the item (and the fence in it)
        // ends there, and line 5 opens a new fence that would swallow the next block.
        let text = "- item\n\n  ```swift\n  let a = 1\n```\n\n```swift\nlet b = 2\n```\n"
        #expect(Fixture.error { _ = try blocks(text) }
                == "Spec/t.md:3: error: unterminated code fence (no closing fence before the end of its container)")
    }

    @Test func closerIndentedInsideItsListItemCloses() throws {
        let found = try blocks("- item\n\n  ```swift\n  let a = 1\n   ```\n\n```swift\nlet b = 2\n```\n")
        #expect(found.map(\.line) == [3, 7])
        #expect(found.map(\.code) == ["let a = 1\n", "let b = 2\n"])
    }

    @Test func overIndentedCloserOnTheLastLineIsCode() {
        #expect(Fixture.error { _ = try blocks("```swift\nlet a = 1\n    ```") }?
            .hasPrefix("Spec/t.md:1: error: unterminated code fence") == true)
        #expect(Fixture.error { _ = try blocks("```swift\nlet a = 1\n    ```\n") }?
            .hasPrefix("Spec/t.md:1: error: unterminated code fence") == true)
    }

    @Test func closerOutsideItsBlockquoteLeavesTheFenceOpen() {
        #expect(Fixture.error { _ = try blocks("> ```swift\n> let a = 1\n```\n") }?
            .hasPrefix("Spec/t.md:1: error: unterminated code fence") == true)
    }

    @Test func aNewListItemEndsTheFence() {
        #expect(Fixture.error { _ = try blocks("- ```swift\n  let a = 1\n-\n") }?
            .hasPrefix("Spec/t.md:1: error: unterminated code fence") == true)
    }

    @Test func closerInANestedContainerCloses() throws {
        let found = try blocks("> - ```swift\n>   let a = 1\n>   ```\n\nafter\n")
        #expect(found.map(\.code) == ["let a = 1\n"])
    }

    @Test func closerWithoutANewlineAtTheEndCloses() throws {
        #expect(try blocks("```swift\nlet a = 1\n```").map(\.code) == ["let a = 1\n"])
    }

    @Test func loneCarriageReturnsEndLines() throws {
        let found = try blocks("# T\r\r```swift\rlet a = 1\r```\r\r~~~text\rplain\r~~~\r")
        #expect(found.map(\.line) == [3, 7])
        #expect(found.map(\.code) == ["let a = 1\n", "plain\n"])
    }

    @Test func crlfEndsLines() throws {
        let found = try blocks("# T\r\n\r\n```swift\r\nlet a = 1\r\n```\r\n")
        #expect(found.map(\.line) == [3])
        #expect(found.map(\.code) == ["let a = 1\n"])
    }

    @Test func aStrayCarriageReturnInProseIsALineEnding() throws {
        let found = try blocks("Prose with a stray\rcarriage return.\n\n```swift\nlet a = 1\n```\n")
        #expect(found.map(\.line) == [4])
    }

    @Test func invalidUTF8CountsLinesAsCMarkDoes() {
        let bytes: [UInt8] = Array("one\rtwo\r\nthree\n".utf8) + [0xFF]
        #expect(Fixture.error { _ = try SourceReader.utf8(bytes, path: "Spec/bad.md") }
                == "Spec/bad.md:4: error: invalid UTF-8 (byte 16 of the file)")
    }
}

@Suite struct SourceLinesTests {
    @Test func linesEndAtEveryKindOfEnding() {
        let lines = SourceLines.split("a\rb\r\nc\nd")
        #expect(lines.map(\.text) == ["a", "b", "c", "d"])
        #expect(lines.map(\.ending) == ["\r", "\r\n", "\n", ""])
        #expect(SourceLines.join(lines) == "a\rb\r\nc\nd")
    }

    @Test func startsAndLineNumbers() {
        let bytes = Array("a\rb\r\nc\n".utf8)
        #expect(SourceLines.starts(bytes) == [0, 2, 5])
        #expect([0, 1, 2, 3, 4, 5].map { SourceLines.lineNumber(ofByte: $0, in: bytes) } == [1, 1, 2, 2, 2, 3])
    }

    @Test func countsAndNormalizes() {
        #expect(SourceLines.endingCount("a\r\nb\rc\n") == 3)
        #expect(SourceLines.normalized("a\r\nb\rc\n") == "a\nb\nc\n")
        #expect(SourceLines.normalized("x") == "x")
    }
}
