import ArgumentParser
import Foundation
import Literate

/// `vmaspec review`: one row per review point — status, variant built, tests, explorer, staleness,
/// upstream outcome. `--diff ID` shows a variant against its base; `--refresh ID` records fingerprints.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Track the review: each review point's variant, its tests and explorer verdicts, staleness, upstream outcome.",
        discussion: "Exit status 1 when any review variant fails to build or fails a test or scenario."
    )

    @OptionGroup var spec: SpecOptions

    @Flag(help: "Print JSON for tools.")
    var json = false

    @Option(help: "Show the chunk-level difference between review ID's variant and its base (range-diff style).")
    var diff: String?

    @Option(help: "Record the base fingerprints of review ID's replaced chunks, after a reviewer looked again.")
    var refresh: String?

    @Option(help: "Read test results from this JUnit XML (from `swift test --xunit-output`) instead of running the tests.")
    var results: String?

    @Flag(help: "Do not build or test; show what the documents and the explorer say.")
    var noRun = false

    func run() throws {
        let project = try reportingBadInput { try spec.project() }
        if let id = refresh { return try refreshFingerprints(id, project) }
        if let id = diff {
            let review = try reportingBadInput { try Self.review(id, in: project) }
            print(try reportingBadInput { try ReviewDiff.render(review, project: project) }, terminator: "")
            return
        }
        let rows = try tableRows(project)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        } else {
            print(ReviewTable.render(rows), terminator: "")
        }
        if rows.contains(where: \.failed) { throw ExitStatus.checkFailed }
    }

    /// The document of review point (or must-fail variant) `id`.
    static func review(_ id: String, in project: Project) throws -> Review {
        guard let review = project.review(id: id) else {
            let known = project.reviews.map(\.header.id).joined(separator: ", ")
            throw LiterateErrorBridge.badArgument("no review point '\(id)' (known: \(known))")
        }
        return review
    }

    func refreshFingerprints(_ id: String, _ project: Project) throws {
        let review = try reportingBadInput { try Self.review(id, in: project) }
        let text = try reportingBadInput { try project.refreshedText(of: review) }
        let wrote = try OutputWriter.write(text, to: project.root.appendingPathComponent(review.document.path))
        let count = review.replacements.count
        print(wrote ? "recorded \(count) base fingerprint\(count == 1 ? "" : "s") in \(review.document.path)"
                    : "\(review.document.path) already records today's fingerprints")
    }

    func tableRows(_ project: Project) throws -> [ReviewRow] {
        let reviews = project.reviews.filter { $0.header.kind == .review }
        let runner = ReviewRunner(root: project.root)
        var builds: [String: String] = [:]
        var testResults: TestResults?
        if let results {
            do {
                testResults = try TestResults.load(URL(fileURLWithPath: results))
            } catch let error as ReviewError {
                throw badArgument(error.description)
            }
        } else if !noRun {
            for review in reviews {
                let module = variantRegistry.first { $0.name == review.header.id }?.module
                builds[review.header.id] = module.map { runner.build(target: $0) ? "built" : "failed" } ?? "no target"
            }
            testResults = runner.test()
        }
        return try reviews.map { review in
            let entry = variantRegistry.first { $0.name == review.header.id }
            let tested = testResults?.ran("Variant_" + SwiftNames.identifier(review.header.id)) == true
            let build = builds[review.header.id] ?? (entry == nil ? "no target" : tested ? "built" : "not built")
            return try ReviewRow(review: review, project: project, build: build,
                                 results: testResults, entry: entry)
        }
    }
}

/// Builds and tests the package in a child `swift` process, as a reviewer would by hand.
struct ReviewRunner {
    var root: URL

    func swift(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift"] + arguments
        process.currentDirectoryURL = root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    func build(target: String) -> Bool {
        FileHandle.standardError.write(Data("building \(target)…\n".utf8))
        return swift(["build", "--target", target]) == 0
    }

    /// Runs the whole suite once and reads its JUnit report; nil when the tests do not build.
    func test() -> TestResults? {
        FileHandle.standardError.write(Data("running the tests…\n".utf8))
        let report = root.appendingPathComponent(".build/vmaspec-review.xml")
        guard swift(["build", "--build-tests"]) == 0 else { return nil }
        _ = swift(["test", "--skip-build", "--disable-xctest", "--xunit-output", report.path])
        return try? TestResults.load(report)
    }
}

/// The tracker's table for people (`--json` has every field in full).
enum ReviewTable {
    static func clipped(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    static func render(_ rows: [ReviewRow]) -> String {
        let header = ["id", "reviewer", "status", "variant", "shared", "own tests", "spec tests", "examples", "explorer", "base", "upstream"]
        let lines = rows.map { row in
            [row.id, clipped(row.reviewer, 24), row.status, row.build, row.sharedSuite?.text ?? "-", row.variantTests?.text ?? "-",
             row.specTests?.text ?? "-", row.examples?.text ?? "-", row.scenarios?.text ?? "-",
             row.freshness + (row.staleChunks.isEmpty ? "" : " (\(row.staleChunks.joined(separator: ", ")))"),
             clipped(row.upstream, 72)]
        }
        let widths = header.indices.dropLast().map { column in ([header] + lines).map { $0[column].count }.max() ?? 0 }
        return ([header] + lines).map { cells in
            cells.enumerated().map { index, text in
                index < widths.count ? text.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0) : text
            }.joined()
        }.joined(separator: "\n") + "\n"
    }
}
