import Foundation
import Testing

/// Each bad input of DESIGN.md section 8 through the CLI: one `file:line` message, exit status 2,
/// and nothing written or changed.
@Suite struct BadInputCLITests {
    static let review = """
    ```review
    id: naming
    title: Name the lock after what it does
    reviewer: Kent Overstreet
    date: 2022-09-01
    source: <20220901205819.emxnnschszqv4ahy@moria.home.lan>
    base: BASE
    status: answered
    upstream: renamed
    RENAMES
    ```

    BODY
    """

    static let chapter = "# C\n\n```swift chunk=lock\nfunc vma_mark_locked() {}\n```\n\n```swift\nfunc other() {}\n```\n"

    static func review(base: String = "rfc", renames: String = "", body: String = "") -> String {
        review.replacingOccurrences(of: "BASE", with: base).replacingOccurrences(of: "RENAMES", with: renames)
            .replacingOccurrences(of: "BODY", with: body)
    }

    static let cases: [(name: String, files: [String: String], message: String)] = [
        ("unterminated fence", ["Spec/01-c.md": "# C\n\n```swift\nlet a = 1\n"],
         "Spec/01-c.md:3: error: unterminated code fence"),
        ("unknown attribute", ["Spec/01-c.md": "```swift chunk=a colour=red\n```\n"],
         "Spec/01-c.md:1: error: unknown attribute 'colour'"),
        ("duplicate chunk", ["Spec/01-c.md": chapter, "Spec/02-d.md": "\n```swift chunk=lock\n```\n"],
         "Spec/02-d.md:2: error: duplicate chunk 'lock' (first defined at Spec/01-c.md:3)"),
        ("replaces of a missing chunk", ["Spec/01-c.md": chapter, "Patches/naming.md": review(body: "```swift replaces=nope\n```")],
         "Patches/naming.md:13: error: 'replaces=nope' names no chunk in Spec/"),
        ("unknown base", ["Spec/01-c.md": chapter, "Patches/naming.md": review(base: "rcf")],
         "Patches/naming.md:7: error: unknown base 'rcf'"),
        ("cyclic base", ["Spec/01-c.md": chapter, "Patches/naming.md": review(base: "naming")],
         "Patches/naming.md:7: error: cyclic base: naming -> naming"),
        ("clashing renames", ["Spec/01-c.md": chapter, "Patches/naming.md": review(renames: "renames:\n  vma_mark_locked: other")],
         "Patches/naming.md:11: error: renaming 'vma_mark_locked' to 'other' clashes with the existing name 'other'"),
        ("invalid UTF-8", ["Spec/01-c.md": "replaced by invalid bytes below"],
         "Spec/01-c.md:2: error: invalid UTF-8"),
        ("a path that leaves the package", ["Spec/01-c.md": "```swift example\n```\n\n```output file=../../etc/passwd\n```\n"],
         "Spec/01-c.md:4: error: path '../../etc/passwd' leaves the package"),
        ("malformed review header", ["Spec/01-c.md": chapter, "Patches/naming.md": "```review\nid: [x\n```\n"],
         "Patches/naming.md:"),
    ]

    @Test(arguments: cases.indices)
    func tangleRefusesAndWritesNothing(index: Int) throws {
        let (name, files, message) = Self.cases[index]
        let root = try Harness.folder(files.merging(["out/kept.swift": "// untouched\n"]) { a, _ in a })
        defer { try? FileManager.default.removeItem(at: root) }
        if name == "invalid UTF-8" {
            try Data("ok\n".utf8 + [0xC3, 0x28] + "\n".utf8).write(to: root.appendingPathComponent("Spec/01-c.md"))
        }
        let before = Harness.snapshot(root)
        let outcome = try Harness.vmaspec(["tangle", "--root", root.path, "--variant", "rfc", "--out", root.appendingPathComponent("out").path])
        #expect(outcome.status == 2, "\(name)")
        #expect(outcome.stderr.hasPrefix(message), "\(name): \(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1, "\(name): one message")
        let after = Harness.snapshot(root)
        #expect(after.keys.sorted() == before.keys.sorted(), "\(name): no file added or removed")
        for (path, (data, date)) in before {
            #expect(after[path]?.0 == data && after[path]?.1 == date, "\(name): \(path) unchanged")
        }
    }

    @Test func unknownVariantIsBadInput() throws {
        let outcome = try Harness.vmaspec(["examples", "--root", Harness.packageRoot.path, "--variant", "nope"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("unknown variant 'nope'"))
    }
}
