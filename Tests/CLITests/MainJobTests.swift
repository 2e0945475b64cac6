import Foundation
import Literate
import Testing
@testable import vmaspec

/// Issue 9, "the main job": `make run` builds and runs `vmaspec check` once (no second run of
/// the examples and scenarios under `swift test`); `check` shows progress per variant and ends
/// with a review table no wider than 120 columns.
@Suite struct MainJobTests {
    /// The commands `make run` would run, without running them.
    @Test func makeRunIsBuildThenCheckAndNothingMore() throws {
        let outcome = try Harness.run(URL(fileURLWithPath: "/usr/bin/env"), ["make", "-n", "-C", Harness.packageRoot.path, "run"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let commands = outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("swift ") }
        #expect(commands == ["swift build", "swift run --skip-build vmaspec check"], "\(outcome.stdout)")
    }

    @Test func makeTestRunsTheWholeSuiteAndNamesFailuresByLineAndVariant() throws {
        let outcome = try Harness.run(URL(fileURLWithPath: "/usr/bin/env"), ["make", "-n", "-C", Harness.packageRoot.path, "test"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("swift test --disable-xctest --event-stream-output-path .build/test-events.jsonl --event-stream-version 0"))
        #expect(!outcome.stdout.contains("--filter"))
        #expect(outcome.stdout.contains("vmaspec test-report .build/test-events.jsonl"))
    }

    @Test func theReviewTableFitsIn120ColumnsOrGoesWide() throws {
        let project = try Project.load(root: Harness.packageRoot, configurations: VariantEntry.configurations)
        let rows = try project.reviews.filter { $0.header.kind == .review }.map {
            try ReviewRow(review: $0, project: project, build: "built", evidence: .init())
        }
        #expect(rows.contains { $0.upstream.count > 120 }, "the real upstream texts are long")
        let table = ReviewTable.render(rows, width: 120)
        for line in table.split(separator: "\n") { #expect(line.count <= 120, "\(line)") }
        for row in rows {
            let words = row.upstream.split(separator: " ")
            #expect(table.contains(words.first!) && table.contains(words.last!), "\(row.id): the upstream text is all there")
        }
        let wide = ReviewTable.render(rows, width: nil)
        #expect(wide.split(separator: "\n").count == rows.count + 1)
        #expect(rows.allSatisfy { wide.contains($0.upstream) })
    }

    /// The whole main job on the real spec: progress per variant, every row as expected, the
    /// book, and the review table last.
    @Test func checkShowsProgressAndEndsWithTheReviewTable() throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("vmaspec-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site) }
        let outcome = try Harness.vmaspec(["check", "--root", Harness.packageRoot.path, "--site", site.path])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        for variant in variantRegistry.map(\.name) {
            #expect(outcome.stderr.contains("… \(variant): "), "progress for \(variant)")
        }
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("index.html").path))
        let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 120 }, "\(lines.filter { $0.count > 120 })")
        let table = try #require(lines.firstIndex { $0.hasPrefix("id ") })
        #expect(lines[table...].contains { $0.hasPrefix("naming ") })
        #expect(!outcome.stdout.contains("NOT"))
    }
}
