import Foundation
import Testing

/// Issue 9, item 7: a failing `swift test` block is named by its Markdown path and line, with the
/// variant, once per variant, and a known issue is explained where it is reported.
@Suite struct TestReportCLITests {
    /// An event stream in the shape Swift Testing 6.3 writes: one block failing in every variant,
    /// one known issue in two, one failing plain Swift test.
    static func events(root: URL) -> String {
        var lines = [#"{"kind":"test","payload":{"displayName":"Spec/04-the-per-vma-lock.md","id":"SpecTests.Variant_rfc/ch_04_the_per_vma_lock","kind":"suite","name":"ch_04_the_per_vma_lock"},"version":0}"#]
        for namespace in ["Variant_rfc", "Variant_rfc_nopvl", "Variant_naming", "Variant_no_fallback", "Variant_linux_6_4_0"] {
            let id = "SpecTests.\(namespace)/ch_04_the_per_vma_lock/readerSeesTheLock()/v.tests.swift:12:2"
            lines.append(#"{"kind":"event","payload":{"kind":"testStarted","testID":"\#(id)"},"version":0}"#)
            lines.append(#"{"kind":"event","payload":{"issue":{"isKnown":false,"sourceLocation":{"_filePath":"Spec/04-the-per-vma-lock.md","column":5,"fileID":"SpecTests/04-the-per-vma-lock.md","line":57}},"kind":"issueRecorded","messages":[{"symbol":"fail","text":"Expectation failed: (seq → 1) == 2"}],"testID":"\#(id)"},"version":0}"#)
        }
        for namespace in ["Variant_rfc", "Variant_naming"] {
            let id = "SpecTests.\(namespace)/ch_00_the_problem/failuresNameTheMarkdownLine()/v.tests.swift:28:2"
            lines.append(#"{"kind":"event","payload":{"issue":{"isKnown":true,"sourceLocation":{"_filePath":"Spec/00-the-problem.md","column":9,"fileID":"SpecTests/00-the-problem.md","line":165}},"kind":"issueRecorded","messages":[{"symbol":"passWithKnownIssue","text":"Expectation failed: PAGE_ALIGNED(PAGE_SIZE + 1 → 4097)"}],"testID":"\#(id)"},"version":0}"#)
        }
        let swiftFile = root.appendingPathComponent("Tests/SchedTests/RCUTests.swift").path
        lines.append(#"{"kind":"event","payload":{"issue":{"isKnown":false,"sourceLocation":{"_filePath":"\#(swiftFile)","column":9,"fileID":"SchedTests/RCUTests.swift","line":31}},"kind":"issueRecorded","messages":[{"symbol":"fail","text":"Expectation failed: freed"}],"testID":"SchedTests.RCUTests/graceWaits()/RCUTests.swift:20:6"},"version":0}"#)
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func failuresNameTheMarkdownLineAndTheVariantOncePerVariant() throws {
        let root = try Harness.folder(["Spec/00-a.md": "# A\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("events.jsonl")
        try Data(Self.events(root: root).utf8).write(to: file)
        let outcome = try Harness.vmaspec(["test-report", "--root", root.path, file.path])
        #expect(outcome.status == 1)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        let failures = lines.filter { $0.contains(": error: ") }
        #expect(failures == ["rfc", "rfc-nopvl", "naming", "no-fallback", "linux-6.4.0"].map {
            "Spec/04-the-per-vma-lock.md:57:5: error: test readerSeesTheLock() failed on \($0): Expectation failed: (seq → 1) == 2"
        } + ["Tests/SchedTests/RCUTests.swift:31:9: error: test graceWaits() failed: Expectation failed: freed"])
        #expect(lines.contains("Spec/00-the-problem.md:165:9: note: known issue in test failuresNameTheMarkdownLine() (on rfc, naming): Expectation failed: PAGE_ALIGNED(PAGE_SIZE + 1 → 4097); the test expects it (withKnownIssue), so it does not fail the run"), "\(lines)")
        #expect(lines.last == "test report: 5 tests run, 6 failing issues, 2 known issues")
    }

    @Test func notAnEventStreamIsBadInput() throws {
        let root = try Harness.folder(["events.jsonl": "<xml/>\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try Harness.vmaspec(["test-report", "--root", root.path, root.appendingPathComponent("events.jsonl").path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("<command line>:1: error: '\(root.appendingPathComponent("events.jsonl").path)': line 1 is not a test event"))
    }
}
