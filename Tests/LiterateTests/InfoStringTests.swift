import Testing
@testable import Literate

@Suite struct InfoStringTests {
    let here = SourcePosition(file: "Spec/x.md", line: 7)

    @Test func languageThenAttributesAndFlags() throws {
        let info = try InfoString(parsing: "swift chunk=vma-read-trylock name=\"two words\" example", at: here)
        #expect(info.language == "swift")
        #expect(info["chunk"] == "vma-read-trylock")
        #expect(info["name"] == "two words")
        #expect(info.flags == ["example"])
    }

    @Test(arguments: [
        ("swift chunk=a chunk=b", "attribute 'chunk' given twice"),
        ("swift name=\"open", "unterminated quoted value of 'name'"),
        ("swift =x", "an attribute needs a key before '='"),
        ("swift chunk=", "attribute 'chunk' has an empty value"),
        ("swift name=\"a\"b", "attribute 'name' needs a space after its closing quote"),
        ("chunk=a", "the info string must start with a language, not 'chunk=a'"),
    ])
    func malformed(text: String, message: String) {
        #expect(throws: LiterateError(here, message)) { try InfoString(parsing: text, at: here) }
    }
}
