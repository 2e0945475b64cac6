import Foundation
import Testing

@Suite struct TangleCLITests {
    static let broken = """
    # A broken chapter

    Prose first.

    ```swift chunk=broken
    func answer() -> Int {
        let text: Int = "forty-two"
        return text
    }
    ```
    """

    @Test func blocksJSONHasExactlyTheDocumentedKeys() throws {
        let root = try Harness.folder(["Spec/01-a.md": "# A\n\n```swift example name=lock\n```\n\n```output\n\n```\n\n> ~~~text\n> quoted\n> ~~~\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try Harness.vmaspec(["blocks", "--json", "--root", root.path, "Spec/01-a.md"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
        #expect(json.count == 3)
        for entry in json {
            #expect(Set(entry.keys) == ["file", "line", "info", "language", "attributes", "flags", "code"])
        }
        #expect(json.map { $0["line"] as? Int } == [3, 6, 10])
        #expect(json[0]["attributes"] as? [String: String] == ["name": "lock"])
        #expect(json[0]["flags"] as? [String] == ["example"])
        #expect(json[2]["code"] as? String == "quoted\n")
        #expect(json[2]["file"] as? String == "Spec/01-a.md")
    }

    @Test func editingOneChapterRewritesOnlyItsFiles() throws {
        let chapters = ["Spec/01-a.md": "```swift\nfunc a() {}\n```\n", "Spec/02-b.md": "```swift\nfunc b() {}\n```\n"]
        let root = try Harness.folder(chapters)
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let tangle = ["tangle", "--root", root.path, "--variant", "rfc", "--out", out.path]
        #expect(try Harness.vmaspec(tangle).status == 0)
        let first = Harness.snapshot(out)
        #expect(first.keys.sorted() == ["Catalog.swift", "ch_01_a.examples.swift", "ch_01_a.swift", "ch_02_b.examples.swift", "ch_02_b.swift"])

        let again = try Harness.vmaspec(tangle)
        #expect(again.stdout.contains("5 files, 0 changed"))

        try Data("```swift\nfunc b() { _ = 2 }\n```\n".utf8).write(to: root.appendingPathComponent("Spec/02-b.md"))
        let edited = try Harness.vmaspec(tangle)
        #expect(edited.stdout.contains("5 files, 1 changed"))
        #expect(edited.stdout.contains("wrote ch_02_b.swift"))
        let second = Harness.snapshot(out)
        for path in ["Catalog.swift", "ch_01_a.swift", "ch_01_a.examples.swift", "ch_02_b.examples.swift"] {
            #expect(second[path]?.1 == first[path]?.1, "\(path) left alone")
        }
    }

    @Test func compileErrorsNameTheMarkdownLineAndColumn() throws {
        let root = try Harness.folder(["Spec/99-broken.md": Self.broken])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Harness.vmaspec(["tangle", "--root", root.path, "--out", root.appendingPathComponent("out").path]).status == 0)
        let outcome = try Harness.swiftc(["-typecheck", "-I", Harness.buildDirectory.appendingPathComponent("Modules").path,
                                          "out/ch_99_broken.swift"], in: root)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("Spec/99-broken.md:7:21: error: cannot convert value of type 'String' to specified type 'Int'"), "\(outcome.stderr)")
    }

    @Test func trapsNameTheMarkdownLine() throws {
        let chapter = "# Traps\n\n```swift\nfunc boom() -> Never {\n    fatalError(\"boom from the spec\")\n}\n```\n"
        let root = try Harness.folder(["Spec/98-trap.md": chapter, "main.swift": "boom()\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Harness.vmaspec(["tangle", "--root", root.path, "--out", root.appendingPathComponent("out").path]).status == 0)
        let sched = Harness.buildDirectory.appendingPathComponent("Sched.build")
        let objects = try FileManager.default.contentsOfDirectory(atPath: sched.path).filter { $0.hasSuffix(".o") }
            .map { sched.appendingPathComponent($0).path }
        let build = try Harness.swiftc(["-module-name", "Traps", "-I", Harness.buildDirectory.appendingPathComponent("Modules").path,
                                        "out/ch_98_trap.swift", "main.swift", "-o", "traps"] + objects, in: root)
        #expect(build.status == 0, "\(build.stderr)")
        let run = try Harness.run(root.appendingPathComponent("traps"), [])
        #expect(run.status != 0)
        #expect(run.stderr.contains("98-trap.md:5: Fatal error: boom from the spec"), "\(run.stderr)")
    }
}
