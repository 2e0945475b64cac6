import Testing
@testable import Literate

/// DESIGN.md section 8: each bad input gets one message naming `file:line`.
@Suite struct BadInputTests {
    @Test func unknownAttribute() {
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", "text\n\n```swift chunk=a colour=red\n```\n")]) }
                == "Spec/a.md:3: error: unknown attribute 'colour' on a model block (expected: chunk, equivalent)")
    }

    @Test func unknownFlag() {
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", "```swift exmple\n```\n")]) }
                == "Spec/a.md:1: error: unknown flag 'exmple' (a swift block takes one of: example, test, scenario, ignore)")
    }

    @Test func attributesOnProseBlocks() {
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", "```c chunk=x\n```\n")]) }
                == "Spec/a.md:1: error: unknown attribute 'chunk' on a 'c' block (only swift and output blocks take attributes)")
    }

    @Test func duplicateChunk() {
        let first = "```swift chunk=lock\n```\n"
        let second = "\n\n```swift chunk=lock\n```\n"
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", first), ("Spec/b.md", second)]) }
                == "Spec/b.md:3: error: duplicate chunk 'lock' (first defined at Spec/a.md:1)")
    }

    @Test func replacesInSpecIsRejected() {
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", "```swift replaces=lock\n```\n")]) }
                == "Spec/a.md:1: error: 'replaces=lock' belongs in a review document in Patches/, not in Spec/")
    }

    @Test func replacesOfAMissingChunk() {
        let review = Fixture.review(id: "naming", body: "```swift replaces=nothing-here\n```\n")
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", Fixture.chapter), ("Patches/naming.md", review)]) }
                == "Patches/naming.md:13: error: 'replaces=nothing-here' names no chunk in Spec/")
    }

    @Test func unknownBase() {
        let review = Fixture.review(id: "naming", base: "rcf")
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", Fixture.chapter), ("Patches/naming.md", review)]) }
                == "Patches/naming.md:7: error: unknown base 'rcf' (known: rfc, naming)")
    }

    @Test func cyclicBase() {
        let a = Fixture.review(id: "first", base: "second")
        let b = Fixture.review(id: "second", base: "first")
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", Fixture.chapter), ("Patches/a.md", a), ("Patches/b.md", b)]) }
                == "Patches/a.md:7: error: cyclic base: first -> second -> first")
    }

    @Test func renameClashesWithAnExistingName() {
        let review = Fixture.review(id: "naming", extra: "renames:\n  vma_mark_locked: caller")
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", Fixture.chapter), ("Patches/naming.md", review)]) }
                == "Patches/naming.md:11: error: renaming 'vma_mark_locked' to 'caller' clashes with the existing name 'caller'")
    }

    @Test func renameOfANameTheBaseNeverUses() {
        let review = Fixture.review(id: "naming", extra: "renames:\n  vma_mark_lockd: vma_write_lock")
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", Fixture.chapter), ("Patches/naming.md", review)]) }
                == "Patches/naming.md:11: error: renames 'vma_mark_lockd', which variant 'rfc' never uses")
    }

    @Test func twoNamesRenamedToOne() {
        let review = Fixture.review(id: "naming", extra: "renames:\n  vma_mark_locked: lock_it\n  caller: lock_it")
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", Fixture.chapter), ("Patches/naming.md", review)]) }
                == "Patches/naming.md:12: error: two names are renamed to 'lock_it'")
    }

    @Test func missingReviewHeader() {
        #expect(Fixture.error { _ = try Fixture.project([("Patches/x.md", "# No header\n\n```swift\n```\n")]) }
                == "Patches/x.md:3: error: a review document must start with a 'review' block (YAML: id, title, reviewer, date, source, base, status, upstream)")
    }

    @Test func reviewHeaderLacksAKey() {
        let text = "```review\nid: x\ntitle: t\n```\n"
        #expect(Fixture.error { _ = try Fixture.project([("Patches/x.md", text)]) }
                == "Patches/x.md:1: error: the review header lacks 'reviewer'")
    }

    @Test func malformedReviewHeader() {
        let text = "```review\nid: x\ntitle: [unclosed\n```\n"
        #expect(Fixture.error { _ = try Fixture.project([("Patches/x.md", text)]) }?.hasPrefix("Patches/x.md:") == true)
    }

    @Test func unknownReviewKeyAndBadStatus() {
        let unknown = Fixture.review(id: "x", extra: "colour: red")
        #expect(Fixture.error { _ = try Fixture.project([("Patches/x.md", unknown)]) }?
            .hasPrefix("Patches/x.md:10: error: unknown key 'colour' in the review header") == true)
        let status = Fixture.review(id: "x").replacingOccurrences(of: "status: answered", with: "status: done")
        #expect(Fixture.error { _ = try Fixture.project([("Patches/x.md", status)]) }
                == "Patches/x.md:8: error: status must be one of open, answered, adopted, rejected, superseded, not 'done'")
    }

    @Test func invalidUTF8NamesItsLine() {
        let bytes: [UInt8] = Array("line one\nline two\n".utf8) + [0xFF, 0x0A]
        #expect(Fixture.error { _ = try SourceReader.utf8(bytes, path: "Spec/bad.md") }
                == "Spec/bad.md:3: error: invalid UTF-8 (byte 19 of the file)")
    }

    @Test(arguments: ["../outside.txt", "/etc/passwd", "Spec/../../x", "~/x"])
    func pathLeavingThePackage(path: String) {
        let text = "```swift example\n```\n\n```output file=\(path)\n```\n"
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", text)]) }?.hasPrefix("Spec/a.md:4: error: path '\(path)' leaves the package") == true)
    }

    @Test func exampleWithoutOutputAndOutputWithoutExample() {
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", "```swift example\n```\n")]) }
                == "Spec/a.md:1: error: example has no 'output' block after it")
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", "```output\n```\n")]) }
                == "Spec/a.md:1: error: 'output' block without a 'swift example' before it")
    }

    @Test func scenarioNeedsNameAndExpectation() {
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", "```swift scenario name=x\n```\n")]) }
                == "Spec/a.md:1: error: scenario 'x' needs 'expect=pass' or 'expect=fail'")
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", "```swift scenario name=x expect=maybe\n```\n")]) }
                == "Spec/a.md:1: error: 'expect' must be 'pass' or 'fail', not 'maybe'")
    }

    @Test func scenarioSettings() throws {
        let text = "```swift scenario name=x expect=pass pct=500 seed=7 steps=300 counterBits=2\n```\n"
        let block = try Fixture.project([("Spec/a.md", text)]).chapters[0].blocks[0]
        guard case .scenario(let s) = block.role else { Issue.record("not a scenario"); return }
        #expect(s.pct?.iterations == 500 && s.pct?.depth == 3 && s.pct?.seed == 7)
        #expect(s.steps == 300 && s.counterBits == 2 && s.bound == nil)
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", "```swift scenario name=x expect=pass bound=2 pct=5\n```\n")]) }
                == "Spec/a.md:1: error: a scenario takes 'bound' (search) or 'pct' (sampling), not both")
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", "```swift scenario name=x expect=pass seed=5\n```\n")]) }
                == "Spec/a.md:1: error: 'seed' belongs to PCT sampling: add 'pct=ITERATIONS'")
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", "```swift scenario name=x expect=pass steps=0\n```\n")]) }
                == "Spec/a.md:1: error: 'steps' must be a whole number ≥ 1, not '0'")
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", "```swift scenario name=x expect=pass counterBits=40\n```\n")]) }
                == "Spec/a.md:1: error: 'counterBits' must be between 2 and 32, not 40")
    }

    @Test func unknownVariantInAFilter() {
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", "```swift test variants=rfc,nope\n```\n")]) }
                == "Spec/a.md:1: error: unknown variant 'nope' (known: rfc)")
    }
}

/// Issue 9, items 4 and 7: review headers that would check nothing, or say a key twice.
@Suite struct ReviewHeaderTests {
    static let bug = """
    ```review
    id: bug-x
    kind: bug
    title: A bug put back
    base: rfc
    source: <x@y>
    catches: CATCHES
    ```
    """

    @Test func aBugThatNamesNoScenarioIsAnError() {
        let text = Self.bug.replacingOccurrences(of: "CATCHES", with: "[]")
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", Fixture.chapter), ("Patches/bugs/x.md", text)]) }
                == "Patches/bugs/x.md:7: error: a bug must name the scenarios that catch it ('catches: [scenario, ...]'): an empty list checks nothing")
    }

    @Test func duplicateKeysAreAnError() {
        let text = Fixture.review(id: "x", extra: "status: open")
        #expect(Fixture.error { _ = try Fixture.project([("Patches/x.md", text)]) }
                == "Patches/x.md:10: error: key 'status' given twice in the review header (first at line 8)")
    }
}
