import ArgumentParser
import Foundation
import Literate

/// `vmaspec test-report EVENTS`: each failing test named by its Markdown (or Swift) line and
/// its variant, once per variant, and the known issues explained, from a test run's event stream.
struct TestReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-report",
        abstract: "Name each failing test by its Markdown line and variant, and explain known issues.",
        discussion: "Reads the event stream of `swift test --event-stream-output-path FILE --event-stream-version 0` (make test writes one). Exit status 1 when a test failed.")

    @OptionGroup var spec: SpecOptions

    @Argument(help: "The event stream file.")
    var events: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: events) else { throw badArgument("cannot read test events '\(events)'") }
        let parsed: TestEvents
        do {
            parsed = try TestEvents(parsing: String(decoding: data, as: UTF8.self), root: spec.rootURL, variants: Self.namespaces)
        } catch let error as TestEventsError {
            throw badArgument("'\(events)': \(error)")
        }
        print(TestReport.render(parsed), terminator: "")
        if parsed.issues.contains(where: { !$0.isKnown }) { throw ExitStatus.checkFailed }
    }

    /// `Variant_rfc_nopvl` → `rfc-nopvl`, for every variant this binary holds.
    static var namespaces: [String: String] {
        Dictionary(variantRegistry.map { ("Variant_" + SwiftNames.identifier($0.name), $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}

enum TestReport {
    /// One `error:` line per failing test and variant; one `note:` per known issue, with its variants.
    static func render(_ events: TestEvents) -> String {
        var out = ""
        for issue in events.issues where !issue.isKnown {
            let variant = issue.variant.map { " on \($0)" } ?? ""
            out += "\(issue.location): error: test \(issue.test) failed\(variant): \(issue.message)\n"
        }
        var known: [(key: String, issue: TestEvents.Issue, variants: [String])] = []
        for issue in events.issues where issue.isKnown {
            let key = "\(issue.location) \(issue.test)"
            if let index = known.firstIndex(where: { $0.key == key }) {
                known[index].variants += issue.variant.map { [$0] } ?? []
            } else {
                known.append((key, issue, issue.variant.map { [$0] } ?? []))
            }
        }
        for entry in known {
            let variants = entry.variants.isEmpty ? "" : " (on \(entry.variants.joined(separator: ", ")))"
            out += "\(entry.issue.location): note: known issue in test \(entry.issue.test)\(variants): \(entry.issue.message); "
                + "the test expects it (withKnownIssue), so it does not fail the run\n"
        }
        let failed = events.issues.filter { !$0.isKnown }.count
        let knownCount = events.issues.count - failed
        out += "test report: \(events.testsRun) tests run, \(failed) failing issue\(failed == 1 ? "" : "s"), \(knownCount) known issue\(knownCount == 1 ? "" : "s")\n"
        return out
    }
}
