import Foundation
import Testing

/// Issue 9, items 4, 5 and 7: command-line values that would check nothing, paths that do not
/// fit, and one wording for an unknown variant; each is one message, exit status 2, nothing written.
@Suite struct ArgumentCLITests {
    func expectBadInput(_ arguments: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let outcome = try Harness.vmaspec(arguments)
        #expect(outcome.status == 2, "\(arguments): \(outcome.stdout)", sourceLocation: sourceLocation)
        #expect(outcome.stderr.hasPrefix(message), "\(arguments): \(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "\(arguments): one message", sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        ["tangle", "--variant", "nope", "--out", "/tmp/vmaspec-never-written"],
        ["examples", "--variant", "nope"],
        ["explore", "fault-vs-munmap", "--variant", "nope"],
        ["bench", "--suite", "fault", "--variant", "nope"],
    ])
    func oneWordingForAnUnknownVariant(arguments: [String]) throws {
        try expectBadInput(Array(arguments.prefix(1)) + ["--root", Harness.packageRoot.path] + arguments.dropFirst(),
                           "<command line>:1: error: unknown variant 'nope' (known: bug-free-without-grace, ")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/vmaspec-never-written"))
    }

    @Test(arguments: [["--repeats", "0"], ["--seconds", "-1"], ["--seconds", "0"], ["--scale", "0"], ["--process-scale", "0"],
                      ["--run-seconds", "0"], ["--fault-threads", "0"], ["--writer-rates=-5"], ["--writer-rates", "fast"]])
    func benchSettingsThatMeasureNothing(arguments: [String]) throws {
        try expectBadInput(["bench", "--root", Harness.packageRoot.path, "--suite", "fault"] + arguments, "<command line>:1: error: '\(arguments[0].split(separator: "=")[0])' must be ")
    }

    @Test func reviewResultsThatHoldNoTest() throws {
        try expectBadInput(["review", "--root", Harness.packageRoot.path, "--results", "/dev/null"],
                           "<command line>:1: error: '--results /dev/null' holds no test of any variant")
    }

    @Test(arguments: ["tangle", "weave", "check", "blocks"])
    func aRootThatIsNoFolder(verb: String) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("vmaspec-root-\(UUID().uuidString)")
        let extra = verb == "blocks" ? ["Spec/00-the-problem.md"] : verb == "check" ? ["--site", out.path] : ["--out", out.path]
        try expectBadInput([verb, "--root", "/nonexistent"] + extra, "<command line>:1: error: '--root /nonexistent' is not a folder")
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing written")
    }

    @Test(arguments: ["tangle", "weave", "check"])
    func aRootWithoutSpec(verb: String) throws {
        let root = try Harness.folder(["README.md": "not a package\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let before = Harness.snapshot(root)
        try expectBadInput([verb, "--root", root.path] + (verb == "check" ? ["--site", root.appendingPathComponent("site").path] : ["--out", root.appendingPathComponent("out").path]),
                           "<command line>:1: error: '--root \(root.path)' holds no Spec/ folder")
        #expect(Harness.snapshot(root).keys.sorted() == before.keys.sorted())
    }

    @Test(arguments: ["tangle", "weave"])
    func anOutThatIsAFile(verb: String) throws {
        let root = try Harness.folder(["Spec/01-a.md": "```swift\nfunc a() {}\n```\n", "taken": "a file\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("taken")
        try expectBadInput([verb, "--root", root.path, "--out", file.path], "<command line>:1: error: '--out \(file.path)' is a file, not a folder")
        #expect(Harness.read(file) == "a file\n")
    }

    /// The book draws `Benchmarks/kernel-figures.json`; a broken one stops weave before it writes.
    @Test func brokenKernelFiguresStopWeave() throws {
        let root = try Harness.folder(["Spec/01-a.md": "# A\n\n```swift\nfunc a() {}\n```\n",
                                       "Benchmarks/kernel-figures.json": "{\"kernel\": {\"seconds\": 0.5}}\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("site")
        try expectBadInput(["weave", "--root", root.path, "--out", out.path],
                           "Benchmarks/kernel-figures.json:1: error: not the JSON of `vmaspec bench --kernel --json`: kernel.rounds is missing")
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing written")
    }

    @Test func benchJSONIntoAFolder() throws {
        try expectBadInput(["bench", "--root", Harness.packageRoot.path, "--suite", "fault", "--json", "/tmp"],
                           "<command line>:1: error: '--json /tmp' is a folder, not a file")
    }

    /// A review document that no target builds would never be checked: `check` refuses it at the
    /// document's id line, with the line Package.swift lacks.
    @Test func aReviewWithoutATargetIsBadInput() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vmaspec-target-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["Spec", "Patches"] {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Harness.packageRoot.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        let naming = Harness.read(root.appendingPathComponent("Patches/naming.md"))
        let header = naming.components(separatedBy: "```\n")[0] + "```\n"
        try Data(header.replacingOccurrences(of: "id: naming", with: "id: extra-point").utf8)
            .write(to: root.appendingPathComponent("Patches/extra-point.md"))
        try expectBadInput(["check", "--root", root.path, "--site", root.appendingPathComponent("site").path],
                           "Patches/extra-point.md:2: error: 'extra-point' has no variant target, so nothing would check it: add `Variant(name: \"extra-point\", module: \"VMALockExtraPoint\", defines: [\"PER_VMA_LOCK\"]),` to `variants` in Package.swift")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path))
    }
}
