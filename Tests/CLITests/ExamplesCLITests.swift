import Foundation
import Testing

/// The doctest loop on a copy of the real spec: a changed output block fails with a diff at its
/// line; `--accept` puts the real output back and leaves every other byte as it was.
@Suite struct ExamplesCLITests {
    func copyOfTheSpec() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vmaspec-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["Spec", "Patches"] where FileManager.default.fileExists(atPath: Harness.packageRoot.appendingPathComponent(folder).path) {
            try FileManager.default.copyItem(at: Harness.packageRoot.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        return root
    }

    @Test func theSpecsExamplesPass() throws {
        let outcome = try Harness.vmaspec(["examples", "--root", Harness.packageRoot.path])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains(" passed, 0 failed"))
    }

    @Test func aChangedOutputFailsWithADiffThenAcceptRestoresIt() throws {
        let root = try copyOfTheSpec()
        defer { try? FileManager.default.removeItem(at: root) }
        let chapter = root.appendingPathComponent("Spec/00-the-problem.md")
        let original = Harness.read(chapter)
        let broken = original.replacingOccurrences(of: "rw- writable\n", with: "rw- read-only\n")
        #expect(broken != original)
        try Data(broken.utf8).write(to: chapter)

        // The example's fence and its output block's fence, as lines of the chapter.
        let lines = original.components(separatedBy: "\n")
        let example = try #require(lines.firstIndex { $0.hasPrefix("```swift example name=prot-strings") }) + 1
        let output = try #require(lines[example...].firstIndex { $0 == "```output" }) + 1
        let failing = try Harness.vmaspec(["examples", "--root", root.path, "--variant", "rfc"])
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("Spec/00-the-problem.md:\(example): example 'prot-strings' (rfc): output differs from the output block at Spec/00-the-problem.md:\(output)"), "\(failing.stdout)")
        #expect(failing.stdout.contains("@@ -\(output + 1),5 +1,5 @@\n --- read-only\n r-- read-only\n-rw- read-only\n+rw- writable\n"), "\(failing.stdout)")

        let accepted = try Harness.vmaspec(["examples", "--root", root.path, "--variant", "rfc", "--accept"])
        #expect(accepted.status == 0)
        #expect(accepted.stdout.contains("accepted 1 output block"))
        #expect(Harness.read(chapter) == original)
        #expect(try Harness.vmaspec(["examples", "--root", root.path, "--variant", "rfc"]).status == 0)
    }
}
