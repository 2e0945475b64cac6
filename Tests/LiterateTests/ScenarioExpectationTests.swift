import Testing
@testable import Literate

/// A scenario's expectation per variant: `fails=` names the variants where a bug is real, and
/// `failure=` pins the kind of failure.
@Suite struct ScenarioExpectationTests {
    static let chapter = """
    # A chapter

    ```swift chunk=lock
    func vma_mark_locked() -> Int { 1 }
    ```

    ```swift scenario name=race expect=pass fails=rfc failure=useAfterFree bound=1
    scenario.thread("t") {}
    ```
    """

    func project(_ chapter: String = Self.chapter) throws -> Project {
        try Fixture.project([("Spec/a.md", chapter), ("Patches/naming.md", Fixture.review(id: "naming"))])
    }

    @Test func failsAndFailureAreParsed() throws {
        let block = try project().chapters[0].blocks[1]
        guard case .scenario(let scenario) = block.role else { Issue.record("not a scenario"); return }
        #expect(scenario.failsOn == ["rfc"] && scenario.failure == "useAfterFree")
        #expect(try project().expectsFailure(scenario, in: "rfc"))
        #expect(try !project().expectsFailure(scenario, in: "naming"))
    }

    @Test func eachVariantIsTangledWithItsOwnExpectation() throws {
        let project = try project()
        let rfc = Tangler(variant: try Variant(project: project, name: "rfc")).modelSource(project.chapters[0])
        let naming = Tangler(variant: try Variant(project: project, name: "naming")).modelSource(project.chapters[0])
        #expect(rfc.contains("name: \"race\", expect: .fail, expectedFailure: .useAfterFree"))
        #expect(naming.contains("name: \"race\", expect: .pass, expectedFailure: .useAfterFree"))
    }

    @Test func failsNeedsAPassingScenario() {
        let text = "```swift scenario name=x expect=fail fails=rfc\n```\n"
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", text)]) }
                == "Spec/a.md:1: error: 'fails' lists where a passing scenario fails; scenario 'x' already has 'expect=fail'")
    }

    @Test func failureMustBeAKnownKindOfAScenarioThatCanFail() {
        let unknown = "```swift scenario name=x expect=fail failure=crash\n```\n"
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", unknown)]) }?
            .hasPrefix("Spec/a.md:1: error: 'failure' must be one of assertion, invariant") == true)
        let neverFails = "```swift scenario name=x expect=pass failure=invariant\n```\n"
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", neverFails)]) }
                == "Spec/a.md:1: error: 'failure=invariant' needs 'expect=fail', 'fails=VARIANTS' or 'fixed-by=VARIANT': scenario 'x' never fails")
    }

    @Test func failsNamesKnownVariants() {
        let text = "```swift scenario name=x expect=pass fails=rfc,nope\n```\n"
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", text)]) }
                == "Spec/a.md:1: error: unknown variant 'nope' (known: rfc)")
    }

    @Test func aReviewScenarioCannotReuseASpecName() {
        let review = Fixture.review(id: "naming", body: "```swift scenario name=race expect=pass\n```\n")
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", Self.chapter), ("Patches/naming.md", review)]) }
                == "Patches/naming.md:13: error: duplicate scenario 'race' (first defined at Spec/a.md:7)")
    }

    @Test func memoryIsTangledIntoTheDefinition() throws {
        let chapter = Self.chapter.replacingOccurrences(of: "bound=1", with: "bound=1 memory=weak")
        let project = try project(chapter)
        let rfc = Tangler(variant: try Variant(project: project, name: "rfc")).modelSource(project.chapters[0])
        #expect(rfc.contains("sampling: nil, memory: .weak, file:"))
        let plain = Tangler(variant: try Variant(project: project, name: "rfc")).modelSource(try self.project().chapters[0])
        #expect(plain.contains("sampling: nil, memory: nil, file:"))
    }

    @Test func memoryMustBeAModelTheExplorerHas() {
        let text = "```swift scenario name=x expect=pass memory=tso\n```\n"
        #expect(Fixture.error { _ = try Fixture.project([("Spec/a.md", text)]) }
                == "Spec/a.md:1: error: 'memory' must be one of sc, hb, weak, not 'tso'")
    }

    @Test func dataRaceIsAFailureKindAScenarioCanPin() throws {
        let text = "```swift scenario name=x expect=fail failure=dataRace memory=hb\n```\n"
        let block = try Fixture.project([("Spec/a.md", text)]).chapters[0].blocks[0]
        guard case .scenario(let scenario) = block.role else { Issue.record("not a scenario"); return }
        #expect(scenario.failure == "dataRace" && scenario.memory == "hb")
    }
}
