import ArgumentParser
import Foundation
import Synchronization
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

    @Flag(help: "Do not wrap the table to 120 columns.")
    var wide = false

    @Flag(help: "Show the series' history line instead: each step (posting, release, fix) with the scenarios that fail on it, run in worker processes (with --no-run, as the scenarios declare).")
    var history = false

    func run() throws {
        let project = try reportingBadInput { try spec.project() }
        if let id = refresh { return try refreshFingerprints(id, project) }
        if let id = diff {
            let review = try reportingBadInput { try Self.review(id, in: project) }
            print(try reportingBadInput { try ReviewDiff.render(review, project: project) }, terminator: "")
            return
        }
        if history { return try showHistory(project) }
        let rows = try tableRows(project)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        } else {
            print(ReviewTable.render(rows, width: wide ? nil : ReviewTable.defaultWidth), terminator: "")
        }
        if rows.contains(where: \.failed) { throw ExitStatus.checkFailed }
    }

    /// `--history`: the line's rows, from the explorer or from the declarations.
    func showHistory(_ project: Project) throws {
        let entries = project.historyLine.compactMap { step in variantRegistry.first { $0.name == step } }
        let checks = try noRun ? nil : Self.exploredInParallel(entries)
        let rows = HistoryRows.make(project, checks: checks)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        } else {
            print(HistoryTable.render(rows, width: wide ? nil : ReviewTable.defaultWidth), terminator: "")
        }
        if rows.contains(where: { $0.asDeclared == false }) { throw ExitStatus.checkFailed }
    }

    /// Each entry's scenarios, one worker per core at a time.
    static func exploredInParallel(_ entries: [VariantEntry]) throws -> [VariantCheck] {
        let results = Mutex([Result<VariantCheck, Error>?](repeating: nil, count: entries.count))
        DispatchQueue.concurrentPerform(iterations: entries.count) { index in
            Progress.line("\(entries[index].name): \(entries[index].scenarios.count) scenarios")
            let result = Result { try explored(entries[index]) }
            results.withLock { $0[index] = result }
        }
        return try results.withLock { $0 }.map { try $0!.get() }
    }

    /// The document of review point (or must-fail variant) `id`.
    static func review(_ id: String, in project: Project) throws -> Review {
        guard let review = project.review(id: id) else {
            let known = project.reviews.map(\.header.id).joined(separator: ", ")
            throw LiterateErrorBridge.badArgument("unknown review point '\(id)' (known: \(known))")
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
            if testResults?.counts.isEmpty == true {
                throw badArgument("'--results \(results)' holds no test of any variant: expected the JUnit XML that `swift test --xunit-output FILE` writes")
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
            let build = builds[review.header.id] ?? (entry == nil ? "no target" : tested ? "built" : testResults != nil ? "not tested" : "not built")
            // Without test results, the explorer still says what it says (in worker processes).
            let checked = try testResults == nil ? entry.map { try Self.explored($0) } : nil
            return try ReviewRow(review: review, project: project, build: build, evidence: .init(results: testResults, checked: checked))
        }
    }

    /// Every scenario of the variant at its declared settings, without building or testing.
    static func explored(_ entry: VariantEntry) throws -> VariantCheck {
        let scenarios = try Supervisor.current.scenarios(WorkerRequest(kind: .scenarios, variant: entry.name))
        return VariantCheck(name: entry.name, perVMALock: entry.perVMALock, mustFail: false, examples: [], scenarios: scenarios, seconds: 0)
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
    /// Failing tests go to standard error by Markdown line and variant (`vmaspec test-report`).
    func test() -> TestResults? {
        FileHandle.standardError.write(Data("running the tests…\n".utf8))
        let report = root.appendingPathComponent(".build/vmaspec-review.xml")
        let events = root.appendingPathComponent(".build/vmaspec-review-events.jsonl")
        guard swift(["build", "--build-tests"]) == 0 else { return nil }
        try? FileManager.default.removeItem(at: events)
        _ = swift(["test", "--skip-build", "--disable-xctest", "--xunit-output", report.path,
                   "--event-stream-output-path", events.path, "--event-stream-version", "0"])
        if let text = try? String(contentsOf: events, encoding: .utf8),
           let parsed = try? TestEvents(parsing: text, root: root, variants: TestReportCommand.namespaces) {
            FileHandle.standardError.write(Data(TestReport.render(parsed).utf8))
        }
        return try? TestResults.load(report)
    }
}
