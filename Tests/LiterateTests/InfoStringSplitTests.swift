import Testing
@testable import Literate

/// Issue 9, item 3: info strings split on ASCII space and tab only, in linear time.
@Suite struct InfoStringSplitTests {
    let here = SourcePosition(file: "Spec/x.md", line: 3)

    @Test(arguments: ["\u{3000}", "\u{2003}", "\u{00A0}"])
    func unicodeSpacesBelongToTheWord(space: String) throws {
        let value = try InfoString(parsing: "swift name=a\(space)b example", at: here)
        #expect(value["name"] == "a\(space)b")
        #expect(value.flags == ["example"])
        // In the language they would make a Swift block silently prose: that is an error.
        #expect(Fixture.error { _ = try InfoString(parsing: "swift\(space)chunk=a", at: here) }?
            .hasPrefix("Spec/x.md:3: error: the language 'swift\(space)chunk=a' holds U+") == true)
    }

    @Test func tabsSeparateWords() throws {
        let info = try InfoString(parsing: "swift\tchunk=a\t \texample", at: here)
        #expect(info.language == "swift")
        #expect(info["chunk"] == "a")
        #expect(info.flags == ["example"])
    }

    @Test func aBlockWithAnIdeographicSpaceAfterItsLanguageIsRefused() {
        #expect(Fixture.error { _ = try Document(path: "Spec/t.md", text: "```swift\u{3000}chunk=a\nlet a = 1\n```\n") }
                == "Spec/t.md:1: error: the language 'swift\u{3000}chunk=a' holds U+3000 (IDEOGRAPHIC SPACE), which cmark-gfm and GitHub read as part of the word: separate words with ASCII spaces or tabs")
    }

    /// 200,000 attributes: a quadratic parse takes tens of minutes; the time limit only keeps a
    /// regression from hanging the suite (the figure itself belongs to the benchmarks).
    /// A quadratic split or duplicate check would take minutes on 200,000 attributes; linear, it
    /// takes under a second. The clock runs inside the body, so time spent waiting for a thread
    /// of the test pool while other suites run does not count (a `.timeLimit` counts it).
    @Test func manyAttributesParseInLinearTime() throws {
        let count = 200_000
        let text = "swift " + (0..<count).map { "k\($0)=v" }.joined(separator: " ") + " f1 f2"
        var info: InfoString?
        let elapsed = try ContinuousClock().measure { info = try InfoString(parsing: text, at: here) }
        #expect(elapsed < .seconds(30), "200,000 attributes took \(elapsed): not linear")
        #expect(info?.attributes.count == count)
        #expect(info?.flags == ["f1", "f2"])
        let repeated = "swift " + (0..<count).map { "k\($0)=v" }.joined(separator: " ") + " k7=w"
        #expect(throws: LiterateError(here, "attribute 'k7' given twice")) { try InfoString(parsing: repeated, at: here) }
    }
}
